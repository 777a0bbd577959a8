#!/usr/bin/env bash
# Runs every test. On a Debian machine with the .NET SDK and Node.js it first installs what is missing (Chromium for the
# browser tests, PostgreSQL, Postfix's smtp-sink, the npm packages of the CSAF validator and of the OpenID provider the
# single sign-on tests sign in at), then starts a throwaway PostgreSQL server and smtp-sink on loopback so the
# provider-dependent tests run on both databases, runs `dotnet test` and ends with the totals. Arguments go to `dotnet test`, such as `--filter`. Once installed, `dotnet test` alone runs the tests
# on SQLite.
set -euo pipefail
cd "$(dirname "$0")"
export DEBIAN_FRONTEND=noninteractive DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
out=tests/out
rm -rf "$out" && mkdir -p "$out"
pg_port=${SECCOMMS_TEST_POSTGRES_PORT:-55432}
sink_port=${SECCOMMS_TEST_SMTP_SINK_PORT:-2525}

install_missing() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  [ -x /usr/sbin/smtp-sink ] || missing+=(postfix)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages: ${missing[*]}. Install them (apt-get install ${missing[*]}) or run this as root." >&2
    exit 1
  fi
  echo "== installing ${missing[*]}"
  # Postfix brings smtp-sink, a real MTA's SMTP server the dispatch tests send to; its mail daemon is never started.
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$out/apt.log" 2>&1 \
    || { cat "$out/apt.log"; exit 1; }
}

install_csaf_validator() {
  [ -d tests/csaf-validator/node_modules/@secvisogram/csaf-validator-lib ] && return 0
  command -v npm >/dev/null || { echo "Node.js and npm are needed for the CSAF validator (apt-get install nodejs npm)." >&2; exit 1; }
  echo "== npm ci (CSAF validator)"
  npm ci --prefix tests/csaf-validator --no-audit --no-fund >"$out/npm.log" 2>&1 || { cat "$out/npm.log"; exit 1; }
}

install_oidc_provider() {
  [ -d tests/oidc-provider/node_modules/oidc-provider ] && return 0
  command -v npm >/dev/null || { echo "Node.js and npm are needed for the OpenID provider (apt-get install nodejs npm)." >&2; exit 1; }
  echo "== npm ci (OpenID provider)"
  npm ci --prefix tests/oidc-provider --no-audit --no-fund >"$out/npm-oidc.log" 2>&1 || { cat "$out/npm-oidc.log"; exit 1; }
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1; }
pg_data="/tmp/seccomms-test-pg-$pg_port"

# A throwaway cluster on 127.0.0.1, tuned for speed over durability; initdb refuses root, so it runs as postgres.
start_postgres() {
  if [ -n "${SECCOMMS_TEST_POSTGRES:-}" ]; then return 0; fi
  if [ "$(id -u)" -ne 0 ]; then
    echo "== PostgreSQL: not root, so no throwaway server; set SECCOMMS_TEST_POSTGRES to test on one" >&2
    return 0
  fi
  echo "== postgresql on 127.0.0.1:$pg_port"
  local bin
  bin=$(pg_bin)
  [ -f "$pg_data/postmaster.pid" ] && runuser -u postgres -- "$bin/pg_ctl" -D "$pg_data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_data"
  install -d -o postgres -g postgres "$pg_data"
  local pwfile
  pwfile=$(mktemp)
  echo "seccomms" >"$pwfile"
  chown postgres "$pwfile"
  runuser -u postgres -- "$bin/initdb" -D "$pg_data" -U postgres --pwfile="$pwfile" -A scram-sha-256 >"$out/initdb.log"
  rm -f "$pwfile"
  runuser -u postgres -- "$bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories=/tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null
  started_postgres=1
  export SECCOMMS_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=seccomms;Database=postgres"
}

start_sink() {
  if [ -n "${SECCOMMS_TEST_SMTP_SINK:-}" ]; then return 0; fi
  echo "== smtp-sink on 127.0.0.1:$sink_port"
  sink_dir=$(mktemp -d /tmp/seccomms-sink.XXXXXX)
  chmod 777 "$sink_dir"
  local user=()
  [ "$(id -u)" -eq 0 ] && user=(-u nobody)
  /usr/sbin/smtp-sink "${user[@]}" -D "$sink_dir/dump" "127.0.0.1:$sink_port" 1000 >"$out/smtp-sink.log" 2>&1 &
  sink_pid=$!
  export SECCOMMS_TEST_SMTP_SINK="127.0.0.1:$sink_port" SECCOMMS_TEST_SMTP_SINK_DUMP="$sink_dir/dump"
}

started_postgres="" sink_pid="" sink_dir=""
stop_all() {
  [ -n "$started_postgres" ] && runuser -u postgres -- "$(pg_bin)/pg_ctl" -D "$pg_data" -m fast stop >/dev/null 2>&1
  [ -n "$started_postgres" ] && rm -rf "$pg_data"
  [ -n "$sink_pid" ] && kill "$sink_pid" 2>/dev/null
  [ -n "$sink_dir" ] && rm -rf "$sink_dir"
  return 0
}
trap stop_all EXIT

install_missing
install_csaf_validator
install_oidc_provider
# Test hosts run in parallel; give file watchers room beyond the default 128 inotify instances where the kernel allows.
sysctl -qw fs.inotify.max_user_instances=1024 2>/dev/null || true
start_postgres
start_sink

echo "== dotnet test"
set +e
# A test that hangs is stopped and named after 15 minutes instead of holding the whole run.
dotnet test SecComms.slnx --blame-hang-timeout 15m --blame-hang-dump-type none "$@" 2>&1 | tee "$out/test.log"
status=${PIPESTATUS[0]}
set -e

# One summary line per test assembly: "Passed!  - Failed:     0, Passed:    43, Skipped:     0, Total:    43, ..."
read -r passed failed skipped assemblies < <(grep -E '^(Passed|Failed)! +- Failed:' "$out/test.log" | awk -F'[:,]' '
  { failed += $2; passed += $4; skipped += $6; n++ }
  END { printf "%d %d %d %d\n", passed, failed, skipped, n }')
if [ "$#" -eq 0 ] && [ "$assemblies" -ne 3 ]; then
  echo "expected results from 3 test assemblies, found $assemblies" >&2
  status=1
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
