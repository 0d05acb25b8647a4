# Windows twin of entra-app.sh: creates or updates the API's Entra ID app registration with the Azure CLI.
# App roles Reporter/Coordinator/Admin, identifier URI api://<appId>, scope access_as_user, v1 access tokens,
# the unit_id directory extension as optional claim extn.unit_id, SPA redirect URIs, the service principal;
# then AZURE_API_CLIENT_ID and FRONTLINE_UNIT_ID_EXTENSION in the azd environment.
$ErrorActionPreference = 'Stop'
$PSNativeCommandUseErrorActionPreference = $true

function Get-EnvValue([string] $Name) {
    $PSNativeCommandUseErrorActionPreference = $false
    $value = [Environment]::GetEnvironmentVariable($Name)
    if (-not $value -and (Get-Command azd -ErrorAction SilentlyContinue)) {
        $value = (& azd env get-value $Name 2>$null)
        if ($LASTEXITCODE -ne 0) { $value = '' }
        $global:LASTEXITCODE = 0
    }
    return "$value".Trim()
}

function Invoke-Graph([string] $Method, [string] $Url, $Body) {
    $file = New-TemporaryFile
    try {
        $Body | ConvertTo-Json -Depth 10 -Compress | Set-Content -Path $file -Encoding utf8NoBOM
        az rest --method $Method --url $Url --headers 'Content-Type=application/json' --body "@$file" | Out-Null
    }
    finally { Remove-Item $file -ErrorAction SilentlyContinue }
}

$clientId = Get-EnvValue 'AZURE_API_CLIENT_ID'
$envName = Get-EnvValue 'AZURE_ENV_NAME'
$webUri = Get-EnvValue 'WEB_URI'
if (-not $envName) { throw 'entra-app: AZURE_ENV_NAME is not set: run inside an azd environment.' }

if (($env:GITHUB_ACTIONS -or $env:TF_BUILD) -and $env:FRONTLINE_MANAGE_ENTRA_IN_CI -ne 'true') {
    if (-not $clientId) { throw "entra-app: AZURE_API_CLIENT_ID is empty: run 'azd up' once from a workstation, then set the pipeline variable." }
    Write-Host "entra-app: pipeline run: leaving the app registration $clientId as it is."
    exit 0
}

if (-not (Get-Command az -ErrorAction SilentlyContinue)) { throw 'entra-app: the Azure CLI (az) is required.' }
az account show --query tenantId -o tsv | Out-Null

$appName = "frontline-api-$envName"
$graph = 'https://graph.microsoft.com/v1.0'

if ($clientId) {
    az ad app show --id $clientId --query appId -o tsv | Out-Null
}
else {
    $clientId = az ad app list --display-name $appName --query '[0].appId' -o tsv
    if (-not $clientId) {
        $clientId = az ad app create --display-name $appName --sign-in-audience AzureADMyOrg --query appId -o tsv
        Write-Host "entra-app: created the app registration $appName ($clientId)."
    }
}
$objectId = az ad app show --id $clientId --query id -o tsv

# Fixed ids: a rerun updates the same roles and scope.
$roles = @(
    @{ allowedMemberTypes = @('User', 'Application'); description = 'Submits daily counts for the sites of their own unit (unit_id).'; displayName = 'Reporter'; id = '6c1a4b3e-4f0a-4f1e-9a63-7a1b0c2d3e01'; isEnabled = $true; value = 'Reporter' },
    @{ allowedMemberTypes = @('User', 'Application'); description = 'Runs the mobilization: sites, completeness, bulletins, volunteers.'; displayName = 'Coordinator'; id = '6c1a4b3e-4f0a-4f1e-9a63-7a1b0c2d3e02'; isEnabled = $true; value = 'Coordinator' },
    @{ allowedMemberTypes = @('User', 'Application'); description = 'Everything a coordinator can, and unmasked exports.'; displayName = 'Admin'; id = '6c1a4b3e-4f0a-4f1e-9a63-7a1b0c2d3e03'; isEnabled = $true; value = 'Admin' }
)
$rolesFile = New-TemporaryFile
try {
    ConvertTo-Json -InputObject $roles -Depth 5 | Set-Content -Path $rolesFile -Encoding utf8NoBOM
    az ad app update --id $clientId --identifier-uris "api://$clientId" --app-roles "@$rolesFile"
}
finally { Remove-Item $rolesFile -ErrorAction SilentlyContinue }

$scopeId = '6c1a4b3e-4f0a-4f1e-9a63-7a1b0c2d3e10'
Invoke-Graph PATCH "$graph/applications/$objectId" @{
    api = @{
        requestedAccessTokenVersion = 1
        oauth2PermissionScopes      = @(@{
                id = $scopeId; value = 'access_as_user'; type = 'User'; isEnabled = $true
                adminConsentDisplayName = 'Use Frontline as the signed-in user'
                adminConsentDescription = 'Lets the Frontline site call the Frontline API as the signed-in user.'
                userConsentDisplayName = 'Use Frontline as you'
                userConsentDescription = 'Lets the Frontline site call the Frontline API as you.'
            })
    }
}
Invoke-Graph PATCH "$graph/applications/$objectId" @{
    requiredResourceAccess = @(@{ resourceAppId = $clientId; resourceAccess = @(@{ id = $scopeId; type = 'Scope' }) })
}

$extension = az rest --method GET --url "$graph/applications/$objectId/extensionProperties" --query "value[?ends_with(name, '_unit_id')].name | [0]" -o tsv
if (-not $extension) {
    $extFile = New-TemporaryFile
    try {
        '{"name":"unit_id","dataType":"String","targetObjects":["User"]}' | Set-Content -Path $extFile -Encoding utf8NoBOM
        $extension = az rest --method POST --url "$graph/applications/$objectId/extensionProperties" --headers 'Content-Type=application/json' --body "@$extFile" --query name -o tsv
    }
    finally { Remove-Item $extFile -ErrorAction SilentlyContinue }
    Write-Host "entra-app: registered the directory extension $extension."
}
$claim = @{ name = $extension; source = 'user'; essential = $false }
Invoke-Graph PATCH "$graph/applications/$objectId" @{ optionalClaims = @{ accessToken = @($claim); idToken = @($claim) } }

# Each base address with the signed-in pages: /auth-redirect.html, MSAL v5's redirect bridge, where Entra ID answers a
# sign-in, and /portal.html and /console.html, where a sign-out from the unit portal or the console comes back to.
$bases = @('http://localhost:5173', 'http://localhost:7071')
if ($webUri) { $bases += $webUri.TrimEnd('/') }
$redirects = @(az ad app show --id $clientId --query 'spa.redirectUris' -o tsv)
foreach ($base in $bases) { $redirects += @("$base/", "$base/auth-redirect.html", "$base/portal.html", "$base/console.html") }
$redirects = @($redirects | Where-Object { $_ } | Sort-Object -Unique)
Invoke-Graph PATCH "$graph/applications/$objectId" @{ spa = @{ redirectUris = $redirects } }

$PSNativeCommandUseErrorActionPreference = $false
az ad sp show --id $clientId --query id -o tsv 2>$null | Out-Null
if ($LASTEXITCODE -ne 0) {
    az ad sp create --id $clientId --query id -o tsv | Out-Null
    Write-Host "entra-app: created the service principal (Enterprise application) for $appName."
}
az ad app permission admin-consent --id $clientId 2>$null | Out-Null
if ($LASTEXITCODE -ne 0) { Write-Host "entra-app: no admin consent granted (needs a Cloud Application Administrator): see infra/README.md, 'Consent'." }
$global:LASTEXITCODE = 0
$PSNativeCommandUseErrorActionPreference = $true

azd env set AZURE_API_CLIENT_ID $clientId | Out-Null
azd env set FRONTLINE_UNIT_ID_EXTENSION $extension | Out-Null
Write-Host "entra-app: $appName ($clientId): roles Reporter, Coordinator, Admin; scope api://$clientId/access_as_user; claim extn.unit_id; SPA redirects: $($redirects -join ' ')."

# A unit's own system (the README's "For a unit's IT department"). The unit registers an application of its own and
# gives us its client id; someone who may assign app roles on this API grants that app the Reporter role, the one
# role Frontline honours in an app-only token (Coordinator and Admin in such a token are ignored):
#   $apiSp = az ad sp show --id $env:AZURE_API_CLIENT_ID --query id -o tsv
#   $unitSp = az ad sp show --id <unit app client id> --query id -o tsv    # none yet: az ad sp create --id <client id>
#   $body = @{ principalId = $unitSp; resourceId = $apiSp; appRoleId = '6c1a4b3e-4f0a-4f1e-9a63-7a1b0c2d3e01' } | ConvertTo-Json -Compress
#   az rest --method POST --url "https://graph.microsoft.com/v1.0/servicePrincipals/$unitSp/appRoleAssignments" --body $body
# A Frontline Admin then binds the client id to the unit: console, 应用绑定 / Application bindings, or
#   PUT /api/apps/<client id> {"unitId": "<unit id>", "name": "<the system's name>"}
# Until both are done the app's token is refused (403: not bound, or no Reporter role). The app asks for a token with
# the client-credentials grant and the scope api://<AZURE_API_CLIENT_ID>/.default.
Write-Host "entra-app: a unit's system: grant its app the Reporter role (appRoleId 6c1a4b3e-4f0a-4f1e-9a63-7a1b0c2d3e01) and bind its client id in the console; see the comment at the end of this script."
