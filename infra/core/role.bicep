@description('One role assignment on the resource group, for a principal.')
param principalId string

@allowed(['ServicePrincipal', 'User'])
param principalType string

@description('Built-in role definition id (a GUID).')
param roleDefinitionId string

resource assignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, principalId, roleDefinitionId)
  properties: {
    principalId: principalId
    principalType: principalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleDefinitionId)
  }
}
