// Who may do what, each grant at the narrowest scope that works. Every assignment is named
// guid(scope, principalId, roleDefinitionId), so re-running a deployment finds the same assignment
// instead of failing on a duplicate.

param storageAccountName string
param keyVaultName string
param applicationInsightsName string

@description('Principal id of the Function App\'s user-assigned identity.')
param appPrincipalId string

@description('Principal id of the deploying admin (AZURE_PRINCIPAL_ID); empty to grant nothing.')
param adminPrincipalId string = ''
@allowed(['User', 'Group', 'ServicePrincipal'])
param adminPrincipalType string = 'User'

// Built-in role definition ids; the ids are the same in every tenant.
var keyVaultCertificateUserRoleId = 'db79e9a7-68ee-4b58-9aeb-b90e7c24fcba' // Key Vault Certificate User
var keyVaultCryptoUserRoleId = '12338af0-0e69-4776-bea7-57ae8d297424' // Key Vault Crypto User
var keyVaultCertificatesOfficerRoleId = 'a4417e6f-fecd-4de8-b567-7b0420556985' // Key Vault Certificates Officer
var storageTableDataReaderRoleId = '76199698-9eea-4c19-bc75-cec21354c6b6' // Storage Table Data Reader
var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' // Storage Table Data Contributor
var storageBlobDataOwnerRoleId = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b' // Storage Blob Data Owner
var monitoringMetricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb' // Monitoring Metrics Publisher

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: keyVaultName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// --- The Function App's identity ---

// Reads certificates and, through their backing secrets, the private keys that sign tokens.
resource appKeyVaultCertificateUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appPrincipalId, keyVaultCertificateUserRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultCertificateUserRoleId)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Signs with keys that cannot leave Key Vault (non-exportable or HSM certificates) through the
// keys' sign operation; also reads their public part. Cannot create, import or delete keys.
resource appKeyVaultCryptoUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appPrincipalId, keyVaultCryptoUserRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultCryptoUserRoleId)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Reads site settings and never writes them: changing settings is an admin task.
resource appStorageTableDataReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, appPrincipalId, storageTableDataReaderRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataReaderRoleId)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// What the Functions host needs from AzureWebJobsStorage with HTTP triggers only: blobs for locks,
// keys and the deployment package, including creating its containers. No Queue role (no blob or
// queue triggers, no Durable Functions). No Table Contributor either: the host would use it only to
// persist optional diagnostic events, and it would let the service rewrite its own site settings.
resource appStorageBlobDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, appPrincipalId, storageBlobDataOwnerRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwnerRoleId)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// Sends telemetry with Entra auth, since Application Insights has local auth off.
resource appMonitoringMetricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, appPrincipalId, monitoringMetricsPublisherRoleId)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisherRoleId)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// --- The deploying admin: what the postprovision hook and `npx portal-sts` need ---

// Creates and imports signing certificates (no access to other secrets or keys).
resource adminKeyVaultCertificatesOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(adminPrincipalId)) {
  name: guid(vault.id, adminPrincipalId, keyVaultCertificatesOfficerRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultCertificatesOfficerRoleId)
    principalId: adminPrincipalId
    principalType: adminPrincipalType
  }
}

// Reads and writes site settings.
resource adminStorageTableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(adminPrincipalId)) {
  name: guid(storage.id, adminPrincipalId, storageTableDataContributorRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributorRoleId)
    principalId: adminPrincipalId
    principalType: adminPrincipalType
  }
}
