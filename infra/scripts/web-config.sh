#!/bin/sh
# azd prebuild and prepackage hook of the web service: writes web/public/config.json, which Vite copies into
# web/dist, and web/dist/config.json when a build is already there (azd versions that build the site before the
# prepackage hook), so the deployed site knows where the API is and which Entra ID app to sign in with:
#   apiBaseUrl     ""  = same origin: the site calls /api/..., which the Static Web App passes to the linked
#                        Function App (WEB_API_BASE_URL from main.bicep); otherwise the Function App's address
#   entraClientId  the API's app registration (the site signs in with the same registration, SPA platform)
#   entraTenantId  the tenant
#   entraApiScope  the delegated scope the unit portal asks MSAL for: api://<client id>/access_as_user (entra-app.sh)
# The file is generated: it is rewritten on every azd package/deploy and holds no secret.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
web="$(cd "$here/../../web" && pwd)"

value() {
  eval "current=\${$1-__unset__}"
  if [ "$current" = "__unset__" ]; then
    current="$(azd env get-value "$1" 2>/dev/null || true)"
  fi
  printf '%s' "$current"
}
json_string() { printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"; }

api_base_url="$(value WEB_API_BASE_URL)"
client_id="$(value AZURE_API_CLIENT_ID)"
tenant_id="$(value AZURE_TENANT_ID)"
api_scope=""
[ -z "$client_id" ] || api_scope="api://$client_id/access_as_user"
[ -n "$client_id" ] || echo "web-config: AZURE_API_CLIENT_ID is empty; the site will not be able to sign in (run azd provision first)." >&2

config="$(
  printf '{\n'
  printf '  "apiBaseUrl": %s,\n' "$(json_string "$api_base_url")"
  printf '  "entraClientId": %s,\n' "$(json_string "$client_id")"
  printf '  "entraTenantId": %s,\n' "$(json_string "$tenant_id")"
  printf '  "entraApiScope": %s\n' "$(json_string "$api_scope")"
  printf '}'
)"
mkdir -p "$web/public"
printf '%s\n' "$config" > "$web/public/config.json"
written="web/public/config.json"
if [ -d "$web/dist" ]; then
  printf '%s\n' "$config" > "$web/dist/config.json"
  written="$written and web/dist/config.json"
fi
echo "web-config: wrote $written (apiBaseUrl \"$api_base_url\", client $client_id)."
