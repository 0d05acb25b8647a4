#!/bin/sh
# azd postprovision hook: now that the Static Web App has an address, add it to the app registration's SPA
# redirect URIs (entra-app.sh again; everything else it does is unchanged on a rerun).
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
sh "$here/entra-app.sh"
web_uri="${WEB_URI:-$(azd env get-value WEB_URI 2>/dev/null || true)}"
echo "postprovision: site $web_uri  API $web_uri/api/... (linked Function App: ${AZURE_FUNCTION_APP_NAME:-see azd env get-values})"
