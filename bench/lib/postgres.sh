# A throwaway PostgreSQL cluster for a benchmark: started as the postgres user in $work/pg on 127.0.0.1 and a spare
# port, stopped and deleted with $work. Sourced by bench/scale/run, bench/fanout/run and bench/audit/run, which set $work.

source "$(dirname "${BASH_SOURCE[0]}")/ports.sh"

pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
pg_data=""

postgres_missing() {
  ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1
}

# Starts the cluster; sets pg_port and exports PGPASSWORD for psql, pg_dump and pg_restore.
start_postgres() {
  [ -n "$pg_bin" ] || pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  pg_port=$(spare_port)
  pg_data="$work/pg"
  install -d -o postgres -g postgres "$pg_data"
  echo "seccomms" >"$work/pgpass" && chown postgres "$work/pgpass"
  runuser -u postgres -- "$pg_bin/initdb" -D "$pg_data" -U postgres --pwfile="$work/pgpass" -A scram-sha-256 >"$work/initdb.log"
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories=$pg_data -c max_connections=200 -c shared_buffers=256MB" \
    start >/dev/null
  export PGPASSWORD=seccomms
  echo "postgresql on 127.0.0.1:$pg_port"
}

# The connection string of database $1 on the cluster, which is created first.
postgres_database() {
  psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE $1" postgres
  echo "Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=seccomms;Database=$1"
}

stop_postgres() {
  [ -n "$pg_data" ] && runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -m immediate stop >/dev/null 2>&1 || true
  pg_data=""
}
