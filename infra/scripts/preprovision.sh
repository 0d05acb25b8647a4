#!/bin/sh
# azd preprovision hook: the two personal-data keys (once per environment), then the API's Entra ID app
# registration (entra-app.sh). Both land in the azd environment, which main.parameters.json reads.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"

# A key must never change by accident: a new personal-data key cannot read older records, and a new
# phone-hash key makes every volunteer look new. So a key is generated only when the environment has none,
# and never in a pipeline, where the environment is new on every run: there it comes from a secret.
ensure_key() {
  eval "current=\${$1:-}"
  [ -n "$current" ] || current="$(azd env get-value "$1" 2>/dev/null || true)"
  if [ -n "$current" ]; then
    return 0
  fi
  if [ -n "${GITHUB_ACTIONS:-}${TF_BUILD:-}" ]; then
    echo "preprovision: $1 is not set. In a pipeline it must come from a secret holding the environment's existing key (see infra/README.md)." >&2
    exit 1
  fi
  if command -v openssl >/dev/null 2>&1; then
    key="$(openssl rand -base64 32)"
  else
    key="$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
  fi
  azd env set "$1" "$key" >/dev/null
  echo "preprovision: generated $1 for this environment (kept in .azure/<env>/.env and written to Key Vault). Back it up."
}
ensure_key FRONTLINE_PERSONAL_DATA_KEY
ensure_key FRONTLINE_PHONE_HASH_KEY

sh "$here/entra-app.sh"
