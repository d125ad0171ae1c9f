#!/usr/bin/env bash
# Runs every test: Core, CLI and HTTP against SQLite and a real PostgreSQL server.
# Installs and starts PostgreSQL on loopback when it is not already running.
set -euo pipefail
cd "$(dirname "$0")/.."

PG_PORT="${GAOXIN_PG_PORT:-5432}"
PG_PASSWORD="${GAOXIN_PG_PASSWORD:-gaoxin-test}"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

start_postgres() {
  if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    echo "== installing PostgreSQL"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
  fi
  local version cluster
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  cluster=main
  if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -qx "$version $cluster"; then
    as_root pg_createcluster "$version" "$cluster" --port "$PG_PORT" >/dev/null
  fi
  if ! pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1==v && $2==c {print $4}' | grep -q online; then
    echo "== starting PostgreSQL $version"
    as_root pg_ctlcluster "$version" "$cluster" start
  fi
  PG_PORT=$(pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1==v && $2==c {print $3}')
  for _ in $(seq 1 30); do
    as_root su postgres -c "psql -p $PG_PORT -qAtc 'select 1'" >/dev/null 2>&1 && break
    sleep 1
  done
  as_root su postgres -c "psql -p $PG_PORT -qc \"ALTER USER postgres PASSWORD '$PG_PASSWORD'\"" >/dev/null
}

# The browser tests (tests/Gaoxin.E2E) drive Debian's Chromium, never a downloaded browser; CJK fonts keep Chinese legible in screenshots.
install_chromium() {
  if [ ! -x /usr/bin/chromium ] || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
    echo "== installing Chromium and CJK fonts"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  fi
}

install_chromium

if [ -z "${GAOXIN_TEST_POSTGRES:-}" ]; then
  start_postgres
  export GAOXIN_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=$PG_PASSWORD"
fi

# The run must leave the clone as it found it: whatever it writes goes under artifacts/ (ignored by git).
clone_before=$(git status --porcelain 2>/dev/null || true)

echo "== building"
dotnet build Gaoxin.slnx -c Release -v quiet -nologo
# The README's start command and the benchmarks run the launcher's ReadyToRun publish (docs/performance.md, Start-up):
# made here, before the tests, so that the launcher's spec and the benchmark smoke find it current.
echo "== publishing the launcher's build (artifacts/gaoxin)"
GAOXIN_LAUNCHER_PREPARE_ONLY=1 bash tools/launcher/gaoxin >/dev/null

echo "== testing (PostgreSQL: ${GAOXIN_TEST_POSTGRES%%;Password=*})"
mkdir -p artifacts
set +e
dotnet test Gaoxin.slnx -c Release --no-build -nologo --logger "console;verbosity=normal" --results-directory artifacts/test-results 2>&1 | tee artifacts/test.log
status=${PIPESTATUS[0]}
set -e

# Benchmark smoke (docs/performance.md): the whole suite at the small size must run to the end; ratios are not
# asserted here. wrk is the HTTP load generator when present (the bench falls back to an in-process client).
echo "== benchmark smoke (bench/Gaoxin.Bench all --size small)"
if ! command -v wrk >/dev/null 2>&1; then
  { as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq wrk; } >/dev/null 2>&1 || echo "wrk not installed; the bench uses its in-process load generator"
fi
if ! timeout 600 dotnet run -c Release --no-build --project bench/Gaoxin.Bench -- all --size small > artifacts/bench-small.log 2>&1; then
  tail -n 40 artifacts/bench-small.log >&2
  echo "The benchmark smoke did not complete (artifacts/bench-small.log)." >&2
  status=1
else
  sed -n '/^## Results/,$p' artifacts/bench-small.log
fi

# Soak smoke (docs/performance.md): 20 s of the public pages and API at a steady rate must give no error, stay within
# the memory bound and the p99 bar; the 10-minute soak is `bench/Gaoxin.Bench soak`.
echo "== soak smoke (bench/Gaoxin.Bench soak --seconds 20 --rate 120)"
if ! timeout 300 dotnet run -c Release --no-build --project bench/Gaoxin.Bench -- soak --seconds 20 --rate 120 > artifacts/soak-smoke.log 2>&1; then
  tail -n 40 artifacts/soak-smoke.log >&2
  echo "The soak smoke failed (artifacts/soak-smoke.log)." >&2
  status=1
else
  tail -n 3 artifacts/soak-smoke.log
fi

# One closing line that any reader can count: "N passed, N failed".
# Each test project ends with "Total tests: N / Passed: N / Failed: N / Skipped: N" lines.
count() { awk -v key="$1" '$1 == key":" {s += $2} END {print s + 0}' artifacts/test.log; }
passed=$(count Passed)
failed=$(count Failed)
skipped=$(count Skipped)
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "No test ran." >&2
  status=1
fi
clone_after=$(git status --porcelain 2>/dev/null || true)
if [ "$clone_after" != "$clone_before" ]; then
  echo "The run changed files of the clone (git status --porcelain before and after differ):" >&2
  diff <(echo "$clone_before") <(echo "$clone_after") >&2 || true
  status=1
fi
# The failures again at the end, where a reader of the run's last lines sees them.
if [ "$failed" -gt 0 ]; then
  echo "== failed tests (artifacts/test.log)"
  grep -E -A 8 '^[[:space:]]+Failed [A-Za-z]' artifacts/test.log | head -n 120 || true
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
