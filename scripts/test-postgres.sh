#!/usr/bin/env bash
# A private PostgreSQL 15 server with pgvector, for the tests and for developers, on Debian (bookworm) or a
# derivative. Idempotent: every step is skipped when already done.
#
#   scripts/test-postgres.sh setup     install PostgreSQL 15 and pgvector if missing, create and start a
#                                      private cluster; prints TEST_DATABASE_URL=...
#   scripts/test-postgres.sh url       print the connection URL of the private cluster
#   scripts/test-postgres.sh stop | start | restart
#
# pgvector: bookworm has no package, so it is built from Debian trixie's source package (0.8.0; Foothold
# needs 0.8.0 or newer for iterative index scans), fetched with `apt-get source` through a temporary source
# list that leaves the machine's apt configuration as it was. No pgvector source is kept.
# The cluster lives in $FOOTHOLD_TEST_PG (default /tmp/foothold-test-pg), listens on 127.0.0.1 only, and
# trusts local connections: it is for tests, never for data you keep.
set -euo pipefail

ROOT="${FOOTHOLD_TEST_PG:-/tmp/foothold-test-pg}"
PGBIN=/usr/lib/postgresql/15/bin
PG_CONFIG="$PGBIN/pg_config"
DATA="$ROOT/data"

# As root, the cluster belongs to the postgres user (initdb refuses to run as root).
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

install_packages() {
  local missing=()
  [ -x "$PGBIN/postgres" ] || missing+=(postgresql-15)
  [ -x "$PG_CONFIG" ] && [ -f "$("$PG_CONFIG" --includedir-server)/postgres.h" ] || missing+=(postgresql-server-dev-15)
  command -v make >/dev/null && command -v gcc >/dev/null || missing+=(make gcc)
  if [ ${#missing[@]} -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    sudo_ apt-get update -qq
    sudo_ apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

sudo_() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# The Debian mirror this machine's apt already uses (deb822 or one-line format).
debian_mirror() {
  { grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}'
    grep -hE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | awk '{print $2}'; } |
    grep -E '/debian/?$' | head -1
}

install_pgvector() {
  local sharedir
  sharedir="$("$PG_CONFIG" --sharedir)"
  [ -f "$sharedir/extension/vector.control" ] && return
  local mirror tmp
  mirror="$(debian_mirror)"
  [ -n "$mirror" ] || { echo "no Debian mirror found in apt's sources" >&2; exit 1; }
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' RETURN
  mkdir -p "$tmp/lists/partial"
  echo "deb-src $mirror trixie main" > "$tmp/sources.list"
  local opts=(-o "Dir::Etc::SourceList=$tmp/sources.list" -o Dir::Etc::SourceParts=/dev/null -o "Dir::State::Lists=$tmp/lists")
  sudo_ apt-get "${opts[@]}" update -qq
  (cd "$tmp" && sudo_ apt-get "${opts[@]}" source --download-only pgvector >/dev/null 2>&1)
  tar xzf "$tmp"/pgvector_*.orig.tar.gz -C "$tmp"
  local src
  src="$(find "$tmp" -maxdepth 1 -type d -name 'pgvector-*' | head -1)"
  make -s -C "$src" with_llvm=no OPTFLAGS="" PG_CONFIG="$PG_CONFIG" >/dev/null
  sudo_ make -s -C "$src" with_llvm=no PG_CONFIG="$PG_CONFIG" install >/dev/null
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

port() { cat "$ROOT/port"; }
url() { echo "postgres://postgres@127.0.0.1:$(port)/postgres"; }
running() { [ -f "$ROOT/port" ] && as_owner "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$(port)"; }

create_cluster() {
  [ -f "$DATA/PG_VERSION" ] && return
  mkdir -p "$ROOT"
  free_port > "$ROOT/port"
  if [ "$(id -u)" = 0 ]; then chown -R postgres: "$ROOT"; fi
  as_owner "$PGBIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
}

start() {
  running && return
  as_owner "$PGBIN/pg_ctl" -D "$DATA" -l "$ROOT/server.log" -w -t 60 \
    -o "-p $(port) -c listen_addresses=127.0.0.1 -c unix_socket_directories=$ROOT -c max_connections=300" start >/dev/null
}

stop() { running && as_owner "$PGBIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null || true; }

case "${1:-}" in
  setup)
    install_packages
    install_pgvector
    create_cluster
    start
    echo "TEST_DATABASE_URL=$(url)"
    ;;
  url) url ;;
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  *) echo "usage: $0 setup | url | start | stop | restart" >&2; exit 2 ;;
esac
