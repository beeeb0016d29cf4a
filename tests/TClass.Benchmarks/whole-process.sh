#!/usr/bin/env bash
# Whole-process benchmark: what a user pays for each `tclass` process, set against a floor that does
# the same work with nothing of TClass in it, as ratios (absolute times swing with the machine's load;
# ratios measured side by side in one run do not). Figures are CPU time (user + system) and peak
# resident memory from GNU time, medians of several runs.
#
#   tests/TClass.Benchmarks/whole-process.sh [work-folder]
#
# Needs: the .NET SDK, GNU time (/usr/bin/time; Debian: apt-get install time), and the reference
# tokenizer files (dotnet run --project tools/TClass.References -- fetch). docs/performance.md explains
# each line and lists the figures measured.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
work=${1:-${TMPDIR:-/tmp}/tclass-whole-process}
runs=${RUNS:-7}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

[ -x /usr/bin/time ] || { echo "GNU time is needed (/usr/bin/time; Debian: apt-get install time)" >&2; exit 2; }
tokenizer="$root/.cache/tokenizers/qwen2_5/tokenizer.json"
[ -f "$tokenizer" ] || { echo "fetch the reference tokenizers first: dotnet run --project tools/TClass.References -- fetch" >&2; exit 2; }

rid=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1)
mkdir -p "$work"
echo "== publishing tclass and the floors, ReadyToRun for $rid, into $work"
for project in src/TClass.Cli tests/TClass.Floors; do
  name=$(basename "$project")
  # Fresh intermediate files for the runtime: a ReadyToRun image built over stale ones can fail to load.
  rm -rf src/*/obj/Release/net10.0/"$rid" tests/*/obj/Release/net10.0/"$rid"
  dotnet publish "$project" -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true \
    -o "$work/$name" > "$work/publish-$name.log" \
    || { cat "$work/publish-$name.log" >&2; exit 1; }
done
tclass="$work/TClass.Cli/TClass.Cli"
floor="$work/TClass.Floors/TClass.Floors"

# cards <count>: a folder of <count> cards, the bundled examples copied with unique model ids.
cards() {
  local folder="$work/cards-$1"
  if [ ! -f "$folder/.complete" ]; then
    rm -rf "$folder" && mkdir -p "$folder"
    awk -v count="$1" -v folder="$folder" '
      FNR == 1 { file++; text[file] = "" }
      { text[file] = text[file] $0 "\n" }
      END {
        for (i = 0; i < count; i++) {
          n = i % file + 1
          out = sprintf("%s/card-%06d.yaml", folder, i)
          body = text[n]
          sub(/\n  id: [^\n]*/, sprintf("\n  id: bench/card-%06d", i), body)
          printf "%s", body > out
          close(out)
        }
      }' "$root"/docs/examples/t*.yaml
    touch "$folder/.complete"
  fi
  echo "$folder"
}

# measure <runs> <command...>: writes "cpu-ms peak-kb", the medians over <runs> runs, to $work/measure;
# stops the script when a run fails. The last run's output stays in $work/stdout.
measure() {
  local n=$1; shift
  local cpu=() rss=()
  for _ in $(seq "$n"); do
    if ! /usr/bin/time -f "%U %S %M" -o "$work/time" "$@" > "$work/stdout" 2> "$work/stderr"; then
      echo "failed: $*" >&2; cat "$work/stderr" >&2; exit 1
    fi
    read -r user system peak < <(tail -n 1 "$work/time")
    cpu+=("$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%d", (u + s) * 1000 }')")
    rss+=("$peak")
  done
  local middle=$(( (n + 1) / 2 ))
  echo "$(printf '%s\n' "${cpu[@]}" | sort -n | sed -n "${middle}p") $(printf '%s\n' "${rss[@]}" | sort -n | sed -n "${middle}p")" > "$work/measure"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# nonzero <value>: a floor of 0 cannot be compared with.
nonzero() { [ "${1:-0}" -gt 0 ] || { echo "a floor measured 0 ms: the figures cannot be compared" >&2; exit 1; }; }

echo
echo "== one card, a new process (CPU ms, median of $runs)"
measure "$runs" "$floor" hello; read -r hello _ < "$work/measure"; nonzero "$hello"
measure "$runs" "$tclass" classify "$root/docs/examples/t5-native-architecture.yaml"; read -r one _ < "$work/measure"
echo "hello-world (ReadyToRun)       $hello"
echo "tclass classify <one card>     $one"
echo "ratio                          $(ratio "$one" "$hello")×   (goal ≤ 4×)"

echo
echo "== 10,000 cards: CPU per card (median of 3)"
ten=$(cards 10000)
measure 3 "$floor" yaml "$ten"; read -r parse _ < "$work/measure"; nonzero "$parse"
measure 3 "$tclass" classify "$ten" --format jsonl; read -r batch _ < "$work/measure"
[ "$(wc -l < "$work/stdout")" -eq 10000 ] || { echo "classify did not write 10,000 results" >&2; exit 1; }
echo "YamlDotNet parse only          $(awk -v t="$parse" 'BEGIN { printf "%.3f", t / 10000 }') ms per card"
echo "tclass classify --format jsonl $(awk -v t="$batch" 'BEGIN { printf "%.3f", t / 10000 }') ms per card"
echo "ratio                          $(ratio "$batch" "$parse")×   (goal ≤ 2.5×)"

echo
echo "== peak memory, 20,000 cards against 1,000 (MB, one run each)"
small=$(cards 1000)
large=$(cards 20000)
for format in ${FORMATS:-jsonl json text md}; do
  measure 1 "$tclass" classify "$small" --format "$format"; read -r _ rss_small < "$work/measure"
  measure 1 "$tclass" classify "$large" --format "$format"; read -r _ rss_large < "$work/measure"
  printf '%-30s %d → %d   ratio %s×   (goal ≤ 1.3×)\n' "--format $format" $((rss_small / 1024)) $((rss_large / 1024)) "$(ratio "$rss_large" "$rss_small")"
done

echo
echo "== tokenizer analysis: Qwen2.5's tokenizer.json, 151,643 tokens (CPU ms, median of 3)"
measure 3 "$floor" tokenizer "$tokenizer" "$root/rules/tokenizers/korean"; read -r library _ < "$work/measure"; nonzero "$library"
measure 3 "$tclass" tokenizer "$(dirname "$tokenizer")"; read -r analysis _ < "$work/measure"
echo "Microsoft.ML.Tokenizers load + encode   $library"
echo "tclass tokenizer                        $analysis"
echo "ratio                                   $(ratio "$analysis" "$library")×   (goal ≤ 1.5×)"
