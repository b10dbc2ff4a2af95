#!/bin/sh
# azd postprovision hook (POSIX shell; postprovision.ps1 is the Windows twin). azd runs it after
# every `azd provision`/`azd up`, as the signed-in admin, with the Bicep outputs in the environment.
#
# Why a hook and not a deploymentScripts resource: ARM cannot create Key Vault certificates, and a
# deployment script would need a storage account with shared keys on (ours are off) plus its own
# identity holding Key Vault Certificates Officer forever. The hook runs as the admin, who holds
# that role already (main.bicep grants it to AZURE_PRINCIPAL_ID).
#
# It is idempotent: an existing certificate or settings row is left alone, never replaced.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
hint='run it through azd (azd provision) so the Bicep outputs are in the environment'
: "${KEY_VAULT_NAME:?$hint}"
: "${STORAGE_ACCOUNT_NAME:?$hint}"
: "${SITE_SETTINGS_TABLE_NAME:?$hint}"
: "${DEFAULT_SITE:?$hint}"
cert="${DEFAULT_CERTIFICATE_NAME:-portal-sts-signing}"

# New role assignments take minutes to reach Key Vault and Storage: until then calls fail with 403,
# so every step retries for about five minutes before giving up.
attempts=20
delay=15

wait_a_bit() {
  echo "  not authorized yet (role assignments still propagating); retrying in ${delay}s" >&2
  sleep "$delay"
}

# The default signing certificate: self-signed, RSA 2048, 12 months, exportable PKCS#12. Key Vault
# signs self-issued RSA certificates with SHA-256. Renewal is deliberate (see docs/deploy.md), hence
# EmailContacts rather than AutoRenew: a silent renewal would change the key relying parties pinned.
ensure_certificate() {
  i=1
  while :; do
    if out=$(az keyvault certificate show --vault-name "$KEY_VAULT_NAME" --name "$cert" \
      --query x509ThumbprintHex -o tsv 2>&1); then
      echo "Signing certificate '$cert' already exists (thumbprint $out)."
      return 0
    fi
    case "$out" in
      *NotFound*)
        if az keyvault certificate create --vault-name "$KEY_VAULT_NAME" --name "$cert" \
          --policy "@$here/signing-certificate-policy.json" -o none; then
          echo "Created signing certificate '$cert' in $KEY_VAULT_NAME."
          return 0
        fi
        ;;
    esac
    [ "$i" -lt "$attempts" ] || { echo "$out" >&2; return 1; }
    i=$((i + 1))
    wait_a_bit
  done
}

# One SiteSettings row, inserted only when absent. RowKey = encodeURIComponent(lowercase name);
# the names seeded here are letters and '/', so lowercasing and encoding '/' is enough.
seed_setting() {
  name=$1
  value=$2
  row_key=$(printf '%s' "$name" | tr '[:upper:]' '[:lower:]' | sed 's|/|%2F|g')
  i=1
  while :; do
    if out=$(az storage entity insert --auth-mode login --account-name "$STORAGE_ACCOUNT_NAME" \
      --table-name "$SITE_SETTINGS_TABLE_NAME" --if-exists fail -o none \
      --entity "PartitionKey=$DEFAULT_SITE" "RowKey=$row_key" "Name=$name" "Value=$value" 2>&1); then
      echo "Site '$DEFAULT_SITE': set $name = $value."
      return 0
    fi
    case "$out" in
      *EntityAlreadyExists* | *"already exists"*)
        echo "Site '$DEFAULT_SITE': $name already set; left as is."
        return 0
        ;;
    esac
    [ "$i" -lt "$attempts" ] || { echo "$out" >&2; return 1; }
    i=$((i + 1))
    wait_a_bit
  done
}

ensure_certificate
# Power Pages' defaults: the implicit grant flow on, tokens valid for 15 minutes.
seed_setting 'Connector/ImplicitGrantFlowEnabled' 'true'
seed_setting 'ImplicitGrantFlow/TokenExpirationTime' '900'

echo "Token endpoint: ${TOKEN_ENDPOINT:-<SERVICE_API_URI>/_services/auth/token}"
echo "Next: register a client (docs/deploy.md, 'Register a client')."
