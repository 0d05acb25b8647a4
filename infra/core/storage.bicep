@description('The storage account: the app\'s tables and queues, the Functions host\'s own state, and the Flex Consumption deployment package. Shared-key access is off: every caller signs in with Entra ID.')
param name string

@description('Region of the account.')
param location string

@description('Tags for the account.')
param tags object

@description('Tables to create.')
param tables string[]

@description('Queues to create (poison queues included, by name).')
param queues string[]

@description('Blob container that holds the Flex Consumption deployment package.')
param deploymentContainerName string

@description('Name of the user-assigned identity (same resource group) the app runs as: gets the data roles.')
param identityName string

@description('Object id of the deploying principal, for data access from a workstation; empty for none.')
param principalId string

@description('Type of principalId.')
@allowed(['User', 'ServicePrincipal', 'Group'])
param principalType string

// Built-in role definitions (their ids are the same in every tenant).
var dataRoles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: { publicAccess: 'None' }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-01-01' = {
  parent: storage
  name: 'default'
}

resource tableResources 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-01-01' = [
  for table in tables: {
    parent: tableService
    name: table
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-01-01' = {
  parent: storage
  name: 'default'
}

resource queueResources 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-01-01' = [
  for queue in queues: {
    parent: queueService
    name: queue
  }
]

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

// The app's identity: blobs (deployment package, host locks and timers), queues and tables.
resource identityRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in items(dataRoles): {
    scope: storage
    name: guid(storage.id, identity.id, role.value)
    properties: {
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
      description: 'Frontline API identity: ${role.key}'
    }
  }
]

// The deploying user: the same data roles, to inspect data or run the local host against this account.
resource principalRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in items(dataRoles): if (!empty(principalId)) {
    scope: storage
    name: guid(storage.id, principalId, role.value)
    properties: {
      principalId: principalId
      principalType: principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
      description: 'Frontline deploying principal: ${role.key}'
    }
  }
]

output name string = storage.name
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output queueEndpoint string = storage.properties.primaryEndpoints.queue
output tableEndpoint string = storage.properties.primaryEndpoints.table
output deploymentContainerUrl string = '${storage.properties.primaryEndpoints.blob}${deploymentContainer.name}'
