#!/usr/bin/env bash
# Load test of the web app on loopback with wrk (Debian package `wrk`): POST /api/assess with the
# UK-in-Japan sample, the agreement list, network metrics, and /healthz (the framework's own
# minimal endpoint: the ceiling) in one run. Requests stay on 127.0.0.1; every run is bounded.
# Usage: bash bench/web/run.sh [seconds-per-endpoint]   (writes bench/results/web-<date>.md)
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
mkdir -p bench/results
{
  echo "# Web app under load ($(date -u +%Y-%m-%dT%H:%MZ))"
  echo
  echo "- machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m), $(dotnet --version) SDK; wrk and the app share the machine"
  echo "- commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "- wrk -t2 -c32 -d${secs}s --latency, after a 3 s warm-up of each endpoint; Release build, SQLite, logging at Warning"
  echo
  echo "| endpoint | requests/s | p50 | p99 |"
  echo "|---|---:|---:|---:|"
} >"$results"

run() {
  local name="$1" url="$2" script="${3:-}"
  local args=(-t2 -c32 --latency)
  [ -n "$script" ] && args+=(-s "$script")
  wrk "${args[@]}" -d3s "$url" >/dev/null
  local report
  report=$(wrk "${args[@]}" -d"${secs}s" "$url")
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$report")
  p50=$(awk '$1=="50%" {print $2}' <<<"$report")
  p99=$(awk '$1=="99%" {print $2}' <<<"$report")
  echo "| $name | $rps | $p50 | $p99 |" >>"$results"
  echo "$name: $rps req/s, p50 $p50, p99 $p99"
}

run "GET /healthz (ceiling)" "$base/healthz"
run "POST /api/assess (UK in Japan)" "$base/api/assess" "$out/assess.lua"
run "GET /api/agreements?state=JPN" "$base/api/agreements?state=JPN"
run "GET /api/network/metrics" "$base/api/network/metrics"
echo "results: $results"
