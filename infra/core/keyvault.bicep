@description('Key Vault (RBAC) holding the keys that protect personal data.')
param name string
param location string
param tags object

@secure()
@description('Base64 of 32 random bytes: encrypts phone numbers at rest.')
param personalDataKey string

@secure()
@description('Base64 of 32 random bytes: keys the phone hash used for de-duplication. Rotating it splits every volunteer from their record.')
param phoneHashKey string

param enablePurgeProtection bool = false

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

resource personalDataSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'personal-data-key'
  properties: { value: personalDataKey, contentType: 'base64 AES-256 key' }
}

resource phoneHashSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'phone-hash-key'
  properties: { value: phoneHashKey, contentType: 'base64 HMAC-SHA256 key' }
}

output id string = vault.id
output name string = vault.name
// Versionless URIs: a Key Vault reference to them follows a rotation to the newest version.
output personalDataKeyUri string = personalDataSecret.properties.secretUri
output phoneHashKeyUri string = phoneHashSecret.properties.secretUri
