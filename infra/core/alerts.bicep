// What an operator must hear about within minutes during an emergency, as alert rules with one action group.
// The application's own metrics (Frontline.Telemetry: queue depth, oldest message age, poison messages, bulletins
// published) reach Application Insights' customMetrics table through the Functions app's OpenTelemetry exporter.

@description('Region of the log alert rules (the Application Insights component\'s).')
param location string

@description('Tags for every rule and the action group.')
param tags object

@description('Name of the Application Insights component the log alerts query.')
param applicationInsightsName string

@description('Name of the storage account whose throttling is watched.')
param storageAccountName string

@description('E-mail address that receives every alert; empty for none (the rules still fire and show in the portal).')
param alertEmail string

@description('Server errors (5xx) in 5 minutes above which the API is alerted on.')
@minValue(1)
param serverErrorThreshold int = 10

@description('Minutes after the bulletin\'s due time before a missing bulletin is alerted on (the timer publishes at its schedule).')
@minValue(15)
param bulletinGraceMinutes int = 30

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource storageAccount 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-frontline-${uniqueString(resourceGroup().id)}'
  location: 'Global'
  tags: tags
  properties: {
    groupShortName: 'frontline'
    enabled: true
    emailReceivers: empty(alertEmail) ? [] : [
      { name: 'operator', emailAddress: alertEmail, useCommonAlertSchema: true }
    ]
  }
}

// Each log alert: a query over Application Insights that returns rows only when something is wrong.
var logAlerts = [
  {
    name: 'poison-messages'
    displayName: 'Frontline: poison messages present'
    description: 'A queue message failed five times and was moved to <queue>-poison. Read its reason in the console (毒消息) and replay it once the cause is fixed.'
    severity: 1
    frequency: 'PT5M'
    window: 'PT15M'
    query: 'customMetrics | where name == "frontline.queue.poison" | extend queue = tostring(customDimensions.queue) | summarize poison = max(value) by queue | where poison > 0'
  }
  {
    name: 'queue-stuck'
    displayName: 'Frontline: a queue\'s oldest message is older than 5 minutes'
    description: 'Registrations, counts or reminders are waiting longer than they should: the handler is failing or too slow. Check the health detail and the Functions app\'s failures.'
    severity: 2
    frequency: 'PT5M'
    window: 'PT15M'
    query: 'customMetrics | where name == "frontline.queue.oldest_age" | extend queue = tostring(customDimensions.queue) | summarize oldestSeconds = max(value) by queue | where oldestSeconds > 300'
  }
  {
    name: 'bulletin-late'
    displayName: 'Frontline: no bulletin published in the last day'
    description: 'The daily bulletin did not go out by its due time plus the grace: a draft may be waiting for approval, or the timer failed. Open the console\'s drafts, or run POST /api/bulletins/run.'
    severity: 2
    frequency: 'PT15M'
    window: 'P2D'
    query: 'let published = toscalar(customMetrics | where timestamp > ago(${24 * 60 + bulletinGraceMinutes}m) | where name == "frontline.bulletins.published" | summarize sum(valueSum)); print published = coalesce(published, 0.0) | where published < 1'
  }
  {
    name: 'server-errors'
    displayName: 'Frontline: server errors above the threshold'
    description: 'The API answered 5xx more than the threshold in 5 minutes: storage may be unreachable (503) or a handler failing (500). Check the failures blade.'
    severity: 1
    frequency: 'PT5M'
    window: 'PT5M'
    query: 'requests | where toint(resultCode) >= 500 | summarize errors = count() | where errors > ${serverErrorThreshold}'
  }
]

resource logAlertRules 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [for alert in logAlerts: {
  name: 'alert-frontline-${alert.name}'
  location: location
  tags: tags
  properties: {
    displayName: alert.displayName
    description: alert.description
    severity: alert.severity
    enabled: true
    scopes: [applicationInsights.id]
    evaluationFrequency: alert.frequency
    windowSize: alert.window
    criteria: {
      allOf: [
        {
          query: alert.query
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    actions: { actionGroups: [actionGroup.id] }
  }
}]

// Storage answering 503 Server Busy (a partition or the account past its targets) or throttling the client.
resource throttling 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'alert-frontline-storage-throttling'
  location: 'global'
  tags: tags
  properties: {
    description: 'Azure Storage throttled Frontline (ServerBusyError or ClientThrottlingError): a partition or the account is past its scalability targets. Nothing is lost (the app retries), but arrivals slow; see the README\'s capacity model.'
    severity: 2
    enabled: true
    scopes: [storageAccount.id]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'throttled-transactions'
          metricNamespace: 'Microsoft.Storage/storageAccounts'
          metricName: 'Transactions'
          dimensions: [
            { name: 'ResponseType', operator: 'Include', values: ['ServerBusyError', 'ClientThrottlingError'] }
          ]
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Total'
        }
      ]
    }
    actions: [{ actionGroupId: actionGroup.id }]
  }
}

output actionGroupId string = actionGroup.id
output alertRuleNames array = concat(map(logAlerts, alert => 'alert-frontline-${alert.name}'), [throttling.name])
