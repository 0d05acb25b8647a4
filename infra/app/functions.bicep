@description('Name of the Function App (the Frontline API).')
param name string

@description('Name of its Flex Consumption plan.')
param planName string

@description('Region of the plan and the app (one where Flex Consumption is offered).')
param location string

@description('Tags; the app also gets azd-service-name: api.')
param tags object

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity (identity-based connections name it).')
param identityClientId string

@description('Blob endpoint of the storage account (https://<account>.blob.core.windows.net/).')
param storageBlobEndpoint string

@description('Queue endpoint of the storage account.')
param storageQueueEndpoint string

@description('Table endpoint of the storage account.')
param storageTableEndpoint string

@description('URL of the blob container that holds the deployment package.')
param deploymentContainerUrl string

@description('Application Insights connection string (local auth is off; the identity publishes with Entra ID).')
param applicationInsightsConnectionString string

@description('Versionless Key Vault URI of the secret personal-data-key.')
param personalDataKeyUri string

@description('Versionless Key Vault URI of the secret previous-personal-data-keys; empty when there is none.')
param previousPersonalDataKeysUri string

@description('Versionless Key Vault URI of the secret phone-hash-key.')
param phoneHashKeyUri string

@description('6-field NCRONTAB for the bulletin timer, evaluated in UTC on Linux.')
param bulletinSchedule string

@description('IANA time zone of the deployment\'s calendar (Frontline:TimeZone).')
param timeZone string

@description('Application (client) id of the API\'s Entra ID app registration; empty until the hook has created it.')
param apiClientId string

@description('Origins allowed to call the API from a browser (the Static Web App).')
param allowedOrigins string[]

@description('Further app settings (name: value), merged over the ones above.')
param extraSettings object

@description('Flex Consumption scale-out limit.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Flex Consumption instance size.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

// Identity-based connections only: no account keys, no connection strings with secrets.
var settings = union(
  {
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    AzureWebJobsStorage__blobServiceUri: storageBlobEndpoint
    AzureWebJobsStorage__queueServiceUri: storageQueueEndpoint
    AzureWebJobsStorage__tableServiceUri: storageTableEndpoint
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    // The worker's OpenTelemetry exporter signs in with this identity (Program.cs).
    AZURE_CLIENT_ID: identityClientId
    BulletinSchedule: bulletinSchedule
    // Reminders are recorded in the Outbox table; an SMS or email provider registered under another name replaces it.
    Frontline__Notifications__Sender: 'outbox'
    Frontline__TimeZone: timeZone
    Frontline__PersonalDataKey: '@Microsoft.KeyVault(SecretUri=${personalDataKeyUri})'
    Frontline__PreviousPersonalDataKeys: empty(previousPersonalDataKeysUri) ? '' : '@Microsoft.KeyVault(SecretUri=${previousPersonalDataKeysUri})'
    Frontline__PhoneHashKey: '@Microsoft.KeyVault(SecretUri=${phoneHashKeyUri})'
    // https://login.microsoftonline.com/ in the public cloud.
    AzureAd__Instance: environment().authentication.loginEndpoint
    AzureAd__TenantId: tenant().tenantId
    AzureAd__ClientId: apiClientId
    AzureAd__Audience: empty(apiClientId) ? '' : 'api://${apiClientId}'
  },
  extraSettings
)

resource functionApp 'Microsoft.Web/sites@2024-11-01' = {
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
    publicNetworkAccess: 'Enabled'
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      cors: { allowedOrigins: allowedOrigins, supportCredentials: false }
      appSettings: [for setting in items(settings): { name: setting.key, value: setting.value }]
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identityId }
        }
      }
      scaleAndConcurrency: { maximumInstanceCount: maximumInstanceCount, instanceMemoryMB: instanceMemoryMB }
      runtime: { name: 'dotnet-isolated', version: '10.0' }
    }
  }
}

output id string = functionApp.id
output name string = functionApp.name
output uri string = 'https://${functionApp.properties.defaultHostName}'
