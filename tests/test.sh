#!/usr/bin/env bash
# The test command: installs what the tests need, builds, and runs every test suite.
# Starts and stops its own Azurite (in memory, on free ports); needs only the .NET 10 SDK and Node 20.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

step() { printf '\n== %s\n' "$*"; }

step "Browser: Debian's chromium and a CJK font (no browser download)"
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing="$missing fonts-noto-cjk"
if [ -n "$missing" ]; then
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq $missing >/dev/null
fi
chromium --version

step "Build (npm ci for Azurite and the site, then the .NET projects)"
dotnet build tests/Frontline.Tests/Frontline.Tests.csproj -nologo -v quiet
if [ -d tests/Frontline.BrowserTests ]; then
  dotnet build tests/Frontline.BrowserTests/Frontline.BrowserTests.csproj -nologo -v quiet
fi

step "Frontline.Functions (Azure Functions isolated worker)"
if restore_log=$(dotnet restore functions/Frontline.Functions/Frontline.Functions.csproj -nologo 2>&1); then
  dotnet build functions/Frontline.Functions/Frontline.Functions.csproj --no-restore -nologo -v quiet
  echo "Frontline.Functions: built."
  # The tests then check the functions.metadata the Worker SDK generated, and fail if it is missing.
  export FRONTLINE_FUNCTIONS_BUILT=1
elif grep -qE "NU110[12].*Microsoft.Azure.Functions.Worker" <<<"$restore_log"; then
  echo "Frontline.Functions: skipped, its Azure Functions worker packages cannot be restored from this machine's NuGet source."
else
  echo "$restore_log"; exit 1
fi

step "OpenAPI document (written by the library, as both hosts serve it), linted with Redocly"
mkdir -p artifacts
dotnet functions/Frontline.Host/bin/Debug/net10.0/Frontline.Host.dll openapi artifacts/openapi.json
(cd tests/openapi-lint && npm ci --no-audit --no-fund --silent \
  && REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true npx --no-install redocly lint ../../artifacts/openapi.json --config redocly.yaml)

step "API client generated from the document with Kiota (.config/dotnet-tools.json), and its tests built"
dotnet tool restore
dotnet build tests/Frontline.ClientTests/Frontline.ClientTests.csproj -nologo -v quiet

if [ -f infra/lint.sh ]; then
  step "Bicep build and lint (warnings are errors)"
  bash infra/lint.sh
fi

if [ -f web/package.json ]; then
  step "Site unit tests"
  (cd web && npm test --silent)
fi

step "Tests (xunit, on Azurite; browser tests in headless Chromium)"
summary="$(mktemp)"
status=0
for project in tests/Frontline.Tests tests/Frontline.ClientTests tests/Frontline.BrowserTests; do
  [ -d "$project" ] || continue
  dotnet test "$project" --no-build -nologo 2>&1 | tee -a "$summary" || status=1
done
passed=$(grep -oE 'Passed: +[0-9]+' "$summary" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$summary" | awk '{s+=$2} END {print s+0}')
rm -f "$summary"
echo
echo "tests: ${passed} passed, ${failed} failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
