#!/usr/bin/env bash
# Whole-process benchmark: what a user pays for each `tclass` process, set against a floor that does
# the same work with nothing of TClass in it, as ratios (absolute times swing with the machine's load;
# ratios measured side by side in one run do not). Figures are CPU time (user + system) and peak
# resident memory from GNU time, medians of several runs.
#
#   tests/TClass.Benchmarks/whole-process.sh [work-folder]
#
# Two builds of tclass are measured: the native one (dotnet publish -p:PublishAot=true, docs/commands.md)
# and the ReadyToRun one the dotnet tool package installs; the floors are ReadyToRun.
#
# Needs: the .NET SDK, GNU time (/usr/bin/time; Debian: apt-get install time), the reference tokenizer
# files (dotnet run --project tools/TClass.References -- fetch), and for the native build a C toolchain
# (Debian: apt-get install clang zlib1g-dev; without one, only the ReadyToRun build is measured).
# docs/performance.md explains each line and lists the figures measured.
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
builds="native readytorun"
if ! command -v clang > /dev/null 2>&1; then
  echo "no C toolchain (clang): the native build is left out (Debian: apt-get install clang zlib1g-dev)"
  builds="readytorun"
fi
mkdir -p "$work"
# publish <project> <folder> <options...>
publish() {
  local project=$1 folder=$2; shift 2
  # Fresh intermediate files for the runtime: a ReadyToRun image built over stale ones can fail to load.
  rm -rf src/*/obj/Release/net10.0/"$rid" tests/*/obj/Release/net10.0/"$rid"
  dotnet publish "$project" -c Release -r "$rid" "$@" -o "$work/$folder" > "$work/publish-$folder.log" \
    || { cat "$work/publish-$folder.log" >&2; exit 1; }
}
echo "== publishing tclass ($builds) and the floors (ReadyToRun) for $rid into $work"
publish tests/TClass.Floors floors --self-contained false -p:PublishReadyToRun=true
publish src/TClass.Cli readytorun --self-contained false -p:PublishReadyToRun=true
case " $builds " in *" native "*) publish src/TClass.Cli native -p:PublishAot=true ;; esac
floor="$work/floors/TClass.Floors"
tclass() { echo "$work/$1/TClass.Cli"; }

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

# row <label> <figure>: a floor's line, aligned with the lines of tclass.
row() { printf '%-44s %s\n' "$1" "$2"; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# nonzero <value>: a floor of 0 cannot be compared with.
nonzero() { [ "${1:-0}" -gt 0 ] || { echo "a floor measured 0 ms: the figures cannot be compared" >&2; exit 1; }; }

echo
echo "== one card, a new process (CPU ms, median of $runs)"
measure "$runs" "$floor" hello; read -r hello _ < "$work/measure"; nonzero "$hello"
row "hello-world (ReadyToRun)" "$hello"
for build in $builds; do
  measure "$runs" "$(tclass "$build")" classify "$root/docs/examples/t5-native-architecture.yaml"; read -r one _ < "$work/measure"
  printf '%-44s %s   ratio %s×   (goal ≤ 4×)\n' "tclass classify <one card>, $build" "$one" "$(ratio "$one" "$hello")"
done

echo
echo "== 10,000 cards: CPU per card (median of 3)"
ten=$(cards 10000)
measure 3 "$floor" yaml "$ten"; read -r parse _ < "$work/measure"; nonzero "$parse"
row "YamlDotNet parse only" "$(awk -v t="$parse" 'BEGIN { printf "%.3f", t / 10000 }') ms per card"
for build in $builds; do
  measure 3 "$(tclass "$build")" classify "$ten" --format jsonl; read -r batch _ < "$work/measure"
  [ "$(wc -l < "$work/stdout")" -eq 10000 ] || { echo "classify did not write 10,000 results" >&2; exit 1; }
  printf '%-44s %s ms per card   ratio %s×   (goal ≤ 2.5×)\n' "tclass classify --format jsonl, $build" "$(awk -v t="$batch" 'BEGIN { printf "%.3f", t / 10000 }')" "$(ratio "$batch" "$parse")"
done

echo
echo "== peak memory, 20,000 cards against 1,000 (MB, one run each)"
small=$(cards 1000)
large=$(cards 20000)
for build in $builds; do
  for format in ${FORMATS:-jsonl json text md}; do
    measure 1 "$(tclass "$build")" classify "$small" --format "$format"; read -r _ rss_small < "$work/measure"
    measure 1 "$(tclass "$build")" classify "$large" --format "$format"; read -r _ rss_large < "$work/measure"
    printf '%-44s %d → %d   ratio %s×   (goal ≤ 1.3×)\n' "$build, --format $format" $((rss_small / 1024)) $((rss_large / 1024)) "$(ratio "$rss_large" "$rss_small")"
  done
done

echo
echo "== tokenizer analysis: Qwen2.5's tokenizer.json, 151,643 tokens (CPU ms, median of 3)"
measure 3 "$floor" tokenizer "$tokenizer" "$root/rules/tokenizers/korean"; read -r library _ < "$work/measure"; nonzero "$library"
row "Microsoft.ML.Tokenizers load + encode" "$library"
for build in $builds; do
  measure 3 "$(tclass "$build")" tokenizer "$(dirname "$tokenizer")"; read -r analysis _ < "$work/measure"
  printf '%-44s %s   ratio %s×   (goal ≤ 1.5×)\n' "tclass tokenizer, $build" "$analysis" "$(ratio "$analysis" "$library")"
done
