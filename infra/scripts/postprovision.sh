#!/bin/sh
# After azd provisions: let the site's sign-in (MSAL) redirect back to the Static Web App.
set -eu
client_id="$(azd env get-value AZURE_API_CLIENT_ID)"
web_uri="$(azd env get-value WEB_URI)"
az ad app update --id "$client_id" --set "spa={\"redirectUris\":[\"$web_uri/\",\"http://localhost:7071/\"]}"
echo "Site: $web_uri  API: $(azd env get-value API_BASE_URL)/api/health"
