#!/bin/sh
# Before azd provisions: the personal-data keys (once per environment) and the API's Entra ID app registration.
set -eu

ensure_key() {
  if [ -z "$(azd env get-value "$1" 2>/dev/null || true)" ]; then
    azd env set "$1" "$(openssl rand -base64 32)" >/dev/null
    echo "Generated $1 (kept in this azd environment; it also goes to Key Vault)."
  fi
}
ensure_key FRONTLINE_PERSONAL_DATA_KEY
ensure_key FRONTLINE_PHONE_HASH_KEY

env_name="$(azd env get-value AZURE_ENV_NAME)"
app_name="frontline-api-$env_name"
client_id="$(azd env get-value AZURE_API_CLIENT_ID 2>/dev/null || true)"
if [ -z "$client_id" ]; then
  client_id="$(az ad app list --display-name "$app_name" --query '[0].appId' -o tsv)"
fi
if [ -z "$client_id" ]; then
  client_id="$(az ad app create --display-name "$app_name" --sign-in-audience AzureADMyOrg --query appId -o tsv)"
  echo "Created the Entra ID app registration $app_name ($client_id)."
fi
object_id="$(az ad app show --id "$client_id" --query id -o tsv)"

# App roles: Reporter (a unit's reporter), Coordinator (command office), Admin. Stable ids so reruns update, not duplicate.
roles_file="$(mktemp)"
cat > "$roles_file" <<JSON
[
  {"allowedMemberTypes":["User","Application"],"description":"Submits daily counts for the sites of their own unit.","displayName":"Reporter","id":"6c1a4b3e-4f0a-4f1e-9a63-7a1b0c2d3e01","isEnabled":true,"value":"Reporter"},
  {"allowedMemberTypes":["User","Application"],"description":"Runs the mobilization: sites, completeness, bulletins, volunteers.","displayName":"Coordinator","id":"6c1a4b3e-4f0a-4f1e-9a63-7a1b0c2d3e02","isEnabled":true,"value":"Coordinator"},
  {"allowedMemberTypes":["User","Application"],"description":"Everything a coordinator can, and unmasked exports.","displayName":"Admin","id":"6c1a4b3e-4f0a-4f1e-9a63-7a1b0c2d3e03","isEnabled":true,"value":"Admin"}
]
JSON
az ad app update --id "$client_id" --identifier-uris "api://$client_id" --app-roles "@$roles_file" --requested-access-token-version 2
rm -f "$roles_file"

# unit_id: a directory extension on users, emitted into access tokens as an optional claim.
extension="$(az rest --method GET --url "https://graph.microsoft.com/v1.0/applications/$object_id/extensionProperties" --query "value[?ends_with(name, '_unit_id')].name | [0]" -o tsv)"
if [ -z "$extension" ]; then
  extension="$(az rest --method POST --url "https://graph.microsoft.com/v1.0/applications/$object_id/extensionProperties" \
    --body '{"name":"unit_id","dataType":"String","targetObjects":["User"]}' --query name -o tsv)"
fi
az rest --method PATCH --url "https://graph.microsoft.com/v1.0/applications/$object_id" \
  --body "{\"optionalClaims\":{\"accessToken\":[{\"name\":\"$extension\",\"source\":\"user\",\"essential\":false}]}}"

azd env set AZURE_API_CLIENT_ID "$client_id" >/dev/null
azd env set FRONTLINE_UNIT_ID_EXTENSION "$extension" >/dev/null
echo "Entra ID: app roles Reporter, Coordinator, Admin and the $extension claim are set on $app_name."
