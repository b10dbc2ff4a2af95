// One storage account for the Functions host (AzureWebJobsStorage, the deployment package) and the
// SiteSettings table. Shared keys are off: every caller signs in with Entra ID, so there is no
// account key to leak, rotate or paste into an app setting.

param name string
param location string
param tags object
param deploymentContainerName string
param settingsTableName string

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    // Flex Consumption without a virtual network reaches storage over its public endpoint.
    publicNetworkAccess: 'Enabled'
    networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' = {
  parent: storage
  name: 'default'
}

// Flex Consumption runs the app from a zip package in this container.
resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: { publicAccess: 'None' }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-01-01' = {
  parent: storage
  name: 'default'
}

resource settingsTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-01-01' = {
  parent: tableService
  name: settingsTableName
}

output name string = storage.name
output blobEndpoint string = storage.properties.primaryEndpoints.blob
// Without the trailing slash of primaryEndpoints.table: the Tables SDK appends '/<table>' itself.
output tableEndpoint string = 'https://${storage.name}.table.${environment().suffixes.storage}'
output deploymentContainerName string = deploymentContainer.name
output settingsTableName string = settingsTable.name
