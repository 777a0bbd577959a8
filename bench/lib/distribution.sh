# What the distribution benchmarks share: building SecComms, starting the web host with email through SMTP, and driving
# it through its API as people would: contacts imported from CSV, a segment, and a security release taken through
# approval and published to that segment. Sourced by bench/fanout/run and bench/crash/run, which set $work. The
# database is SQLite in $work/seccomms.db unless db_provider and db_connection name another (see use_postgres).

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
bench_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$bench_root/bench/lib/postgres.sh"
db_provider=sqlite
db_connection=""

install_missing() {
  local missing=()
  [ -x /usr/sbin/smtp-sink ] && [ -x /usr/sbin/smtp-source ] || missing+=(postfix)
  command -v jq >/dev/null || missing+=(jq)
  command -v curl >/dev/null || missing+=(curl)
  [ "$db_provider" = postgres ] && postgres_missing && missing+=(postgresql)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

wait_until_up() {
  for _ in $(seq 1 300); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.2
  done
  echo "$1 did not answer" >&2
  return 1
}

# Peak resident memory of a process so far (VmHWM), in MB.
peak_mb() {
  awk '/^VmHWM:/ { printf "%.0f\n", $2 / 1024 }' "/proc/$1/status"
}

# Publishes the web host and seccomms into $build: $work/build, or BENCH_BUILD, a folder kept between runs so that a
# run after the first builds only what changed.
build_seccomms() {
  build="${BENCH_BUILD:-$work/build}"
  dotnet publish "$bench_root/src/SecComms.Web" -c Release -o "$build/app" --nologo -v q
  dotnet publish "$bench_root/src/SecComms.Cli" -c Release -o "$build/cli" --nologo -v q
}

# The database the host and seccomms use: a fresh database on a throwaway PostgreSQL cluster, migrated by seccomms.
use_postgres() {
  start_postgres
  db_provider=postgres
  db_connection=$(postgres_database seccomms)
  dotnet "$build/cli/seccomms.dll" db migrate --provider postgres --connection "$db_connection" >/dev/null
}

# Starts the web host in the background, sending through 127.0.0.1:$1; further arguments are extra NAME=value settings
# (SECCOMMS__Section__Key). Sets app_pid and app; it logs to $app_log ($work/app.log unless set).
start_app() {
  local relay_port="$1"
  shift
  app_port="${app_port:-$(spare_port)}"
  app="http://127.0.0.1:$app_port"
  db_connection="${db_connection:-Data Source=$work/seccomms.db}"
  (
    cd "$build/app"
    exec env ASPNETCORE_ENVIRONMENT=Production \
      SECCOMMS__Database__Provider="$db_provider" \
      SECCOMMS__Database__ConnectionString="$db_connection" \
      SECCOMMS__Logging__LogLevel__Default=Warning \
      SECCOMMS__Notifications__Enabled=false \
      SECCOMMS__Mail__Mode=smtp \
      SECCOMMS__Mail__Host=127.0.0.1 \
      SECCOMMS__Mail__Port="$relay_port" \
      SECCOMMS__Mail__Security=none \
      SECCOMMS__Mail__From="Security Team <security@example.com>" \
      SECCOMMS__SecComms__BaseUrl="https://security.example.com" \
      "$@" dotnet SecComms.Web.dll --urls "$app" >>"${app_log:-$work/app.log}" 2>&1
  ) &
  app_pid=$!
  wait_until_up "$app/healthz"
}

# Adds a person with the security team directly in the database, as an operator would; prints their token.
add_person() {
  dotnet "$build/cli/seccomms.dll" users add --provider "$db_provider" --connection "${db_connection:-Data Source=$work/seccomms.db}" \
    --email "$1" --name "$2" --team security "${@:3}" --token --json | jq -r '.token.secret'
}

# api TOKEN METHOD PATH [JSON [CURL OPTIONS...]]: prints the response body; fails, saying why, on any status but 2xx.
api() {
  local args=(-sS -X "$2" -H "Authorization: Bearer $1" -w '\n%{http_code}' "${@:5}" "$app$3") response
  if [ $# -ge 4 ]; then
    args+=(-H "Content-Type: application/json" --data-binary "$4")
  fi
  response=$(curl "${args[@]}")
  if [[ "${response##*$'\n'}" != 2* ]]; then
    echo "$2 $3 answered ${response##*$'\n'}: ${response%$'\n'*}" >&2
    return 1
  fi
  echo "${response%$'\n'*}"
}

# Imports $2 contacts, 20 to an organization, all subscribed, from a CSV written on the fly; prints the import report.
import_contacts() {
  {
    echo "email,name,organization,role,tier,deployment,product_version,region,subscribed"
    awk -v n="$2" 'BEGIN { for (i = 1; i <= n; i++) printf "contact%07d@customer%05d.example.com,Contact %07d,Customer %05d,security-contact,premium,self-managed,18.4.%d,emea,yes\n", i, int((i - 1) / 20), i, int((i - 1) / 20), i % 10 }'
  } | curl -fsS -X POST -H "Authorization: Bearer $1" -H "Content-Type: text/csv" --data-binary @- "$app/api/v1/contacts/import"
}

# A security release's customer email with the audience $3 (a segment key), approved and ready to publish; prints its id.
approved_release() {
  local author="$1" approver="$2" segment="$3" id release hash
  id=$(api "$author" POST /api/v1/communications '{"category":"security-release-email","title":"SecComms 18.4.2, 18.3.5 and 18.2.9"}' | jq -r .id)
  api "$author" POST "/api/v1/communications/$id/content" \
    '{"emailSubject":"Security release for {{ organization.name }}","emailBody":"Hello {{ recipient.name }},\n\nA security release is available: 18.4.2, 18.3.5 and 18.2.9. You run {{ organization.product_version }}; we strongly recommend upgrading immediately.\n\nThe Security team\n"}' \
    -H 'If-Match: "rev-1"' >/dev/null
  release=$(api "$author" POST /api/v1/releases '{"title":"18.4.2, 18.3.5, 18.2.9","kind":"planned"}' | jq -r .id)
  api "$author" POST "/api/v1/releases/$release/publish" >/dev/null
  api "$author" PUT "/api/v1/communications/$id/links" "{\"releaseId\":\"$release\"}" >/dev/null
  api "$author" PUT "/api/v1/communications/$id/audience" "{\"segment\":\"$segment\"}" >/dev/null
  api "$author" PUT "/api/v1/communications/$id/safe" '{"sensitive":false,"accurate":true,"financial":false,"effect":false}' >/dev/null
  api "$author" POST "/api/v1/communications/$id/submit" >/dev/null
  hash=$(api "$author" GET "/api/v1/communications/$id" | jq -r .packageHash)
  api "$approver" POST "/api/v1/communications/$id/approvals" "{\"decision\":\"approve\",\"packageHash\":\"$hash\"}" >/dev/null
  echo "$id"
}

# Publishes the communication and prints the id of its email dispatch.
publish() {
  api "$1" POST "/api/v1/communications/$2/publish" >/dev/null
  api "$1" GET "/api/v1/communications/$2/dispatches" | jq -r '[.[] | select(.kind == "publication")][0].id'
}

# Waits until the dispatch is complete; prints its counts as JSON.
wait_for_dispatch() {
  local view
  while true; do
    view=$(api "$1" GET "/api/v1/dispatches/$2")
    if [ "$(jq -r .completedAt <<<"$view")" != null ]; then
      jq -c .counts <<<"$view"
      return 0
    fi
    sleep "${3:-0.2}"
  done
}
