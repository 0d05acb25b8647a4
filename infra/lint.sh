#!/usr/bin/env bash
# Builds and lints infra/main.bicep (and every module it uses) with the Bicep CLI from NuGet.
# Any warning or error fails. Needs only the .NET SDK and the NuGet registry; works from any directory.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$here/tools/bicep.csproj"
package="azure.bicep.commandline.linux-x64"
version="$(sed -nE 's/.*Include="Azure\.Bicep\.CommandLine\.linux-x64" Version="\[([^]]+)\]".*/\1/p' "$project")"
[ -n "$version" ] || { echo "bicep: no Azure.Bicep.CommandLine.linux-x64 version in $project" >&2; exit 1; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Restore only downloads the package; the project keeps its obj/ outside the repository.
if ! restore_log="$(dotnet restore "$project" -nologo 2>&1)"; then
  echo "$restore_log" >&2
  echo "bicep: could not restore $package $version from NuGet" >&2
  exit 1
fi

packages="$(dotnet nuget locals global-packages --list | sed -E 's/^global-packages: *//' | tr -d '\r')"
bicep="${packages%/}/$package/$version/tools/bicep"
[ -f "$bicep" ] || { echo "bicep: $bicep not found after restore" >&2; exit 1; }
[ -x "$bicep" ] || chmod +x "$bicep"

# Bicep needs ICU only for culture-aware formatting, which neither command uses.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1

status=0
template="$(mktemp)"
trap 'rm -f "$template"' EXIT
build_output="$("$bicep" build "$here/main.bicep" --stdout 2>&1 >"$template")" || status=$?
lint_output="$("$bicep" lint "$here/main.bicep" 2>&1)" || status=$?
diagnostics="$(printf '%s\n%s\n' "$build_output" "$lint_output" | sed '/^[[:space:]]*$/d' | awk '!seen[$0]++')"

if [ "$status" -ne 0 ] || grep -qE '\b(Warning|Error)\b' <<<"$diagnostics"; then
  [ -z "$diagnostics" ] || echo "$diagnostics" >&2
  echo "bicep: build or lint failed (exit $status)" >&2
  exit 1
fi

# main.parameters.json (what azd fills in) must name only parameters the template has, and every parameter
# the template requires. Checked with Node when it is there (the site's toolchain); skipped otherwise.
params_note="parameters file not checked: no node"
if command -v node >/dev/null 2>&1; then
  params_note="$(node - "$template" "$here/main.parameters.json" <<'JS'
const fs = require('fs');
const [template, file] = process.argv.slice(2).map((p) => JSON.parse(fs.readFileSync(p, 'utf8')));
const declared = template.parameters ?? {};
const given = Object.keys(file.parameters ?? {});
const unknown = given.filter((name) => !(name in declared));
const missing = Object.entries(declared).filter(([name, p]) => !('defaultValue' in p) && !given.includes(name)).map(([name]) => name);
if (unknown.length || missing.length) {
  console.error(`main.parameters.json: unknown ${JSON.stringify(unknown)}, missing required ${JSON.stringify(missing)}`);
  process.exit(1);
}
console.log(`${given.length} parameters mapped`);
JS
)" || { echo "bicep: main.parameters.json does not match main.bicep" >&2; exit 1; }
fi

files="$(find "$here" -name '*.bicep' -not -path "$here/tools/*" | wc -l | tr -d ' ')"
echo "bicep: build and lint clean ($files files, Bicep $version; $params_note)"
