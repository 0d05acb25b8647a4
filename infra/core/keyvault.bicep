@description('Name of the Key Vault (RBAC authorization) that holds the keys protecting personal data.')
param name string

@description('Region of the vault.')
param location string

@description('Tags for the vault.')
param tags object

@description('Name of the user-assigned identity (same resource group) that reads the secrets through Key Vault references.')
param identityName string

@secure()
@description('Base64 of 32 random bytes: encrypts phone numbers at rest (secret personal-data-key).')
param personalDataKey string

@secure()
@description('Comma-separated base64 keys that still decrypt older records during a rotation (secret previous-personal-data-keys).')
param previousPersonalDataKeys string

@description('Whether previousPersonalDataKeys holds any key; without one the secret is not created.')
param hasPreviousPersonalDataKeys bool

@secure()
@description('Base64 of 32 random bytes: keys the phone hash used for de-duplication (secret phone-hash-key). Rotating it makes every volunteer look new.')
param phoneHashKey string

@description('Purge protection: once on it cannot be turned off, and the vault name stays taken for the retention period after deletion.')
param enablePurgeProtection bool

@description('Days a deleted vault or secret can be recovered.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int = 7

// Key Vault Secrets User: read secret values (what a Key Vault reference needs).
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    // Purge protection can only be switched on; "false" is sent as absent.
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
    networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' }
  }
}

resource personalDataSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'personal-data-key'
  tags: tags
  properties: { value: personalDataKey, contentType: 'base64 AES-256 key' }
}

resource previousKeysSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (hasPreviousPersonalDataKeys) {
  parent: vault
  name: 'previous-personal-data-keys'
  tags: tags
  properties: { value: previousPersonalDataKeys, contentType: 'comma-separated base64 AES-256 keys, decryption only' }
}

resource phoneHashSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = {
  parent: vault
  name: 'phone-hash-key'
  tags: tags
  properties: { value: phoneHashKey, contentType: 'base64 HMAC-SHA256 key' }
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, identity.id, keyVaultSecretsUser)
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    description: 'Frontline API identity: Key Vault references'
  }
}

output name string = vault.name
// Versionless secret URIs: a Key Vault reference to one follows the newest version of the secret.
output personalDataKeyUri string = personalDataSecret.properties.secretUri
output previousPersonalDataKeysUri string = hasPreviousPersonalDataKeys ? previousKeysSecret!.properties.secretUri : ''
output phoneHashKeyUri string = phoneHashSecret.properties.secretUri
