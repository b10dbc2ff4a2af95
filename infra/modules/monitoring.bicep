// Logs and telemetry. Local (key-based) auth is off on both: Application Insights accepts only
// telemetry sent with an Entra token (the app identity holds Monitoring Metrics Publisher), so a
// leaked connection string cannot be used to write fake telemetry.

param logAnalyticsName string
param applicationInsightsName string
param location string
param tags object
@description('Days Log Analytics keeps data; 30 is included in the ingestion price.')
param retentionInDays int = 30

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: retentionInDays
    features: {
      disableLocalAuth: true
    }
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    DisableLocalAuth: true
  }
}

output applicationInsightsName string = applicationInsights.name
// A connection string is an endpoint plus instrumentation key, not a secret once local auth is off.
output connectionString string = applicationInsights.properties.ConnectionString
output logAnalyticsName string = logAnalytics.name
