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

foreach ($name in 'KEY_VAULT_NAME', 'STORAGE_ACCOUNT_NAME', 'SITE_SETTINGS_TABLE_NAME', 'DEFAULT_SITE', 'ALERT_EMAIL') {
    if (-not [Environment]::GetEnvironmentVariable($name)) {
        throw "$name is not set: run this through azd (azd provision) so the Bicep outputs are in the environment"
    }
}
$vault = $env:KEY_VAULT_NAME
$account = $env:STORAGE_ACCOUNT_NAME
$table = $env:SITE_SETTINGS_TABLE_NAME
$site = $env:DEFAULT_SITE
$alertEmail = $env:ALERT_EMAIL
$cert = if ($env:DEFAULT_CERTIFICATE_NAME) { $env:DEFAULT_CERTIFICATE_NAME } else { 'portal-sts-signing' }
$policy = Join-Path $PSScriptRoot 'signing-certificate-policy.json'

# New role assignments take minutes to reach Key Vault and Storage: until then calls fail with 403,
# so a step that is refused retries for about five minutes. Any other error stops the hook at once
# (a typo or a missing resource does not get better by waiting).
$attempts = if ($env:HOOK_RETRY_ATTEMPTS) { [int] $env:HOOK_RETRY_ATTEMPTS } else { 20 }
$delaySeconds = if ($env:HOOK_RETRY_DELAY_SECONDS) { [int] $env:HOOK_RETRY_DELAY_SECONDS } else { 15 }

# Key Vault answers Forbidden/ForbiddenByRbac, Storage AuthorizationPermissionMismatch or
# AuthorizationFailure, while a new role assignment is still propagating.
$notAuthorizedYet = 'Forbidden|AuthorizationPermissionMismatch|AuthorizationFailure|not authorized'

# After a failed attempt: waits if another attempt is worth it, otherwise throws az's error.
function Wait-OrThrow([int] $attempt, [string] $out) {
    if ($out -match $notAuthorizedYet -and $attempt -lt $attempts) {
        Write-Host "  not authorized yet (role assignments still propagating); retrying in ${delaySeconds}s"
        Start-Sleep -Seconds $delaySeconds
        return
    }
    throw $out
}

# The default signing certificate: self-signed, RSA 2048, 12 months, exportable PKCS#12, renewed
# by Key Vault itself at 80% of its lifetime (AutoRenew). The site follows it by name (below), so
# the service publishes each new version before it signs with it: no person, no pinned key.
function Confirm-Certificate {
    for ($i = 1; ; $i++) {
        $out = az keyvault certificate show --vault-name $vault --name $cert --query x509ThumbprintHex -o tsv 2>&1
        if ($LASTEXITCODE -eq 0) {
            Write-Host "Signing certificate '$cert' already exists (thumbprint $out)."
            return
        }
        if ("$out" -match 'NotFound') {
            $out = az keyvault certificate create --vault-name $vault --name $cert --policy "@$policy" -o none 2>&1
            if ($LASTEXITCODE -eq 0) {
                Write-Host "Created signing certificate '$cert' in $vault."
                return
            }
        }
        Wait-OrThrow $i "$out"
    }
}

# Key Vault's certificate contacts get its certificate e-mails (ALERT_EMAIL, also the alerts'
# action group). Added once; other contacts are left alone.
function Confirm-Contact {
    for ($i = 1; ; $i++) {
        $out = az keyvault certificate contact list --vault-name $vault --query 'contactList[].emailAddress' -o tsv 2>&1
        $listed = $LASTEXITCODE -eq 0
        if ($listed -and (@($out) -contains $alertEmail)) {
            Write-Host "Certificate contact $alertEmail already set."
            return
        }
        # A vault with no contacts yet answers the list with ContactsNotFound.
        if ($listed -or "$out" -match 'ContactsNotFound|not found') {
            $out = az keyvault certificate contact add --vault-name $vault --email $alertEmail -o none 2>&1
            if ($LASTEXITCODE -eq 0) {
                Write-Host "Added certificate contact $alertEmail."
                return
            }
        }
        Wait-OrThrow $i "$out"
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
        Wait-OrThrow $i "$out"
    }
}

# AUTH_ASSIGNMENT_REQUIRED=true: only users and groups assigned to the enterprise application
# (the app registration's service principal) can sign in. A registration made with `az ad app
# create` has no service principal until someone first signs in, so create it here.
function Set-AssignmentRequired {
    if ($env:AUTH_ASSIGNMENT_REQUIRED -ne 'true') { return }
    if (-not $env:AUTH_CLIENT_ID) { throw 'AUTH_CLIENT_ID is needed for AUTH_ASSIGNMENT_REQUIRED' }
    az ad sp show --id $env:AUTH_CLIENT_ID --query id -o tsv 2>&1 | Out-Null
    if ($LASTEXITCODE -ne 0) {
        az ad sp create --id $env:AUTH_CLIENT_ID -o none
        if ($LASTEXITCODE -ne 0) { throw "az ad sp create failed for $($env:AUTH_CLIENT_ID)" }
        Write-Host "Created the enterprise application (service principal) for $($env:AUTH_CLIENT_ID)."
    }
    az ad sp update --id $env:AUTH_CLIENT_ID --set appRoleAssignmentRequired=true
    if ($LASTEXITCODE -ne 0) { throw 'az ad sp update failed' }
    Write-Host 'Sign-in now requires an assignment: add users or groups under Enterprise applications -> Users and groups.'
}

Confirm-Certificate
Confirm-Contact
# Power Pages' defaults: the implicit grant flow on, tokens valid for 15 minutes.
Add-Setting 'Connector/ImplicitGrantFlowEnabled' 'true'
Add-Setting 'ImplicitGrantFlow/TokenExpirationTime' '900'
# Follow the default certificate by name (its versions), not by a thumbprint: Key Vault's renewals
# then rotate the key by themselves. No thumbprint is written, since a thumbprint would win.
Add-Setting 'CustomCertificates/ImplicitGrantflow/Name' $cert
Set-AssignmentRequired

Write-Host "Token endpoint: $($env:TOKEN_ENDPOINT)"
Write-Host "Next: register a client (docs/deploy.md, 'Register a client')."
