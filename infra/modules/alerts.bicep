// Certificate expiry is never silent. Two signals reach one action group (e-mail to alertEmail):
// - Key Vault's own CertificateNearExpiry / CertificateExpired events (any certificate in the
//   vault, 30 days before), through an Event Grid system topic whose subscription raises an
//   Azure Monitor alert;
// - the service's expiry check (a timer function), which logs `certificate-expiry: ...` as a
//   warning 30 days and as an error 7 days before a followed certificate expires with no newer
//   version: a log search alert per level on Application Insights' traces.

param actionGroupName string
param systemTopicName string
param location string
param tags object
@description('Who is e-mailed; also set as Key Vault\'s certificate contact by the postprovision hook.')
param alertEmail string
param keyVaultName string
param applicationInsightsName string

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: keyVaultName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: actionGroupName
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'portal-sts'
    enabled: true
    emailReceivers: [
      { name: 'certificate-owner', emailAddress: alertEmail, useCommonAlertSchema: true }
    ]
  }
}

resource keyVaultEvents 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: systemTopicName
  location: location
  tags: tags
  properties: {
    source: vault.id
    topicType: 'Microsoft.KeyVault.vaults'
  }
}

// The Azure Monitor alert destination takes CloudEvents only. After an automatic renewal the old
// version still raises its own near-expiry event: `npx portal-sts cert status` shows whether a newer
// version already signs (docs/deploy.md).
resource certificateNearExpiry 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: keyVaultEvents
  name: 'certificate-near-expiry'
  properties: {
    eventDeliverySchema: 'CloudEventSchemaV1_0'
    filter: {
      includedEventTypes: [
        'Microsoft.KeyVault.CertificateNearExpiry'
        'Microsoft.KeyVault.CertificateExpired'
      ]
    }
    destination: {
      endpointType: 'MonitorAlert'
      properties: {
        severity: 'Sev2'
        description: 'A Key Vault certificate of portal-sts expires soon (or has expired).'
        actionGroups: [actionGroup.id]
      }
    }
  }
}

// Errors (7 days or less, no newer version): severity 1.
resource certificateExpiryError 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${applicationInsightsName}-certificate-expiry-error'
  location: location
  tags: tags
  properties: {
    displayName: 'portal-sts: a signing certificate expires within 7 days with no newer version'
    severity: 1
    enabled: true
    scopes: [applicationInsights.id]
    evaluationFrequency: 'PT1H'
    windowSize: 'PT1H'
    criteria: {
      allOf: [
        {
          query: 'traces | where message startswith "certificate-expiry:" and severityLevel >= 3'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    actions: { actionGroups: [actionGroup.id] }
  }
}

// Warnings (30 days or less, no newer version): severity 2, so there is time to act.
resource certificateExpiryWarning 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${applicationInsightsName}-certificate-expiry-warning'
  location: location
  tags: tags
  properties: {
    displayName: 'portal-sts: a signing certificate expires within 30 days with no newer version'
    severity: 2
    enabled: true
    scopes: [applicationInsights.id]
    evaluationFrequency: 'PT1H'
    windowSize: 'PT1H'
    criteria: {
      allOf: [
        {
          query: 'traces | where message startswith "certificate-expiry:" and severityLevel == 2'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    actions: { actionGroups: [actionGroup.id] }
  }
}

output actionGroupId string = actionGroup.id
