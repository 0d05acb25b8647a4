@description('Name of the existing Static Web App (same resource group).')
param staticWebAppName string

@description('Resource id of the Function App to serve under the site\'s /api.')
param functionAppId string

@description('Region of the Function App.')
param functionAppLocation string

resource site 'Microsoft.Web/staticSites@2024-11-01' existing = {
  name: staticWebAppName
}

// Requests to https://<site>/api/* go to the Function App. Linking also puts an "Azure Static Web Apps (Linked)"
// identity provider on the Function App: from then on it answers only requests that come through the site.
resource backend 'Microsoft.Web/staticSites/linkedBackends@2024-11-01' = {
  parent: site
  name: 'api'
  properties: {
    backendResourceId: functionAppId
    region: functionAppLocation
  }
}

