@description('The Frontline API: a Function App on the Flex Consumption plan (dotnet-isolated 10.0), running as a user-assigned identity with identity-based connections only.')
param name string
param planName string
param location string
param tags object

param identityId string
param identityClientId string

param storageBlobEndpoint string
param storageQueueEndpoint string
param storageTableEndpoint string
param deploymentContainerName string

param applicationInsightsConnectionString string

@description('Versionless Key Vault secret URIs of the personal-data keys.')
param personalDataKeyUri string
param phoneHashKeyUri string

@description('6-field NCRONTAB, UTC (Functions on Linux has no time zone setting): 0 30 0 * * * is 08:30 in Beijing.')
param bulletinSchedule string
param timeZone string

param apiClientId string
param allowedOrigins array

@description('App settings the app reads beyond storage, keys and sign-in (such as the bulletin series).')
param extraSettings object = {}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

var baseSettings = {
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: storageBlobEndpoint
  AzureWebJobsStorage__queueServiceUri: storageQueueEndpoint
  AzureWebJobsStorage__tableServiceUri: storageTableEndpoint
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  BulletinSchedule: bulletinSchedule
  Frontline__TimeZone: timeZone
  Frontline__PersonalDataKey: '@Microsoft.KeyVault(SecretUri=${personalDataKeyUri})'
  Frontline__PhoneHashKey: '@Microsoft.KeyVault(SecretUri=${phoneHashKeyUri})'
  AzureAd__Instance: environment().authentication.loginEndpoint
  AzureAd__TenantId: tenant().tenantId
  AzureAd__ClientId: apiClientId
  AzureAd__Audience: empty(apiClientId) ? '' : 'api://${apiClientId}'
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      cors: { allowedOrigins: allowedOrigins }
      appSettings: [for setting in items(union(baseSettings, extraSettings)): { name: setting.key, value: setting.value }]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainerName}'
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identityId }
        }
      }
      scaleAndConcurrency: { maximumInstanceCount: 100, instanceMemoryMB: 2048 }
      runtime: { name: 'dotnet-isolated', version: '10.0' }
    }
  }
}

output id string = functionApp.id
output name string = functionApp.name
output uri string = 'https://${functionApp.properties.defaultHostName}'
