// portal-sts for one portal: a Flex Consumption Function App, its storage (host + SiteSettings
// table), a Key Vault for signing certificates, monitoring, and the role assignments tying them
// together. Deployed with `azd up`; see docs/deploy.md. The default signing certificate and the
// default site's first settings row are created afterwards by infra/hooks/postprovision.*.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; names the resource group and seeds the resource names.')
param environmentName string

@minLength(1)
@description('Azure region for every resource: one that offers Flex Consumption (az functionapp list-flexconsumption-locations).')
@allowed([
  'australiaeast'
  'australiasoutheast'
  'brazilsouth'
  'canadacentral'
  'centralindia'
  'centralus'
  'eastasia'
  'eastus'
  'eastus2'
  'francecentral'
  'germanywestcentral'
  'italynorth'
  'japaneast'
  'koreacentral'
  'northcentralus'
  'northeurope'
  'norwayeast'
  'southafricanorth'
  'southcentralus'
  'southeastasia'
  'southindia'
  'spaincentral'
  'swedencentral'
  'uaenorth'
  'uksouth'
  'westcentralus'
  'westeurope'
  'westus'
  'westus2'
  'westus3'
])
param location string

@description('Object id of the admin running azd (AZURE_PRINCIPAL_ID); gets certificate and settings access. Empty for none.')
param principalId string = ''
@allowed(['User', 'Group', 'ServicePrincipal'])
param principalType string = 'User'

@minLength(1)
@maxLength(63)
@description('The site id served by /_services/auth/* (lowercase letters, digits, hyphen).')
param defaultSite string

@description('Public URL of the service behind Front Door (custom domain); empty for https://<app>.azurewebsites.net. Set, Easy Auth trusts X-Forwarded-Host.')
param publicBaseUrl string = ''

@minLength(3)
@description('Who hears about certificate expiry: the alerts\' action group and Key Vault\'s certificate contacts (set by the postprovision hook).')
param alertEmail string

@allowed(['standard', 'premium'])
@description('Key Vault tier; premium allows HSM-backed keys (RSA-HSM, EC-HSM).')
param keyVaultSku string = 'standard'

@description('Name of the Key Vault certificate used when a site names no thumbprint.')
param defaultCertificateName string = 'portal-sts-signing'

@description('How long an instance caches a site\'s settings, in seconds (0 reads the table every time).')
@minValue(0)
param siteSettingsTtlSeconds int = 30

@minLength(1)
@description('Client (application) id of the Entra app registration users sign in with (Easy Auth).')
param authClientId string

@description('Tenant id of that app registration; empty for the deployment\'s tenant.')
param authTenantId string = ''

@description('Flex Consumption instance ceiling (40 to 1000); also caps the bill.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

// Globally unique names need a suffix; this one is stable for a subscription + environment.
var token = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var settingsTableName = 'SiteSettings'
var appName = 'func-${token}'

resource rg 'Microsoft.Resources/resourceGroups@2024-11-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: { name: 'id-${token}', location: location, tags: tags }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${token}'
    applicationInsightsName: 'appi-${token}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${token}'
    location: location
    tags: tags
    deploymentContainerName: 'app-package-${token}'
    settingsTableName: settingsTableName
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: { name: 'kv-${token}', location: location, tags: tags, sku: keyVaultSku }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    actionGroupName: 'ag-${token}'
    systemTopicName: 'evgt-kv-${token}'
    location: location
    tags: tags
    alertEmail: alertEmail
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
  }
}

module roles 'modules/role-assignments.bicep' = {
  name: 'role-assignments'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    appPrincipalId: identity.outputs.principalId
    adminPrincipalId: principalId
    adminPrincipalType: principalType
  }
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  scope: rg
  // The host reads its deployment package and storage as soon as it starts: grant first.
  dependsOn: [roles]
  params: {
    planName: 'plan-${token}'
    appName: appName
    location: location
    tags: tags
    // azd deploys the `api` service to the site carrying this tag (the module tags the site only).
    serviceName: 'api'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    blobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    defaultSite: defaultSite
    publicBaseUrl: publicBaseUrl
    siteSettingsTableUrl: storage.outputs.tableEndpoint
    siteSettingsTableName: storage.outputs.settingsTableName
    siteSettingsTtlSeconds: siteSettingsTtlSeconds
    keyVaultUrl: keyVault.outputs.uri
    defaultCertificateName: defaultCertificateName
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    authClientId: authClientId
    authTenantId: empty(authTenantId) ? tenant().tenantId : authTenantId
  }
}

// azd stores every output in the environment (.azure/<env>/.env); the hooks and docs use them.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output SERVICE_API_URI string = functionApp.outputs.serviceUrl
output TOKEN_ENDPOINT string = '${functionApp.outputs.serviceUrl}/_services/auth/token'
output PUBLIC_KEY_URL string = '${functionApp.outputs.serviceUrl}/_services/auth/publickey'
output OPENID_CONFIGURATION_URL string = '${functionApp.outputs.serviceUrl}/.well-known/openid-configuration'
output AUTH_CALLBACK_URL string = 'https://${functionApp.outputs.defaultHostName}/.auth/login/aad/callback'
// The callback on the public host (Front Door); the same as AUTH_CALLBACK_URL without one.
output PUBLIC_AUTH_CALLBACK_URL string = '${functionApp.outputs.serviceUrl}/.auth/login/aad/callback'
output ALERT_EMAIL string = alertEmail
output DEFAULT_SITE string = defaultSite
output DEFAULT_CERTIFICATE_NAME string = defaultCertificateName
output KEY_VAULT_NAME string = keyVault.outputs.name
output KEY_VAULT_URL string = keyVault.outputs.uri
output STORAGE_ACCOUNT_NAME string = storage.outputs.name
output SITE_SETTINGS_TABLE_URL string = storage.outputs.tableEndpoint
output SITE_SETTINGS_TABLE_NAME string = storage.outputs.settingsTableName
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
