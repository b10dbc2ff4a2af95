// The token service: a Linux Function App on the Flex Consumption plan (FC1), Node 22, running as
// a user-assigned identity, behind App Service Authentication (Easy Auth).

param planName string
param appName string
param location string
@description('Tags for both resources; the site alone also gets azd-service-name.')
param tags object
@description('The azure.yaml service deployed to the site (azd finds the site by this tag).')
param serviceName string = 'api'

param identityId string
param identityClientId string

param storageAccountName string
param blobEndpoint string
param deploymentContainerName string
param applicationInsightsConnectionString string

// The service's own settings (shared/config.ts).
@description('The site id served by /_services/auth/*.')
param defaultSite string
@description('The public URL of the service (its host is the token issuer); empty for https://<defaultHostName>.')
param publicBaseUrl string = ''
param siteSettingsTableUrl string
param siteSettingsTableName string
@description('How long an instance caches a site\'s settings, in seconds.')
param siteSettingsTtlSeconds int = 30
param keyVaultUrl string
param defaultCertificateName string
@description('While Table storage or Key Vault fails, how long past its TTL the last good settings and default certificate are served, in seconds.')
@minValue(0)
@maxValue(604800)
param backendStaleIfErrorSeconds int = 3600

@description('Upper bound on instances; also a cost ceiling. Flex Consumption accepts 40 to 1000.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Client (application) id of the Entra app registration users sign in with.')
param authClientId string
@description('Tenant of that app registration.')
param authTenantId string

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: {
    reserved: true // Linux
  }
}

// Only the site carries azd-service-name: azd before 1.23.4 fails when two resources carry it.
resource app 'Microsoft.Web/sites@2024-11-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      // No platform CORS: the functions answer CORS themselves, per site (the origins of registered
      // redirect URIs plus ImplicitGrantFlow/CorsAllowedOrigins, with credentials; discovery and
      // JWKS open to all). Platform CORS would take over every response and break that.
      cors: {
        allowedOrigins: []
      }
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      // Flex Consumption takes the runtime from here; FUNCTIONS_WORKER_RUNTIME and
      // FUNCTIONS_EXTENSION_VERSION are not allowed as app settings on this plan.
      runtime: { name: 'node', version: '22' }
    }
  }
}

// Without a trailing slash, so that '${serviceUrl}/path' (the outputs, the docs) never has '//'.
var publicBase = endsWith(publicBaseUrl, '/') ? substring(publicBaseUrl, 0, length(publicBaseUrl) - 1) : publicBaseUrl
var serviceUrl = empty(publicBase) ? 'https://${app.properties.defaultHostName}' : publicBase

// The platform's settings, then the service's. Nothing else: every name here is read by the code
// (shared/config.ts), the Functions host, the Azure SDK or Application Insights; test/infra checks it.
resource appSettings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: app
  name: 'appsettings'
  properties: {
    // Identity-based host storage: no connection string, no account key.
    AzureWebJobsStorage__accountName: storageAccountName
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    // Which identity DefaultAzureCredential uses for Key Vault and Table storage.
    AZURE_CLIENT_ID: identityClientId
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
    // Entra-authenticated telemetry (local auth is off on the Application Insights resource).
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'

    DEFAULT_SITE: defaultSite
    PUBLIC_BASE_URL: serviceUrl
    SITE_SETTINGS_TABLE_URL: siteSettingsTableUrl
    SITE_SETTINGS_TABLE_NAME: siteSettingsTableName
    SITE_SETTINGS_TTL_SECONDS: string(siteSettingsTtlSeconds)
    CERTIFICATE_SOURCE: 'keyvault'
    KEY_VAULT_URL: keyVaultUrl
    DEFAULT_CERTIFICATE_NAME: defaultCertificateName
    // Must match the identity provider configured in authsettingsV2 below (/.auth/login/aad).
    AUTH_LOGIN_PROVIDER: 'aad'
    BACKEND_STALE_IF_ERROR_SECONDS: string(backendStaleIfErrorSeconds)
  }
}

// Deployments (azd, OneDeploy) authenticate with Entra ID; FTP and SCM basic auth stay off.
// The site's config children are written one after another (appsettings, authsettingsV2, ftp,
// scm): written in parallel, they restart the site concurrently and fail with 409 Conflict.
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: app
  name: 'ftp'
  dependsOn: [authSettings]
  properties: { allow: false }
}

resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: app
  name: 'scm'
  dependsOn: [ftpBasicAuth]
  properties: { allow: false }
}

// Easy Auth signs users in; the function decides what needs a user (AllowAnonymous), as
// /_services/auth/token redirects to /.auth/login/aad itself and the public key, discovery and
// JWKS endpoints must stay anonymous.
// No client secret: Easy Auth only needs to know who the user is, which an ID token (implicit
// id_token / form_post) tells it. Without a secret there is nothing to store or rotate; the price
// is that Easy Auth cannot fetch access tokens for other APIs, which this service never calls.
resource authSettings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: app
  name: 'authsettingsV2'
  dependsOn: [appSettings]
  properties: {
    platform: { enabled: true, runtimeVersion: '~1' }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
      redirectToProvider: 'azureactivedirectory'
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: authClientId
          openIdIssuer: 'https://login.microsoftonline.com/${authTenantId}/v2.0'
        }
      }
    }
    login: {
      // Off: the service reads only the principal headers, nothing reads stored tokens, and Flex
      // Consumption has no shared file system to keep them in.
      tokenStore: { enabled: false }
    }
    httpSettings: {
      requireHttps: true
      // Behind Front Door (PUBLIC_BASE_URL set), Easy Auth must build its callback URL and cookie
      // for the public host, which it reads from X-Forwarded-Host ('Standard'). Without a public
      // host it ignores forwarded headers.
      forwardProxy: { convention: empty(publicBase) ? 'NoProxy' : 'Standard' }
    }
  }
}

output name string = app.name
output defaultHostName string = app.properties.defaultHostName
output serviceUrl string = serviceUrl
