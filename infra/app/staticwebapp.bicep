@description('The site (web/dist) on Static Web Apps, with the Function App linked as its /api backend.')
param name string
param location string
param tags object
param functionAppId string
param functionAppLocation string

resource site 'Microsoft.Web/staticSites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'web' })
  // Standard: linking a bring-your-own Functions backend needs it.
  sku: { name: 'Standard', tier: 'Standard' }
  properties: {}
}

resource backend 'Microsoft.Web/staticSites/linkedBackends@2024-04-01' = {
  parent: site
  name: 'api'
  properties: {
    backendResourceId: functionAppId
    region: functionAppLocation
  }
}

output name string = site.name
output uri string = 'https://${site.properties.defaultHostname}'
