// The vault that holds the signing certificates. Access is by Azure RBAC only (no access
// policies), so who may read keys is visible in the same place as every other grant.
// Purge protection: a deleted signing key can be recovered for 90 days and cannot be purged early,
// even by an admin, which is what you want for the key your relying parties trust. The cost:
// `azd down` leaves the vault soft-deleted and its name taken until the retention period ends.

param name string
param location string
param tags object
@allowed(['standard', 'premium'])
@description('premium allows HSM-backed keys (RSA-HSM, EC-HSM), which never leave the HSM.')
param sku string = 'standard'

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: sku }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    // The Function App (no virtual network) and the admin's az CLI reach it over the public endpoint.
    publicNetworkAccess: 'Enabled'
    networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' }
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
