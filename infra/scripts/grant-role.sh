#!/bin/sh
# Gives a user a Frontline app role and, for a reporter, their unit: the two steps infra/README.md calls
# "signing in as each role". Usage (from the repository, with az signed in and an azd environment selected):
#   sh infra/scripts/grant-role.sh <user: UPN or object id> <Reporter|Coordinator|Admin> [unit_id]
# Assigning needs an owner of the app or an Application/Cloud Application Administrator; writing a user's
# unit_id needs User Administrator (or User.ReadWrite.All). The same can be done in the portal:
# Entra ID > Enterprise applications > frontline-api-<env> > Users and groups.
set -eu
[ $# -ge 2 ] || { echo "usage: $0 <user UPN or id> <Reporter|Coordinator|Admin> [unit_id]" >&2; exit 2; }
user="$1"; role="$2"; unit="${3:-}"
case "$role" in
  Reporter) role_id="6c1a4b3e-4f0a-4f1e-9a63-7a1b0c2d3e01" ;;
  Coordinator) role_id="6c1a4b3e-4f0a-4f1e-9a63-7a1b0c2d3e02" ;;
  Admin) role_id="6c1a4b3e-4f0a-4f1e-9a63-7a1b0c2d3e03" ;;
  *) echo "grant-role: role must be Reporter, Coordinator or Admin" >&2; exit 2 ;;
esac

graph="https://graph.microsoft.com/v1.0"
client_id="${AZURE_API_CLIENT_ID:-$(azd env get-value AZURE_API_CLIENT_ID 2>/dev/null || true)}"
[ -n "$client_id" ] || { echo "grant-role: AZURE_API_CLIENT_ID is not set: run azd provision first." >&2; exit 1; }
sp_id="$(az ad sp show --id "$client_id" --query id -o tsv)"
user_id="$(az ad user show --id "$user" --query id -o tsv)"

existing="$(az rest --method GET --url "$graph/users/$user_id/appRoleAssignments" \
  --query "length(value[?resourceId=='$sp_id' && appRoleId=='$role_id'])" -o tsv)"
if [ "$existing" = "0" ]; then
  az rest --method POST --url "$graph/servicePrincipals/$sp_id/appRoleAssignedTo" \
    --headers "Content-Type=application/json" \
    --body "{\"principalId\":\"$user_id\",\"resourceId\":\"$sp_id\",\"appRoleId\":\"$role_id\"}" >/dev/null
  echo "grant-role: $user is now $role."
else
  echo "grant-role: $user already is $role."
fi

if [ -n "$unit" ]; then
  extension="${FRONTLINE_UNIT_ID_EXTENSION:-$(azd env get-value FRONTLINE_UNIT_ID_EXTENSION 2>/dev/null || true)}"
  [ -n "$extension" ] || { echo "grant-role: FRONTLINE_UNIT_ID_EXTENSION is not set: run infra/scripts/entra-app.sh." >&2; exit 1; }
  az rest --method PATCH --url "$graph/users/$user_id" --headers "Content-Type=application/json" \
    --body "{\"$extension\":\"$unit\"}" >/dev/null
  echo "grant-role: $user's unit_id is $unit (in tokens as extn.unit_id from their next sign-in)."
fi
