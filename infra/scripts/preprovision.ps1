# Windows twin of preprovision.sh: keys once per environment, then the Entra ID app registration.
$ErrorActionPreference = 'Stop'
foreach ($name in 'FRONTLINE_PERSONAL_DATA_KEY', 'FRONTLINE_PHONE_HASH_KEY') {
    if (-not (azd env get-value $name 2>$null)) {
        $bytes = [byte[]]::new(32); [System.Security.Cryptography.RandomNumberGenerator]::Fill($bytes)
        azd env set $name ([Convert]::ToBase64String($bytes)) | Out-Null
    }
}
$envName = azd env get-value AZURE_ENV_NAME
$appName = "frontline-api-$envName"
$clientId = azd env get-value AZURE_API_CLIENT_ID 2>$null
if (-not $clientId) { $clientId = az ad app list --display-name $appName --query '[0].appId' -o tsv }
if (-not $clientId) { $clientId = az ad app create --display-name $appName --sign-in-audience AzureADMyOrg --query appId -o tsv }
$objectId = az ad app show --id $clientId --query id -o tsv
$roles = @(
    @{ allowedMemberTypes = @('User', 'Application'); description = 'Submits daily counts for the sites of their own unit.'; displayName = 'Reporter'; id = '6c1a4b3e-4f0a-4f1e-9a63-7a1b0c2d3e01'; isEnabled = $true; value = 'Reporter' },
    @{ allowedMemberTypes = @('User', 'Application'); description = 'Runs the mobilization: sites, completeness, bulletins, volunteers.'; displayName = 'Coordinator'; id = '6c1a4b3e-4f0a-4f1e-9a63-7a1b0c2d3e02'; isEnabled = $true; value = 'Coordinator' },
    @{ allowedMemberTypes = @('User', 'Application'); description = 'Everything a coordinator can, and unmasked exports.'; displayName = 'Admin'; id = '6c1a4b3e-4f0a-4f1e-9a63-7a1b0c2d3e03'; isEnabled = $true; value = 'Admin' }
)
$rolesFile = New-TemporaryFile
$roles | ConvertTo-Json -Depth 5 | Set-Content $rolesFile
az ad app update --id $clientId --identifier-uris "api://$clientId" --app-roles "@$rolesFile" --requested-access-token-version 2
Remove-Item $rolesFile
$extension = az rest --method GET --url "https://graph.microsoft.com/v1.0/applications/$objectId/extensionProperties" --query "value[?ends_with(name, '_unit_id')].name | [0]" -o tsv
if (-not $extension) {
    $extension = az rest --method POST --url "https://graph.microsoft.com/v1.0/applications/$objectId/extensionProperties" --body '{"name":"unit_id","dataType":"String","targetObjects":["User"]}' --query name -o tsv
}
$claims = @{ optionalClaims = @{ accessToken = @(@{ name = $extension; source = 'user'; essential = $false }) } } | ConvertTo-Json -Depth 5 -Compress
az rest --method PATCH --url "https://graph.microsoft.com/v1.0/applications/$objectId" --body $claims
azd env set AZURE_API_CLIENT_ID $clientId | Out-Null
azd env set FRONTLINE_UNIT_ID_EXTENSION $extension | Out-Null
