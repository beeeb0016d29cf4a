#!/usr/bin/env bash
# Mutation testing of the engine and of the rule and manifest checks with Stryker.NET 5.1
# (docs/mutation.md explains what is mutated, how long it takes and how to read the report).
#
#   tests/mutation/run.sh engine|rules [output-folder]
#
# Installs dotnet-stryker 5.1.0 into .cache/tools on first use. Not part of .ci/run: one part takes
# longer than CI may.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
part=${1:-}
case "$part" in
  engine|rules) ;;
  *) echo "usage: tests/mutation/run.sh engine|rules [output-folder]" >&2; exit 2 ;;
esac
output=${2:-$root/artifacts/mutation/$part}
tools="$root/.cache/tools"
if [ ! -x "$tools/dotnet-stryker" ]; then
  dotnet tool install dotnet-stryker --version 5.1.0 --tool-path "$tools" > /dev/null
fi

mkdir -p "$output"
cd tests/TClass.Tests
"$tools/dotnet-stryker" --config-file "../mutation/$part.json" --output "$output"
echo "report: $output/reports/mutation-report.html"
