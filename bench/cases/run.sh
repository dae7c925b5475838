#!/usr/bin/env bash
# Cases and filings under load on PostgreSQL (issue 9): 10,000 cases and 400,000 filings seeded with
# SQL, then wrk (Debian package `wrk`) against "my cases" (planner), the host inbox (reviewer), filing
# transitions (reviewer and planner moving filings round submitted → under-review → need-more-info →
# submitted with If-Match), one filing read, and /healthz (the ceiling) in one run. Also times one
# password hash as the app's ASP.NET Core Identity does it. Requests stay on 127.0.0.1; every run is bounded.
# Usage: [BENCH_CONNECTIONS=32] bash bench/cases/run.sh [seconds-per-endpoint]   (appends a run to bench/results/cases-<date>.md)
# BENCH_POSTGRES: an Npgsql connection string; its database is DROPPED and recreated (its name must contain "bench").
set -euo pipefail
cd "$(dirname "$0")/../.."
secs="${1:-15}"
conns="${BENCH_CONNECTIONS:-32}" # the target is stated at -c32; a lower count shows the latency of one request with less queueing
port=5091
base="http://127.0.0.1:${port}"
conn="${BENCH_POSTGRES:-Host=127.0.0.1;Port=5432;Username=trellis_ci;Password=trellis_ci;Database=trellis_bench}"
command -v wrk >/dev/null || { echo "bench: wrk is missing: apt-get install wrk" >&2; exit 1; }
command -v psql >/dev/null || { echo "bench: psql is missing: apt-get install postgresql-client" >&2; exit 1; }

# The Npgsql connection string as libpq environment, for psql.
IFS=';' read -ra parts <<<"$conn"
for kv in "${parts[@]}"; do
  key=$(tr '[:upper:]' '[:lower:]' <<<"${kv%%=*}" | tr -d ' '); value="${kv#*=}"
  case "$key" in
    host|server) export PGHOST="$value" ;;
    port) export PGPORT="$value" ;;
    username|user|userid) export PGUSER="$value" ;;
    password) export PGPASSWORD="$value" ;;
    database) dbname="$value" ;;
  esac
done
[[ "${dbname:-}" == *bench* ]] || { echo "bench: the database of BENCH_POSTGRES ('${dbname:-}') is dropped and recreated: its name must contain 'bench'" >&2; exit 1; }
case "${PGHOST:-}" in 127.0.0.1|localhost|::1) ;; *) echo "bench: PostgreSQL must be on loopback, not '${PGHOST:-}'" >&2; exit 1 ;; esac

out=$(mktemp -d)
data=$(mktemp -d)
app=""
trap '[ -n "$app" ] && kill "$app" 2>/dev/null; rm -rf "$out" "$data"' EXIT
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"

echo "bench: publishing (Release)…"
if [ -n "${BENCH_APP:-}" ]; then cp -r "$BENCH_APP" "$out/app"; else dotnet publish src/Trellis.Web -c Release -o "$out/app" --nologo -v quiet >/dev/null; fi # BENCH_APP: an already published app (for trying the script)

psql -X -q -d postgres -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS \"$dbname\" WITH (FORCE)" -c "CREATE DATABASE \"$dbname\"" 2>&1 | grep -v 'does not exist, skipping' || true
pg_version=$(psql -X -At -d "$dbname" -c 'SHOW server_version')
export ConnectionStrings__Trellis="$conn" Trellis__DataDirectory="$data"

# admin …: prints its last output line (an id, a token); the first one creates the schema (EF migrations).
admin() {
  local log="$out/admin.log"
  if ! dotnet "$out/app/Trellis.Web.dll" admin "$@" >"$log.out" 2>"$log.err" <"${ADMIN_INPUT:-/dev/null}"; then
    cat "$log.out" "$log.err" >&2; echo "bench: admin $* failed" >&2; exit 1
  fi
  tail -n1 "$log.out"
}
uk=$(admin org add --state GBR --name "Bench UK Joint Force HQ")
uk2=$(admin org add --state GBR --name "Bench UK Carrier Strike Group")
aus=$(admin org add --state AUS --name "Bench Australian Defence Force")
jpn=$(admin org add --state JPN --name "Bench Japan Joint Staff")
admin authority map --state JPN --org "$jpn" --all >/dev/null
echo "bench-planner-password" >"$out/pw"
t0=$(date +%s%N)
planner=$(ADMIN_INPUT="$out/pw" admin user add --email planner@bench.invalid --org "$uk" --role planner --password-stdin)
t1=$(date +%s%N)
user_add_ms=$(( (t1 - t0) / 1000000 ))
reviewer=$(ADMIN_INPUT="$out/pw" admin user add --email reviewer@bench.invalid --org "$jpn" --role host-reviewer --password-stdin)
planner_token=$(admin token create --email planner@bench.invalid --name bench)
reviewer_token=$(admin token create --email reviewer@bench.invalid --name bench)
t0=$(date +%s%N)
admin org list >/dev/null
t1=$(date +%s%N)
org_list_ms=$(( (t1 - t0) / 1000000 ))

# One password hash with the framework's defaults, in-process (without start-up and migration).
mkdir -p "$out/hash"
cp bench/cases/hash.cs "$out/hash/"
hash_line=$(cd "$out/hash" && timeout 300 dotnet run hash.cs 2>&1 | tail -n1) || hash_line="(not measured: dotnet run hash.cs failed: ${hash_line:-})"

echo "bench: starting the app…"
Logging__LogLevel__Default=Warning dotnet "$out/app/Trellis.Web.dll" --urls "$base" >"$out/app.log" 2>&1 &
app=$!
for _ in $(seq 1 120); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.5; done
curl -sf "$base/healthz" >/dev/null || { cat "$out/app.log" >&2; echo "bench: the app did not start" >&2; exit 1; }

# A real frozen assessment (the UK-in-Japan sample, as the API assesses it) and that plan, for every case.
curl -sf -X POST -H 'Content-Type: application/yaml' --data-binary @samples/plans/gbr-exercise-in-japan.yaml "$base/api/assess" >"$out/assessment.json"
cp samples/plans/gbr-exercise-in-japan.yaml "$out/plan.yaml"
registry_hash=$(sha256sum "$out/assessment.json" | cut -c1-64) # a stand-in: the list does not compare it

echo "bench: seeding 10,000 cases and 400,000 filings…"
t0=$(date +%s)
psql -X -q -d "$dbname" -v ON_ERROR_STOP=1 -v uk="$uk" -v uk2="$uk2" -v aus="$aus" -v jpn="$jpn" -v planner="$planner" -v registry_hash="$registry_hash" \
  -v plan_body="$(cat "$out/plan.yaml")" -v assessment="$(cat "$out/assessment.json")" -f bench/cases/seed.sql
seed_secs=$(( $(date +%s) - t0 ))
read -r n_cases n_mine n_filings n_jpn_open < <(psql -X -At -F' ' -d "$dbname" -c "SELECT (SELECT count(*) FROM cases), (SELECT count(*) FROM cases WHERE sending_organisation_id = '$uk'), (SELECT count(*) FROM filings), (SELECT count(*) FROM filings f JOIN cases c ON c.id = f.case_id WHERE f.addressed_to = '$jpn' AND c.status IN ('submitted','closed') AND f.status IN ('draft','submitted','under-review','need-more-info'))")
db_size=$(psql -X -At -d "$dbname" -c "SELECT pg_size_pretty(pg_database_size(current_database()))")

# Filings for the transition runs: submitted ones of released cases of the planner's organisation, one per case,
# a separate set for the warm-up (each run's script starts every filing at version 1, submitted).
psql -X -At -d "$dbname" -c "SELECT id FROM (SELECT DISTINCT ON (f.case_id) f.id, f.case_id FROM filings f JOIN cases c ON c.id = f.case_id
  WHERE c.sending_organisation_id = '$uk' AND c.status = 'submitted' AND f.status = 'submitted' ORDER BY f.case_id, f.id) x ORDER BY case_id LIMIT 4000" >"$out/filings.all"
sed -n '1,1000p' "$out/filings.all" >"$out/filings.warm"
sed -n '1001,4000p' "$out/filings.all" >"$out/filings.run"
one_filing=$(tail -n1 "$out/filings.all")

transition_script() { # $1: the list of filing ids
  cat <<LUA
-- Per wrk thread: a queue of filings whose status and ETag are known and that are not in flight.
-- request() takes the head and sends its next legal move with If-Match; response() reads the filing's
-- id, status and ETag back from the 200 answer and queues it again. So no filing is ever moved by two
-- requests at once (no 412 by design); a non-200 answer drops the filing from the queue (and wrk counts it).
local reviewer = "Bearer ${reviewer_token}"
local planner = "Bearer ${planner_token}"
local moves = {
  ["submitted"] = { "under-review", reviewer },
  ["under-review"] = { "need-more-info", reviewer },
  ["need-more-info"] = { "submitted", planner },
}
local threads = 0
function setup(thread) thread:set("tid", threads); threads = threads + 1 end
function init(args)
  queue, head, tail = {}, 1, 0
  local i = 0
  for line in io.lines("$1") do
    if i % 2 == tid then tail = tail + 1; queue[tail] = { id = line, version = 1, status = "submitted" } end
    i = i + 1
  end
end
function request()
  if head > tail then return wrk.format("GET", "/healthz") end -- never with 500 filings per thread and 16 connections
  local f = queue[head]; queue[head] = nil; head = head + 1
  local m = moves[f.status]
  return wrk.format("POST", "/api/filings/" .. f.id .. "/transitions",
    { ["Authorization"] = m[2], ["Content-Type"] = "application/json", ["If-Match"] = '"' .. f.version .. '"' },
    '{"to":"' .. m[1] .. '"}')
end
function response(status, headers, body)
  if status ~= 200 then return end
  local id = body:match('"id":"([0-9a-f%-]+)"')
  local st = body:match('"status":"([a-z%-]+)"')
  local v = (headers["ETag"] or headers["etag"] or ""):match("(%d+)")
  if id and st and v and moves[st] then tail = tail + 1; queue[tail] = { id = id, version = tonumber(v), status = st } end
end
LUA
}
transition_script "$out/filings.warm" >"$out/transition-warm.lua"
transition_script "$out/filings.run" >"$out/transition.lua"

# Sanity: the list answers 200 with cases, and a filing starts at ETag "1".
curl -sf -H "Authorization: Bearer $planner_token" "$base/api/cases?limit=50" | grep -q '"id"' || { echo "bench: GET /api/cases failed" >&2; exit 1; }
curl -sfi -H "Authorization: Bearer $reviewer_token" "$base/api/filings/$one_filing" | grep -qi '^etag: "1"' || { echo "bench: GET /api/filings/{id} has no ETag \"1\"" >&2; exit 1; }

results="bench/results/cases-$(date -u +%Y-%m-%d).md"
mkdir -p bench/results
[ -s "$results" ] || cat >"$results" <<'MD'
# Cases and filings under load on PostgreSQL

Targets (issue 9): with 10,000 cases and 400,000 filings on PostgreSQL, "my cases" (`GET /api/cases?limit=50`)
p99 under 30 ms and a filing transition p99 under 20 ms (wrk -t2 -c32, 2 cores), with the password hashing
cost stated. Each run below is appended by `bash bench/cases/run.sh [seconds]`.
MD

# CPU ticks (user+system) of the app and of the PostgreSQL backends serving the bench database.
cpu_app() { awk '{print $14 + $15}' "/proc/$app/stat"; }
cpu_db() {
  local total=0 pid
  for pid in $(psql -X -At -d "$dbname" -c "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"); do
    [ -r "/proc/$pid/stat" ] && total=$(( total + $(awk '{print $14 + $15}' "/proc/$pid/stat") ))
  done
  echo "$total"
}
rows=()
declare -A p99s
run() {
  local name="$1" path="$2" script="${3:-}" warm="${4:-}" token="${5:-}"
  local args=(-t2 "-c$conns" --latency)
  [ -n "$token" ] && args+=(-H "Authorization: Bearer $token")
  wrk "${args[@]}" ${warm:+-s "$warm"} -d3s "$base$path" >/dev/null
  local a0 a1 d0 d1 report
  a0=$(cpu_app); d0=$(cpu_db)
  report=$(wrk "${args[@]}" ${script:+-s "$script"} -d"${secs}s" "$base$path")
  a1=$(cpu_app); d1=$(cpu_db)
  local rps p50 p99 requests non2xx errors cpu dbcpu hz
  hz=$(getconf CLK_TCK)
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$report")
  p50=$(awk '$1=="50%" {print $2}' <<<"$report")
  p99=$(awk '$1=="99%" {print $2}' <<<"$report")
  requests=$(awk '/requests in/ {print $1}' <<<"$report")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$report"); non2xx=${non2xx:-0}
  errors=$(awk '/Socket errors/ {print $0}' <<<"$report" | sed 's/^ *Socket errors: *//'); errors=${errors:-none}
  cpu=$(( (a1 - a0) * 1000000 / hz / requests ))
  dbcpu=$(( (d1 - d0) * 1000000 / hz / requests ))
  p99s["$name"]="$p99"
  rows+=("| $name | $requests | $rps | $p50 | $p99 | $non2xx | $errors | ${cpu} µs | ${dbcpu} µs |")
  echo "$name: $rps req/s, p50 $p50, p99 $p99, non-2xx $non2xx, app CPU ${cpu} µs/request, PostgreSQL CPU ${dbcpu} µs/request"
}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
run "GET /healthz (ceiling)" "/healthz"
run "GET /api/cases?limit=50 (planner: my cases)" "/api/cases?limit=50" "" "" "$planner_token"
run "GET /api/inbox?limit=50 (host reviewer)" "/api/inbox?limit=50" "" "" "$reviewer_token"
run "GET /api/filings/{id} (host reviewer)" "/api/filings/$one_filing" "" "" "$reviewer_token"
run "POST /api/filings/{id}/transitions (2/3 reviewer, 1/3 planner)" "/" "$out/transition.lua" "$out/transition-warm.lua"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
audit_rows=$(psql -X -At -d "$dbname" -c "SELECT count(*) FROM audit_log")

# "12.34ms" / "850.00us" / "1.20s" → milliseconds
ms() { awk -v t="$1" 'BEGIN { v = t + 0; if (t ~ /us$/) v /= 1000; else if (t ~ /ms$/) v = v; else if (t ~ /s$/) v *= 1000; printf "%.2f", v }'; }
verdict() { awk -v a="$(ms "$1")" -v b="$2" 'BEGIN { print (a < b) ? "met" : "not met" }'; }
cases_p99="${p99s["GET /api/cases?limit=50 (planner: my cases)"]}"
move_p99="${p99s["POST /api/filings/{id}/transitions (2/3 reviewer, 1/3 planner)"]}"

{
  echo
  echo "## Run of $(date -u +%Y-%m-%dT%H:%MZ): \`bash bench/cases/run.sh ${secs}\`"
  echo
  echo "- machine: $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m), $(dotnet --version) SDK; wrk, the app and PostgreSQL share the machine"
  echo "- commit: ${commit}"
  echo "- PostgreSQL ${pg_version} on ${PGHOST}:${PGPORT:-5432} (server settings as found), database \`${dbname}\` dropped, migrated by the app, seeded by \`bench/cases/seed.sql\` in ${seed_secs} s, then VACUUM (ANALYZE); ${db_size}"
  echo "- rows: ${n_cases} cases (${n_mine} of the planner's organisation, the rest of another UK and an Australian organisation), ${n_filings} filings (40 a case, all addressed to the Japanese host organisation; ${n_jpn_open} open on released cases: the inbox's candidates); every case carries the UK-in-Japan sample plan and its real assessment JSON ($(wc -c <"$out/assessment.json") bytes)"
  echo "- wrk -t2 -c${conns} -d${secs}s --latency, after a 3 s warm-up of each endpoint; Release build, logging at Warning"
  echo "- transitions: a wrk Lua script keeps, per thread, a queue of filings (1,500 per thread, one per case) that are not in flight; each request sends the next legal move of the queue's head with \`If-Match\` (submitted → under-review and under-review → need-more-info with the reviewer's token, need-more-info → submitted with the planner's), and the 200 answer's ETag and status put the filing back in the queue. No filing is in flight twice, so 412 does not occur by design; the latency is that of every response (all moves mixed), non-2xx counted in their own column. The warm-up uses other filings. Audit log rows after the run: ${audit_rows}"
  echo "- load average before the run: ${load_before}; after: ${load_after}"
  echo "- app CPU/request: the app's user+system CPU time during the measured run divided by the requests served; PostgreSQL CPU/request: the same for the server processes connected to the bench database (wrk's own CPU in neither)"
  echo
  echo "| endpoint | requests | requests/s | p50 | p99 | non-2xx | socket errors | app CPU/request | PostgreSQL CPU/request |"
  echo "|---|---:|---:|---:|---:|---:|---|---:|---:|"
  printf '%s\n' "${rows[@]}"
  echo
  if [ "$conns" = 32 ]; then echo "Targets: \"my cases\" p99 ${cases_p99} < 30 ms: **$(verdict "$cases_p99" 30)**; filing transition p99 ${move_p99} < 20 ms: **$(verdict "$move_p99" 20)**."; else echo "Targets are stated at -c32: this run at -c${conns} is for comparison, not a verdict."; fi
  echo
  echo "Password hashing: ASP.NET Core Identity \`PasswordHasher<TUser>\` with default \`PasswordHasherOptions\` (the app sets none): ${hash_line}"
  echo "(\`bench/cases/hash.cs\`: 10 \`HashPassword\` calls in a row after a warm-up, in-process, while nothing else of the bench ran). \`admin user add\` took ${user_add_ms} ms wall-clock"
  echo "including process start and the migration check, against ${org_list_ms} ms for \`admin org list\`. Bearer tokens cost no PBKDF2"
  echo "per request: the handler hashes the presented token with SHA-256 and looks the hash up (one indexed query, plus the user's lockout)."
} >>"$results"
echo "results: $results"
