# Windows twin of preprovision.sh: the two personal-data keys (once per environment, never in a pipeline),
# then the API's Entra ID app registration (entra-app.ps1).
$ErrorActionPreference = 'Stop'

foreach ($name in 'FRONTLINE_PERSONAL_DATA_KEY', 'FRONTLINE_PHONE_HASH_KEY') {
    $value = [Environment]::GetEnvironmentVariable($name)
    if (-not $value) {
        $value = (& azd env get-value $name 2>$null)
        if ($LASTEXITCODE -ne 0) { $value = '' }
        $global:LASTEXITCODE = 0
    }
    if ($value) { continue }
    if ($env:GITHUB_ACTIONS -or $env:TF_BUILD) {
        throw "preprovision: $name is not set. In a pipeline it must come from a secret holding the environment's existing key (see infra/README.md)."
    }
    $bytes = [byte[]]::new(32)
    [System.Security.Cryptography.RandomNumberGenerator]::Fill($bytes)
    azd env set $name ([Convert]::ToBase64String($bytes)) | Out-Null
    Write-Host "preprovision: generated $name for this environment (kept in .azure/<env>/.env and written to Key Vault). Back it up."
}

& (Join-Path $PSScriptRoot 'entra-app.ps1')
