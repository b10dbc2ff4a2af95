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
: "${ALERT_EMAIL:?$hint}"
cert="${DEFAULT_CERTIFICATE_NAME:-portal-sts-signing}"

# New role assignments take minutes to reach Key Vault and Storage: until then calls fail with 403,
# so a step that is refused retries for about five minutes. Any other error stops the hook at once
# (a typo or a missing resource does not get better by waiting).
attempts="${HOOK_RETRY_ATTEMPTS:-20}"
delay="${HOOK_RETRY_DELAY_SECONDS:-15}"

# Whether az's output says "not authorized (yet)": Key Vault answers Forbidden/ForbiddenByRbac,
# Storage AuthorizationPermissionMismatch or AuthorizationFailure.
not_authorized_yet() {
  case "$1" in
    *Forbidden* | *AuthorizationPermissionMismatch* | *AuthorizationFailure* | *"not authorized"*) return 0 ;;
    *) return 1 ;;
  esac
}

# Called after a failed attempt $i with az's output: waits if another attempt is worth it,
# otherwise prints the error and fails.
retry_or_fail() {
  if not_authorized_yet "$2" && [ "$1" -lt "$attempts" ]; then
    echo "  not authorized yet (role assignments still propagating); retrying in ${delay}s" >&2
    sleep "$delay"
    return 0
  fi
  echo "$2" >&2
  return 1
}

# Runs "$@", one attempt that leaves az's output in $out and fails when the step is not done yet,
# until it succeeds; a refused attempt is retried (retry_or_fail), any other failure stops here.
with_retries() {
  i=1
  until "$@"; do
    retry_or_fail "$i" "$out" || return 1
    i=$((i + 1))
  done
}

# The default signing certificate: self-signed, RSA 2048, 12 months, exportable PKCS#12, renewed
# by Key Vault itself at 80% of its lifetime (AutoRenew). The site follows it by name (below), so
# the service publishes each new version before it signs with it: no person, no pinned key.
certificate_attempt() {
  if out=$(az keyvault certificate show --vault-name "$KEY_VAULT_NAME" --name "$cert" \
    --query x509ThumbprintHex -o tsv 2>&1); then
    echo "Signing certificate '$cert' already exists (thumbprint $out)."
    return 0
  fi
  case "$out" in *NotFound*) ;; *) return 1 ;; esac
  out=$(az keyvault certificate create --vault-name "$KEY_VAULT_NAME" --name "$cert" \
    --policy "@$here/signing-certificate-policy.json" -o none 2>&1) || return 1
  echo "Created signing certificate '$cert' in $KEY_VAULT_NAME."
}

add_contact() {
  out=$(az keyvault certificate contact add --vault-name "$KEY_VAULT_NAME" \
    --email "$ALERT_EMAIL" -o none 2>&1) || return 1
  echo "Added certificate contact $ALERT_EMAIL."
}

# Key Vault's certificate contacts get its certificate e-mails (ALERT_EMAIL, also the alerts'
# action group). Added once; other contacts are left alone.
contact_attempt() {
  if out=$(az keyvault certificate contact list --vault-name "$KEY_VAULT_NAME" \
    --query "contactList[].emailAddress" -o tsv 2>&1); then
    if printf '%s\n' "$out" | grep -Fqx "$ALERT_EMAIL"; then
      echo "Certificate contact $ALERT_EMAIL already set."
      return 0
    fi
    add_contact && return 0
  fi
  case "$out" in
    # A vault with no contacts yet answers the list with ContactsNotFound.
    *ContactsNotFound* | *"not found"*) add_contact ;;
    *) return 1 ;;
  esac
}

# One SiteSettings row ($name = $value), inserted only when absent.
setting_attempt() {
  if out=$(az storage entity insert --auth-mode login --account-name "$STORAGE_ACCOUNT_NAME" \
    --table-name "$SITE_SETTINGS_TABLE_NAME" --if-exists fail -o none \
    --entity "PartitionKey=$DEFAULT_SITE" "RowKey=$row_key" "Name=$name" "Value=$value" 2>&1); then
    echo "Site '$DEFAULT_SITE': set $name = $value."
    return 0
  fi
  case "$out" in *EntityAlreadyExists* | *"already exists"*) ;; *) return 1 ;; esac
  echo "Site '$DEFAULT_SITE': $name already set; left as is."
}

# RowKey = encodeURIComponent(lowercase name); the names seeded here are letters and '/', so
# lowercasing and encoding '/' is enough.
seed_setting() {
  name=$1
  value=$2
  row_key=$(printf '%s' "$name" | tr '[:upper:]' '[:lower:]' | sed 's|/|%2F|g')
  with_retries setting_attempt
}

# AUTH_ASSIGNMENT_REQUIRED=true: only users and groups assigned to the enterprise application
# (the app registration's service principal) can sign in. A registration made with `az ad app
# create` has no service principal until someone first signs in, so create it here.
require_assignment() {
  [ "${AUTH_ASSIGNMENT_REQUIRED:-false}" = "true" ] || return 0
  [ -n "${AUTH_CLIENT_ID:-}" ] || { echo "AUTH_CLIENT_ID is needed for AUTH_ASSIGNMENT_REQUIRED" >&2; return 1; }
  if ! az ad sp show --id "$AUTH_CLIENT_ID" --query id -o tsv >/dev/null 2>&1; then
    az ad sp create --id "$AUTH_CLIENT_ID" -o none
    echo "Created the enterprise application (service principal) for $AUTH_CLIENT_ID."
  fi
  az ad sp update --id "$AUTH_CLIENT_ID" --set appRoleAssignmentRequired=true
  echo "Sign-in now requires an assignment: add users or groups under Enterprise applications -> Users and groups."
}

with_retries certificate_attempt
with_retries contact_attempt
# Power Pages' defaults: the implicit grant flow on, tokens valid for 15 minutes.
seed_setting 'Connector/ImplicitGrantFlowEnabled' 'true'
seed_setting 'ImplicitGrantFlow/TokenExpirationTime' '900'
# Follow the default certificate by name (its versions), not by a thumbprint: Key Vault's renewals
# then rotate the key by themselves. No thumbprint is written, since a thumbprint would win.
seed_setting 'CustomCertificates/ImplicitGrantflow/Name' "$cert"
require_assignment

echo "Token endpoint: ${TOKEN_ENDPOINT:-<SERVICE_API_URI>/_services/auth/token}"
echo "Next: register a client (docs/deploy.md, 'Register a client')."
