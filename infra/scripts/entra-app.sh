#!/bin/sh
# Creates or updates the API's Entra ID app registration with the Azure CLI (az), idempotently:
#   - app roles Reporter, Coordinator, Admin (users and applications), with fixed ids so reruns update them;
#   - identifier URI api://<appId>, a delegated scope access_as_user, v1 access tokens (aud = api://<appId>,
#     which is what the Function App's AzureAd__Audience expects);
#   - a directory extension attribute unit_id on users, emitted in access and ID tokens as the optional
#     claim extn.unit_id (the API reads unit_id and extn.unit_id);
#   - SPA redirect URIs: the Static Web App (once WEB_URI is known) and the two local addresses, each also
#     with /auth-redirect.html (MSAL's redirect bridge) and /portal.html and /console.html (after sign-out);
#   - the service principal (Enterprise application) that users are assigned to;
# then stores AZURE_API_CLIENT_ID and FRONTLINE_UNIT_ID_EXTENSION in the azd environment.
# Runs from the preprovision and postprovision hooks; safe to run by hand: sh infra/scripts/entra-app.sh
# Needs: az signed in to the tenant (az login) as someone who may create app registrations.
set -eu

say() { printf 'entra-app: %s\n' "$*"; }
fail() { printf 'entra-app: %s\n' "$*" >&2; exit 1; }

# azd passes its environment's values to hooks as variables; by hand, ask azd.
env_value() {
  eval "current=\${$1:-}"
  if [ -z "$current" ] && command -v azd >/dev/null 2>&1; then
    current="$(azd env get-value "$1" 2>/dev/null || true)"
  fi
  printf '%s' "$current"
}

client_id="$(env_value AZURE_API_CLIENT_ID)"
env_name="$(env_value AZURE_ENV_NAME)"
web_uri="$(env_value WEB_URI)"
[ -n "$env_name" ] || fail "AZURE_ENV_NAME is not set: run inside an azd environment (azd env select / azd init)."

# In a pipeline the federated identity normally has no Microsoft Graph rights: the app registration is made
# from a workstation (the first azd up) and the pipeline only receives its client id.
if [ -n "${GITHUB_ACTIONS:-}${TF_BUILD:-}" ] && [ "${FRONTLINE_MANAGE_ENTRA_IN_CI:-false}" != "true" ]; then
  [ -n "$client_id" ] || fail "AZURE_API_CLIENT_ID is empty: run 'azd up' once from a workstation, then set the pipeline variable AZURE_API_CLIENT_ID."
  say "pipeline run: leaving the app registration $client_id as it is (set FRONTLINE_MANAGE_ENTRA_IN_CI=true to manage it here)."
  exit 0
fi

command -v az >/dev/null 2>&1 || fail "the Azure CLI (az) is required: https://aka.ms/azure-cli"
az account show --query tenantId -o tsv >/dev/null 2>&1 || fail "az is not signed in: run 'az login' (same tenant as azd)."

app_name="frontline-api-$env_name"
graph="https://graph.microsoft.com/v1.0"

if [ -n "$client_id" ]; then
  az ad app show --id "$client_id" --query appId -o tsv >/dev/null 2>&1 \
    || fail "AZURE_API_CLIENT_ID=$client_id is not an app registration in this tenant (azd env set AZURE_API_CLIENT_ID '' to create one)."
else
  client_id="$(az ad app list --display-name "$app_name" --query '[0].appId' -o tsv)"
  if [ -z "$client_id" ]; then
    client_id="$(az ad app create --display-name "$app_name" --sign-in-audience AzureADMyOrg --query appId -o tsv)"
    say "created the app registration $app_name ($client_id)."
  fi
fi
object_id="$(az ad app show --id "$client_id" --query id -o tsv)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# App roles. The ids are fixed so that a rerun updates the same roles instead of adding new ones.
cat > "$work/roles.json" <<'JSON'
[
  {"allowedMemberTypes":["User","Application"],"description":"Submits daily counts for the sites of their own unit (unit_id).","displayName":"Reporter","id":"6c1a4b3e-4f0a-4f1e-9a63-7a1b0c2d3e01","isEnabled":true,"value":"Reporter"},
  {"allowedMemberTypes":["User","Application"],"description":"Runs the mobilization: sites, completeness, bulletins, volunteers.","displayName":"Coordinator","id":"6c1a4b3e-4f0a-4f1e-9a63-7a1b0c2d3e02","isEnabled":true,"value":"Coordinator"},
  {"allowedMemberTypes":["User","Application"],"description":"Everything a coordinator can, and unmasked exports.","displayName":"Admin","id":"6c1a4b3e-4f0a-4f1e-9a63-7a1b0c2d3e03","isEnabled":true,"value":"Admin"}
]
JSON
az ad app update --id "$client_id" --identifier-uris "api://$client_id" --app-roles "@$work/roles.json"

# The delegated scope the site asks for (api://<appId>/access_as_user), and v1 access tokens: their audience is
# api://<appId>, the Function App's AzureAd__Audience. (v2 tokens would carry the bare client id instead.)
cat > "$work/api.json" <<JSON
{
  "api": {
    "requestedAccessTokenVersion": 1,
    "oauth2PermissionScopes": [
      {"id":"6c1a4b3e-4f0a-4f1e-9a63-7a1b0c2d3e10","value":"access_as_user","type":"User","isEnabled":true,
       "adminConsentDisplayName":"Use Frontline as the signed-in user","adminConsentDescription":"Lets the Frontline site call the Frontline API as the signed-in user.",
       "userConsentDisplayName":"Use Frontline as you","userConsentDescription":"Lets the Frontline site call the Frontline API as you."}
    ]
  }
}
JSON
az rest --method PATCH --url "$graph/applications/$object_id" --headers "Content-Type=application/json" --body "@$work/api.json" >/dev/null
# The site is this same registration (SPA platform): it declares that it uses its own scope.
printf '{"requiredResourceAccess":[{"resourceAppId":"%s","resourceAccess":[{"id":"6c1a4b3e-4f0a-4f1e-9a63-7a1b0c2d3e10","type":"Scope"}]}]}' \
  "$client_id" > "$work/access.json"
az rest --method PATCH --url "$graph/applications/$object_id" --headers "Content-Type=application/json" --body "@$work/access.json" >/dev/null

# unit_id: a directory extension attribute on users (extension_<appId without dashes>_unit_id), emitted as the
# optional claim extn.unit_id. Setting its value on a user is a separate step (infra/scripts/grant-role.sh).
extension="$(az rest --method GET --url "$graph/applications/$object_id/extensionProperties" \
  --query "value[?ends_with(name, '_unit_id')].name | [0]" -o tsv)"
if [ -z "$extension" ]; then
  extension="$(az rest --method POST --url "$graph/applications/$object_id/extensionProperties" \
    --headers "Content-Type=application/json" \
    --body '{"name":"unit_id","dataType":"String","targetObjects":["User"]}' --query name -o tsv)"
  say "registered the directory extension $extension."
fi
cat > "$work/claims.json" <<JSON
{"optionalClaims":{
  "accessToken":[{"name":"$extension","source":"user","essential":false}],
  "idToken":[{"name":"$extension","source":"user","essential":false}]
}}
JSON
az rest --method PATCH --url "$graph/applications/$object_id" --headers "Content-Type=application/json" --body "@$work/claims.json" >/dev/null

# SPA redirect URIs: keep any added by hand (a custom domain), add the site and the two local addresses, each with
# the signed-in pages: /auth-redirect.html, MSAL v5's redirect bridge, where Entra ID answers a sign-in, and
# /portal.html and /console.html, where a sign-out from the unit portal or the coordinator console comes back to.
{
  az ad app show --id "$client_id" --query 'spa.redirectUris' -o tsv 2>/dev/null || true
  for base in ${web_uri:+"${web_uri%/}"} "http://localhost:5173" "http://localhost:7071"; do
    printf '%s/\n%s/auth-redirect.html\n%s/portal.html\n%s/console.html\n' "$base" "$base" "$base" "$base"
  done
} | sed '/^[[:space:]]*$/d' | sort -u > "$work/redirects.txt"
uris="$(sed 's/.*/"&"/' "$work/redirects.txt" | paste -sd, -)"
printf '{"spa":{"redirectUris":[%s]}}' "$uris" > "$work/spa.json"
az rest --method PATCH --url "$graph/applications/$object_id" --headers "Content-Type=application/json" --body "@$work/spa.json" >/dev/null

# The service principal (Enterprise application): where users are assigned to app roles.
if ! az ad sp show --id "$client_id" --query id -o tsv >/dev/null 2>&1; then
  az ad sp create --id "$client_id" --query id -o tsv >/dev/null
  say "created the service principal (Enterprise application) for $app_name."
fi
# Tenant-wide consent to access_as_user, so users are not asked. Needs an administrator; otherwise each user
# consents at first sign-in (where the tenant allows user consent) or an admin grants it in the portal.
az ad app permission admin-consent --id "$client_id" >/dev/null 2>&1 \
  || say "no admin consent granted (needs a Cloud Application Administrator): see infra/README.md, 'Consent'."

azd env set AZURE_API_CLIENT_ID "$client_id" >/dev/null
azd env set FRONTLINE_UNIT_ID_EXTENSION "$extension" >/dev/null
say "$app_name ($client_id): roles Reporter, Coordinator, Admin; scope api://$client_id/access_as_user; claim extn.unit_id; SPA redirects: $(paste -sd' ' "$work/redirects.txt")."

# A unit's own system (the README's "For a unit's IT department"). The unit registers an application of its own and
# gives us its client id; someone who may assign app roles on this API grants that app the Reporter role, the one
# role Frontline honours in an app-only token (Coordinator and Admin in such a token are ignored):
#   api_sp="$(az ad sp show --id "$AZURE_API_CLIENT_ID" --query id -o tsv)"
#   unit_sp="$(az ad sp show --id <unit app client id> --query id -o tsv)"   # none yet: az ad sp create --id <client id>
#   az rest --method POST --url "https://graph.microsoft.com/v1.0/servicePrincipals/$unit_sp/appRoleAssignments" \
#     --body "{\"principalId\":\"$unit_sp\",\"resourceId\":\"$api_sp\",\"appRoleId\":\"6c1a4b3e-4f0a-4f1e-9a63-7a1b0c2d3e01\"}"
# A Frontline Admin then binds the client id to the unit: console, 应用绑定 / Application bindings, or
#   PUT /api/apps/<client id> {"unitId": "<unit id>", "name": "<the system's name>"}
# Until both are done the app's token is refused (403: not bound, or no Reporter role). The app asks for a token with
# the client-credentials grant and the scope api://$AZURE_API_CLIENT_ID/.default.
say "a unit's system: grant its app the Reporter role (appRoleId 6c1a4b3e-4f0a-4f1e-9a63-7a1b0c2d3e01) and bind its client id in the console; see the comment at the end of this script."
