#!/usr/bin/env bash
# Load test of the web app on loopback with wrk (Debian package `wrk`): POST /api/assess with the
# UK-in-Japan sample, the agreement list, network metrics, and /healthz (the framework's own
# minimal endpoint: the ceiling) in one run. Requests stay on 127.0.0.1; every run is bounded.
# Usage: bash bench/web/run.sh [seconds-per-endpoint]   (appends a run to bench/results/web-<date>.md)
set -euo pipefail
cd "$(dirname "$0")/../.."
secs="${1:-15}"
port=5090
base="http://127.0.0.1:${port}"
command -v wrk >/dev/null || { echo "bench: wrk is missing: apt-get install wrk" >&2; exit 1; }

out=$(mktemp -d)
dotnet publish src/Trellis.Web -c Release -o "$out/app" --nologo -v quiet >/dev/null
data=$(mktemp -d)
Trellis__DataDirectory="$data" Logging__LogLevel__Default=Warning \
  dotnet "$out/app/Trellis.Web.dll" --urls "$base" >"$out/app.log" 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null || true; rm -rf "$out" "$data"' EXIT
for _ in $(seq 1 60); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.5; done

cat >"$out/assess.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/yaml"
local f = io.open("samples/plans/gbr-exercise-in-japan.yaml", "rb"); wrk.body = f:read("*a"); f:close()
LUA

results="bench/results/web-$(date -u +%Y-%m-%d).md"
# Read before the results file is touched, so that it does not count as a change of its own.
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
mkdir -p bench/results
{
  [ -s "$results" ] && echo
  echo "## Run of $(date -u +%Y-%m-%dT%H:%MZ): \`bash bench/web/run.sh ${secs}\`"
  echo
  echo "- machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m), $(dotnet --version) SDK; wrk and the app share the machine"
  echo "- commit: ${commit}"
  echo "- wrk -t2 -c32 -d${secs}s --latency, after a 3 s warm-up of each endpoint; Release build, SQLite, logging at Warning"
  echo "- load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- app CPU/request: the app's user+system CPU time during the measured run divided by the requests served (wrk's own CPU not included)"
  echo
  echo "| endpoint | requests/s | p50 | p99 | app CPU/request |"
  echo "|---|---:|---:|---:|---:|"
} >>"$results"

run() {
  local name="$1" url="$2" script="${3:-}"
  local args=(-t2 -c32 --latency)
  [ -n "$script" ] && args+=(-s "$script")
  wrk "${args[@]}" -d3s "$url" >/dev/null
  local report t0 t1
  t0=$(awk '{print $14 + $15}' "/proc/$app/stat")
  report=$(wrk "${args[@]}" -d"${secs}s" "$url")
  t1=$(awk '{print $14 + $15}' "/proc/$app/stat")
  local rps p50 p99 requests cpu
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$report")
  p50=$(awk '$1=="50%" {print $2}' <<<"$report")
  p99=$(awk '$1=="99%" {print $2}' <<<"$report")
  requests=$(awk '/requests in/ {print $1}' <<<"$report")
  cpu=$(( (t1 - t0) * 1000000 / $(getconf CLK_TCK) / requests ))
  echo "| $name | $rps | $p50 | $p99 | ${cpu} µs |" >>"$results"
  echo "$name: $rps req/s, p50 $p50, p99 $p99, app CPU ${cpu} µs/request"
}

run "GET /healthz (ceiling)" "$base/healthz"
run "POST /api/assess (UK in Japan)" "$base/api/assess" "$out/assess.lua"
run "POST /api/assess?compare=true (UK in Japan)" "$base/api/assess?compare=true" "$out/assess.lua"
run "GET /api/agreements?state=JPN" "$base/api/agreements?state=JPN"
run "GET /api/network/metrics" "$base/api/network/metrics"
echo "results: $results"
