targetScope = 'subscription'

metadata description = 'Frontline on Azure: Functions (Flex Consumption) + Static Web App + Storage tables and queues, identity-based throughout.'

@minLength(1)
@maxLength(64)
@description('azd environment name; names and tags everything.')
param environmentName string

@minLength(1)
@description('Region for the resources.')
param location string

@description('Region for the Static Web App (offered in fewer regions).')
@allowed(['eastasia', 'eastus2', 'westus2', 'centralus', 'westeurope'])
param webLocation string = 'eastasia'

@description('Object id of the deploying user: gets data access to storage for local runs against Azure.')
param principalId string = ''

@description('Application (client) id of the API\'s Entra ID app registration (the preprovision hook creates it).')
param apiClientId string = ''

@secure()
@description('Base64 of 32 random bytes (the preprovision hook generates it once per environment).')
param personalDataKey string

@secure()
@description('Base64 of 32 random bytes (the preprovision hook generates it once per environment).')
param phoneHashKey string

@description('6-field NCRONTAB in UTC for the bulletin timer.')
param bulletinSchedule string = '0 30 0 * * *'

param timeZone string = 'Asia/Shanghai'

@description('The bulletin series: title, issuing office, cadence, review.')
param bulletinTitle string = '政工简讯'
param bulletinOffice string = '前线志愿服务指挥部'
@allowed(['daily', 'weekly'])
param bulletinCadence string = 'daily'
param bulletinRequireReview bool = true
param bulletinReviewer string = ''

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var deploymentContainerName = 'app-package-${take(resourceToken, 7)}'

// Role definition ids (built-in).
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
}

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'core/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'core/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    tables: ['Volunteers', 'Deployment', 'DailyCounts', 'RollUps', 'Bulletins']
    queues: ['registrations', 'daily-counts']
    deploymentContainerName: deploymentContainerName
  }
}

module monitoring 'core/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
  }
}

module keyVault 'core/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: '${abbrs.keyVaultVaults}${resourceToken}'
    location: location
    tags: tags
    personalDataKey: personalDataKey
    phoneHashKey: phoneHashKey
  }
}

var webName = '${abbrs.webStaticSites}${resourceToken}'

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
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    personalDataKeyUri: keyVault.outputs.personalDataKeyUri
    phoneHashKeyUri: keyVault.outputs.phoneHashKeyUri
    bulletinSchedule: bulletinSchedule
    timeZone: timeZone
    apiClientId: apiClientId
    allowedOrigins: ['https://portal.azure.com']
    extraSettings: {
      Frontline__Bulletins__Title: bulletinTitle
      Frontline__Bulletins__Office: bulletinOffice
      Frontline__Bulletins__Cadence: bulletinCadence
      Frontline__Bulletins__RequireReview: string(bulletinRequireReview)
      Frontline__Bulletins__Reviewer: bulletinReviewer
    }
  }
}

module web 'app/staticwebapp.bicep' = {
  name: 'web'
  scope: rg
  params: {
    name: webName
    location: webLocation
    tags: tags
    functionAppId: api.outputs.id
    functionAppLocation: location
  }
}

// The app's identity reads and writes its data, publishes telemetry and reads its keys.
var identityRoles = [roles.storageBlobDataOwner, roles.storageQueueDataContributor, roles.storageTableDataContributor, roles.monitoringMetricsPublisher, roles.keyVaultSecretsUser]
module identityRoleAssignments 'core/role.bicep' = [for role in identityRoles: {
  name: 'identity-role-${role}'
  scope: rg
  params: {
    principalId: identity.outputs.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: role
  }
}]

// The deploying user gets data access too, to run the local host against the Azure storage when needed.
var userRoles = empty(principalId) ? [] : [roles.storageBlobDataOwner, roles.storageQueueDataContributor, roles.storageTableDataContributor]
module userRoleAssignments 'core/role.bicep' = [for role in userRoles: {
  name: 'user-role-${role}'
  scope: rg
  params: {
    principalId: principalId
    principalType: 'User'
    roleDefinitionId: role
  }
}]

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output API_BASE_URL string = api.outputs.uri
output WEB_URI string = web.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
