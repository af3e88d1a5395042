# Sourced by .ci/run: a throw-away PostgreSQL cluster on a loopback port for the tests, removed on exit.
# Debian's `postgresql` is installed when missing (as chromium is); the cluster lives in a temp directory, listens
# on 127.0.0.1 only, trusts local connections and is stopped and deleted by the EXIT trap, so no server is left.
# When anything fails, TEST_DATABASE_URL stays unset and the PostgreSQL tests say they were skipped.

ci_pg_dir=""
ci_pg_bin=""

# initdb and postgres refuse to run as root; the cluster then belongs to Debian's postgres user.
ci_pg_as_owner() {
  if [ "$(id -u)" = "0" ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

ci_pg_stop() {
  if [ -n "$ci_pg_dir" ] && [ -d "$ci_pg_dir" ]; then
    if [ -f "$ci_pg_dir/data/postmaster.pid" ]; then
      ci_pg_as_owner "$ci_pg_bin/pg_ctl" stop -D "$ci_pg_dir/data" -m fast -w >/dev/null 2>&1 || true
    fi
    rm -rf "$ci_pg_dir"
  fi
  ci_pg_dir=""
}

# The first port from CI_POSTGRES_PORT (default 55439) that nothing listens on.
ci_pg_free_port() {
  local port="${CI_POSTGRES_PORT:-55439}" last=$((${CI_POSTGRES_PORT:-55439} + 20))
  while [ "$port" -le "$last" ]; do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
    port=$((port + 1))
  done
  return 1
}

ci_pg_skip() {
  echo "ci: $1; the PostgreSQL tests will report that they were skipped"
  ci_pg_stop
}

ci_pg_start() {
  if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
      || echo "ci: could not install postgresql"
  fi
  ci_pg_bin="$( (ls -d /usr/lib/postgresql/*/bin 2>/dev/null || true) | sort -V | tail -n 1)"
  if [ -z "$ci_pg_bin" ] || [ ! -x "$ci_pg_bin/initdb" ]; then ci_pg_skip "no PostgreSQL server binaries"; return 0; fi
  if [ "$(id -u)" = "0" ] && ! id postgres >/dev/null 2>&1; then ci_pg_skip "running as root without a postgres user"; return 0; fi
  local port
  if ! port="$(ci_pg_free_port)"; then ci_pg_skip "no free loopback port for PostgreSQL"; return 0; fi
  ci_pg_dir="$(mktemp -d "${TMPDIR:-/tmp}/ci-postgres.XXXXXX")"
  trap ci_pg_stop EXIT
  # A signal ends the script through `exit`, so the EXIT trap still stops the cluster.
  trap 'exit 130' INT
  trap 'exit 143' TERM
  if [ "$(id -u)" = "0" ]; then chown postgres "$ci_pg_dir"; fi
  if ! ci_pg_as_owner "$ci_pg_bin/initdb" -D "$ci_pg_dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$ci_pg_dir/initdb.log" 2>&1; then
    cat "$ci_pg_dir/initdb.log"; ci_pg_skip "initdb failed"; return 0
  fi
  if ! ci_pg_as_owner "$ci_pg_bin/pg_ctl" start -D "$ci_pg_dir/data" -l "$ci_pg_dir/data/server.log" -w \
      -o "-p $port -k $ci_pg_dir -c listen_addresses=127.0.0.1 -c fsync=off" >/dev/null; then
    cat "$ci_pg_dir/data/server.log" 2>/dev/null || true; ci_pg_skip "PostgreSQL did not start on port $port"; return 0
  fi
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
  echo "ci: $("$ci_pg_bin/postgres" --version) for the tests at $TEST_DATABASE_URL"
}
