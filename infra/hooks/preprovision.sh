#!/bin/sh
# azd preprovision hook (POSIX shell; preprovision.ps1 is the Windows twin). Refuses a site id the
# service cannot serve before anything is created; Bicep can check only its length.
set -eu

site="${DEFAULT_SITE:-}"
# The service's own rule (shared/config.ts SITE_ID_PATTERN): lowercase letters, digits and hyphen,
# 1 to 63 characters, not starting with a hyphen. That also keeps Table storage's forbidden key
# characters (/ \ # ?) out of the PartitionKey.
if ! printf '%s' "$site" | grep -Eq '^[a-z0-9][a-z0-9-]{0,62}$' || [ "$(printf '%s' "$site" | wc -l)" -ne 0 ]; then
  echo "DEFAULT_SITE '$site' is not a site id: use 1-63 lowercase letters, digits or hyphens (azd env set DEFAULT_SITE contoso)." >&2
  exit 1
fi
# /admin/* and /runtime/* belong to the Functions host: /{site}/... routes there would never arrive.
case "$site" in
  admin | runtime)
    echo "DEFAULT_SITE '$site' collides with a Functions host route (/admin, /runtime); choose another." >&2
    exit 1
    ;;
esac
echo "Site id '$site' is valid."
