# azd preprovision hook (PowerShell; preprovision.sh is the POSIX twin). Refuses a site id the
# service cannot serve before anything is created; Bicep can check only its length.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$site = "$env:DEFAULT_SITE"
# The service's own rule (shared/config.ts SITE_ID_PATTERN): lowercase letters, digits and hyphen,
# 1 to 63 characters, not starting with a hyphen. That also keeps Table storage's forbidden key
# characters (/ \ # ?) out of the PartitionKey. -cmatch: case-sensitive; \z: no trailing newline.
if (-not ($site -cmatch '^[a-z0-9][a-z0-9-]{0,62}\z')) {
    throw "DEFAULT_SITE '$site' is not a site id: use 1-63 lowercase letters, digits or hyphens (azd env set DEFAULT_SITE contoso)."
}
# /admin/* and /runtime/* belong to the Functions host: /{site}/... routes there would never arrive.
if ($site -in 'admin', 'runtime') {
    throw "DEFAULT_SITE '$site' collides with a Functions host route (/admin, /runtime); choose another."
}
Write-Host "Site id '$site' is valid."
