// The Function App's identity. User-assigned rather than system-assigned because:
// - its principal id exists before the Function App does, so every role assignment is in place
//   when the host first starts (no first-start failures reading the deployment package);
// - Flex Consumption's deployment storage authentication can name it at creation time;
// - it survives deleting and recreating the Function App, and its grants with it.
// The price: DefaultAzureCredential must be told which identity to use (AZURE_CLIENT_ID), and so
// must the Functions host (AzureWebJobsStorage__clientId) and Application Insights (ClientId=...).

param name string
param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
