# Windows twin of web-config.sh (prebuild and prepackage hook of the web service): writes
# web/public/config.json, which Vite copies into web/dist, and web/dist/config.json when a build is there.
# apiBaseUrl "" means same origin (/api through the Static Web App's link).
$ErrorActionPreference = 'Stop'

function Get-EnvValue([string] $Name) {
    $item = Get-Item "env:$Name" -ErrorAction SilentlyContinue
    if ($null -ne $item) { return $item.Value }
    $value = (& azd env get-value $Name 2>$null)
    if ($LASTEXITCODE -ne 0) { $value = '' }
    $global:LASTEXITCODE = 0
    return "$value".Trim()
}

$config = [ordered]@{
    apiBaseUrl    = Get-EnvValue 'WEB_API_BASE_URL'
    entraClientId = Get-EnvValue 'AZURE_API_CLIENT_ID'
    entraTenantId = Get-EnvValue 'AZURE_TENANT_ID'
    entraApiScope = ''
}
# The delegated scope the unit portal asks MSAL for (entra-app.ps1 defines it).
if ($config.entraClientId) { $config.entraApiScope = "api://$($config.entraClientId)/access_as_user" }
if (-not $config.entraClientId) { Write-Warning 'web-config: AZURE_API_CLIENT_ID is empty; the site will not be able to sign in (run azd provision first).' }
$web = Join-Path $PSScriptRoot '../../web'
$json = $config | ConvertTo-Json
New-Item -ItemType Directory -Force -Path (Join-Path $web 'public') | Out-Null
$json | Set-Content -Path (Join-Path $web 'public/config.json') -Encoding utf8NoBOM
$written = 'web/public/config.json'
if (Test-Path (Join-Path $web 'dist') -PathType Container) {
    $json | Set-Content -Path (Join-Path $web 'dist/config.json') -Encoding utf8NoBOM
    $written += ' and web/dist/config.json'
}
Write-Host "web-config: wrote $written (apiBaseUrl `"$($config.apiBaseUrl)`", client $($config.entraClientId))."
