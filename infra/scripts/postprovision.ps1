# Windows twin of postprovision.sh: adds the Static Web App's address to the SPA redirect URIs.
$ErrorActionPreference = 'Stop'
& (Join-Path $PSScriptRoot 'entra-app.ps1')
$webUri = if ($env:WEB_URI) { $env:WEB_URI } else { azd env get-value WEB_URI }
Write-Host "postprovision: site $webUri  API $webUri/api/..."
