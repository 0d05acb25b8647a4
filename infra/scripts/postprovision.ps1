$ErrorActionPreference = 'Stop'
$clientId = azd env get-value AZURE_API_CLIENT_ID
$webUri = azd env get-value WEB_URI
az ad app update --id $clientId --set "spa={`"redirectUris`":[`"$webUri/`",`"http://localhost:7071/`"]}"
Write-Host "Site: $webUri  API: $(azd env get-value API_BASE_URL)/api/health"
