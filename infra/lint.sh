#!/usr/bin/env bash
# Builds and lints infra/main.bicep with the bicep CLI from NuGet; any warning or error fails.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dotnet restore "$here/tools/bicep.csproj" --verbosity quiet -nologo >/dev/null
packages="$(dotnet nuget locals global-packages --list | sed -E 's/^global-packages: //')"
bicep="$(ls -d "$packages"azure.bicep.commandline.linux-x64/*/tools/bicep | sort -V | tail -1)"
chmod +x "$bicep"
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1

output="$("$bicep" build "$here/main.bicep" --stdout 2>&1 >/dev/null)" || { echo "$output"; exit 1; }
lint="$("$bicep" lint "$here/main.bicep" 2>&1)" || { echo "$lint"; exit 1; }
if grep -qiE 'warning|error' <<<"$output$lint"; then
  echo "$output$lint"
  exit 1
fi
files=$(find "$here" -name '*.bicep' -not -path '*/tools/*' | wc -l)
echo "bicep: build and lint clean ($files files, $("$bicep" --version | head -1))"
