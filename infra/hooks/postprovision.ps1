# azd postprovision hook (PowerShell; postprovision.sh is the POSIX twin). azd runs it after every
# `azd provision`/`azd up`, as the signed-in admin, with the Bicep outputs in the environment.
#
# Why a hook and not a deploymentScripts resource: ARM cannot create Key Vault certificates, and a
# deployment script would need a storage account with shared keys on (ours are off) plus its own
# identity holding Key Vault Certificates Officer forever. The hook runs as the admin, who holds
# that role already (main.bicep grants it to AZURE_PRINCIPAL_ID).
#
# It is idempotent: an existing certificate or settings row is left alone, never replaced.
# 'Continue', not 'Stop': az writes its errors to stderr, which this script reads (2>&1) to tell
# "not found" from "not authorized yet"; with 'Stop' the first such line would end the script.
$ErrorActionPreference = 'Continue'
Set-StrictMode -Version Latest

foreach ($name in 'KEY_VAULT_NAME', 'STORAGE_ACCOUNT_NAME', 'SITE_SETTINGS_TABLE_NAME', 'DEFAULT_SITE') {
    if (-not [Environment]::GetEnvironmentVariable($name)) {
        throw "$name is not set: run this through azd (azd provision) so the Bicep outputs are in the environment"
    }
}
$vault = $env:KEY_VAULT_NAME
$account = $env:STORAGE_ACCOUNT_NAME
$table = $env:SITE_SETTINGS_TABLE_NAME
$site = $env:DEFAULT_SITE
$cert = if ($env:DEFAULT_CERTIFICATE_NAME) { $env:DEFAULT_CERTIFICATE_NAME } else { 'portal-sts-signing' }
$policy = Join-Path $PSScriptRoot 'signing-certificate-policy.json'

# New role assignments take minutes to reach Key Vault and Storage: until then calls fail with 403,
# so every step retries for about five minutes before giving up.
$attempts = 20
$delaySeconds = 15

function Wait-ABit {
    Write-Host "  not authorized yet (role assignments still propagating); retrying in ${delaySeconds}s"
    Start-Sleep -Seconds $delaySeconds
}

# The default signing certificate: self-signed, RSA 2048, 12 months, exportable PKCS#12. Key Vault
# signs self-issued RSA certificates with SHA-256. Renewal is deliberate (see docs/deploy.md), hence
# EmailContacts rather than AutoRenew: a silent renewal would change the key relying parties pinned.
function Confirm-Certificate {
    for ($i = 1; ; $i++) {
        $out = az keyvault certificate show --vault-name $vault --name $cert --query x509ThumbprintHex -o tsv 2>&1
        if ($LASTEXITCODE -eq 0) {
            Write-Host "Signing certificate '$cert' already exists (thumbprint $out)."
            return
        }
        if ("$out" -match 'NotFound') {
            az keyvault certificate create --vault-name $vault --name $cert --policy "@$policy" -o none
            if ($LASTEXITCODE -eq 0) {
                Write-Host "Created signing certificate '$cert' in $vault."
                return
            }
        }
        if ($i -ge $attempts) { throw "$out" }
        Wait-ABit
    }
}

# One SiteSettings row, inserted only when absent. RowKey = encodeURIComponent(lowercase name).
function Add-Setting([string] $name, [string] $value) {
    $rowKey = [Uri]::EscapeDataString($name.ToLowerInvariant())
    for ($i = 1; ; $i++) {
        $out = az storage entity insert --auth-mode login --account-name $account --table-name $table `
            --if-exists fail -o none --entity "PartitionKey=$site" "RowKey=$rowKey" "Name=$name" "Value=$value" 2>&1
        if ($LASTEXITCODE -eq 0) {
            Write-Host "Site '$site': set $name = $value."
            return
        }
        if ("$out" -match 'EntityAlreadyExists|already exists') {
            Write-Host "Site '$site': $name already set; left as is."
            return
        }
        if ($i -ge $attempts) { throw "$out" }
        Wait-ABit
    }
}

Confirm-Certificate
# Power Pages' defaults: the implicit grant flow on, tokens valid for 15 minutes.
Add-Setting 'Connector/ImplicitGrantFlowEnabled' 'true'
Add-Setting 'ImplicitGrantFlow/TokenExpirationTime' '900'

Write-Host "Token endpoint: $($env:TOKEN_ENDPOINT)"
Write-Host "Next: register a client (docs/deploy.md, 'Register a client')."
