@description('Name of the Static Web App that serves web/dist.')
param name string

@description('Region of the Static Web App (offered in fewer regions than Functions).')
param location string

@description('Tags; the site also gets azd-service-name: web.')
param tags object

resource site 'Microsoft.Web/staticSites@2024-11-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'web' })
  // Standard: linking a bring-your-own Functions backend needs it.
  sku: { name: 'Standard', tier: 'Standard' }
  properties: {
    // azd deploys the built site itself (no GitHub integration created by Azure).
    provider: 'Custom'
    allowConfigFileUpdates: true
    // Linked backends work only in the production environment; no pull-request environments.
    stagingEnvironmentPolicy: 'Disabled'
  }
}

output name string = site.name
output uri string = 'https://${site.properties.defaultHostname}'
