targetScope = 'subscription'

metadata description = 'Frontline on Azure: Functions (Flex Consumption) + Static Web App + Storage tables and queues + Key Vault, identity-based throughout.'

@minLength(1)
@maxLength(64)
@description('azd environment name; names the resource group and tags everything.')
param environmentName string

@minLength(1)
@description('Region for everything but the Static Web App; one that offers Flex Consumption (e.g. eastasia, southeastasia, eastus2, westeurope).')
@metadata({ azd: { type: 'location' } })
param location string

@description('Region for the Static Web App, which is offered in fewer regions.')
@allowed(['eastasia', 'eastus2', 'westus2', 'centralus', 'westeurope'])
param webLocation string = 'eastasia'

@description('Object id of the deploying principal (azd sets AZURE_PRINCIPAL_ID): gets data access to storage. Empty for none.')
param principalId string = ''

@description('Type of principalId: User from a workstation, ServicePrincipal from a pipeline.')
@allowed(['User', 'ServicePrincipal'])
param principalType string = 'User'

@description('Application (client) id of the API\'s Entra ID app registration (infra/scripts/entra-app.sh creates it); may be empty on a first run.')
param apiClientId string = ''

@secure()
@description('Base64 of 32 random bytes: encrypts personal data at rest. The preprovision hook generates it once per environment.')
param personalDataKey string

@secure()
@description('Comma-separated base64 keys kept for decryption only while a key rotation re-encrypts old records; empty normally.')
param previousPersonalDataKeys string = ''

@secure()
@description('Base64 of 32 random bytes: keys the phone hash that de-duplicates volunteers. Generated once; not rotated casually.')
param phoneHashKey string

@description('6-field NCRONTAB for the bulletin timer. Timers on Linux (Flex Consumption) run in UTC: 0 30 0 * * * is 08:30 in Asia/Shanghai.')
param bulletinSchedule string = '0 30 0 * * *'

@description('IANA time zone of the deployment\'s calendar: what "today" means for counts and bulletins.')
param timeZone string = 'Asia/Shanghai'

@description('Turn on Key Vault purge protection (cannot be turned off again; the vault name stays taken for the retention period after deletion).')
param keyVaultPurgeProtection bool = false

@description('Link the Function App as the Static Web App\'s /api backend. Linking makes the site the only way in to the API.')
param linkApiToWeb bool = true

@description('The bulletin series (Frontline:Bulletins): title, issuing office, cadence, review.')
param bulletinTitle string = '政工简讯'
@description('Issuing office named on each bulletin (来源).')
param bulletinOffice string = '前线志愿服务指挥部'
@description('The issuing office\'s short name, which opens the title line and heads the masthead (四川省地方志办).')
param bulletinShortName string = ''
@description('How often a bulletin is composed.')
@allowed(['daily', 'weekly'])
param bulletinCadence string = 'daily'
@description('A composed bulletin waits as a draft until a coordinator approves it.')
param bulletinRequireReview bool = true
@description('Final reviewer named on bulletins published without review.')
param bulletinReviewer string = ''

@description('E-mail address for the operations alerts (poison messages, stuck queues, a late bulletin, server errors, storage throttling); empty for none.')
param alertEmail string = ''

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }

var identityName = '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
var webName = '${abbrs.webStaticSites}${resourceToken}'

// Tables and queues: the ones the app uses today (Frontline/Storage/StorageNames.cs: Volunteers, Deployment,
// DailyCounts, RollUps, Bulletins, VolunteerDirectory, Outbox, QueueFailures, Contributions,
// ApplicationBindings, IdempotencyKeys, AuditTrail, Indicators, Areas, DispatchBatches, Shifts, Teams; registrations, daily-counts, reminders,
// each with its -poison queue) and the ones planned for it. The app also creates its own at start; creating them
// here lets the identity's data roles stay data-only.
var tables = ['Volunteers', 'VolunteerPhones', 'Registrations', 'Units', 'Sites', 'Deployment', 'DailyCounts', 'RollUps', 'Bulletins', 'VolunteerDirectory', 'Outbox', 'QueueFailures', 'Contributions', 'ApplicationBindings', 'IdempotencyKeys', 'AuditTrail', 'Indicators', 'Areas', 'DispatchBatches', 'Shifts', 'Teams', 'Leases']
var queueNames = ['registrations', 'daily-counts', 'reminders']
var queues = flatten(map(queueNames, queue => [queue, '${queue}-poison']))

resource rg 'Microsoft.Resources/resourceGroups@2024-11-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'core/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

module storage 'core/storage.bicep' = {
  name: 'storage'
  scope: rg
  dependsOn: [identity]
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    tables: tables
    queues: queues
    deploymentContainerName: 'app-package-${take(resourceToken, 7)}'
    identityName: identityName
    principalId: principalId
    principalType: principalType
  }
}

module monitoring 'core/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  dependsOn: [identity]
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
    identityName: identityName
  }
}

module keyVault 'core/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  dependsOn: [identity]
  params: {
    name: '${abbrs.keyVaultVaults}${resourceToken}'
    location: location
    tags: tags
    identityName: identityName
    personalDataKey: personalDataKey
    previousPersonalDataKeys: previousPersonalDataKeys
    hasPreviousPersonalDataKeys: !empty(previousPersonalDataKeys)
    phoneHashKey: phoneHashKey
    enablePurgeProtection: keyVaultPurgeProtection
  }
}

module web 'app/staticwebapp.bicep' = {
  name: 'web'
  scope: rg
  params: {
    name: webName
    location: webLocation
    tags: tags
  }
}

module api 'app/functions.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: '${abbrs.webSitesFunctions}api-${resourceToken}'
    planName: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    personalDataKeyUri: keyVault.outputs.personalDataKeyUri
    previousPersonalDataKeysUri: keyVault.outputs.previousPersonalDataKeysUri
    phoneHashKeyUri: keyVault.outputs.phoneHashKeyUri
    bulletinSchedule: bulletinSchedule
    timeZone: timeZone
    apiClientId: apiClientId
    allowedOrigins: [web.outputs.uri]
    extraSettings: {
      Frontline__Bulletins__Title: bulletinTitle
      Frontline__Bulletins__Office: bulletinOffice
      Frontline__Bulletins__ShortName: bulletinShortName
      Frontline__Bulletins__Cadence: bulletinCadence
      Frontline__Bulletins__RequireReview: string(bulletinRequireReview)
      Frontline__Bulletins__Reviewer: bulletinReviewer
    }
  }
}

module alerts 'core/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  dependsOn: [monitoring, storage]
  params: {
    location: location
    tags: tags
    // The names as the modules above are given them (known before deployment), so What-If can predict the rules.
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    storageAccountName: '${abbrs.storageStorageAccounts}${resourceToken}'
    alertEmail: alertEmail
  }
}

module webBackend 'app/staticwebapp-link.bicep' = if (linkApiToWeb) {
  name: 'web-backend'
  scope: rg
  params: {
    staticWebAppName: webName
    functionAppId: api.outputs.id
    functionAppLocation: location
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
@description('The Function App\'s own address. Once linked to the site, it answers only requests that come through WEB_URI/api.')
output API_BASE_URL string = api.outputs.uri
output WEB_URI string = web.outputs.uri
@description('What the site should put before /api/...: empty (same origin, through the link) or the Function App.')
output WEB_API_BASE_URL string = linkApiToWeb ? '' : api.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
