#!/usr/bin/env bash
# Runs a command next to a throwaway PostgreSQL server, then stops the server and deletes its data.
#
#   bash scripts/pg-throwaway.sh npm test
#
# Uses the newest Debian server binaries in /usr/lib/postgresql/<ver>/bin (package `postgresql`;
# override with PG_BIN=/path/to/bin). It never touches the system service or its cluster: initdb
# into a temporary directory, listen on 127.0.0.1:<free port from 55432 or PG_PORT>, trust auth,
# durability off (fsync, synchronous_commit, full_page_writes) for speed. The command runs with
#   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:<port>/postgres
# (superuser `postgres`, so test/support/db.ts can CREATE DATABASE per test file).
# As root, the server runs as the `postgres` user (or a system user `chibo-pg` created on demand),
# because PostgreSQL refuses to run as root. Exits with the command's exit code.
set -euo pipefail

if [[ $# -eq 0 ]]; then
  echo "Cách dùng: bash scripts/pg-throwaway.sh <lệnh> [đối số...]   (ví dụ: npm test)" >&2
  exit 2
fi

log() { printf '[pg-throwaway] %s\n' "$*" >&2; }

# --- server binaries -------------------------------------------------------------------------------
if [[ -n "${PG_BIN:-}" ]]; then
  pgbin="$PG_BIN"
else
  pgbin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
fi
if [[ -z "$pgbin" || ! -x "$pgbin/postgres" || ! -x "$pgbin/initdb" || ! -x "$pgbin/pg_ctl" ]]; then
  log "Không tìm thấy PostgreSQL server (initdb, pg_ctl, postgres) trong /usr/lib/postgresql/*/bin."
  log "Cài bằng: apt-get install -y --no-install-recommends postgresql   (hoặc đặt PG_BIN)"
  exit 1
fi
pg_isready_bin="$pgbin/pg_isready"
[[ -x "$pg_isready_bin" ]] || pg_isready_bin="$(command -v pg_isready || true)"

# --- who runs the server ---------------------------------------------------------------------------
pguser=""
if [[ "$(id -u)" -eq 0 ]]; then
  if id -u postgres >/dev/null 2>&1; then
    pguser=postgres
  else
    if ! id -u chibo-pg >/dev/null 2>&1; then
      log "Tạo người dùng hệ thống chibo-pg để chạy PostgreSQL (không chạy được bằng root)."
      useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin chibo-pg
    fi
    pguser=chibo-pg
  fi
fi

as_pg() {
  if [[ -z "$pguser" ]]; then
    "$@"
  elif command -v runuser >/dev/null 2>&1; then
    runuser -u "$pguser" -- "$@"
  else
    su "$pguser" -s /bin/sh -c "$(printf '%q ' "$@")"
  fi
}

# --- temporary cluster -----------------------------------------------------------------------------
tmp="$(mktemp -d "${TMPDIR:-/tmp}/chibo-pg.XXXXXX")"
chmod 0755 "$tmp"
datadir="$tmp/data"
sockdir="$tmp/sock"
mkdir -p "$sockdir"
[[ -n "$pguser" ]] && chown "$pguser" "$tmp" "$sockdir"
started=0

cleanup() {
  local rc=$?
  if [[ $started -eq 1 ]]; then
    log "Dừng PostgreSQL tạm và xoá $tmp"
    as_pg "$pgbin/pg_ctl" -D "$datadir" stop -m immediate -w >/dev/null 2>&1 || true
  fi
  rm -rf "$tmp"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

locale=C
if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then locale=C.UTF-8; fi

log "initdb ($("$pgbin/postgres" --version), locale $locale) vào $datadir"
if ! as_pg "$pgbin/initdb" -D "$datadir" --auth=trust --username=postgres -E UTF8 --locale="$locale" \
  >"$tmp/initdb.log" 2>&1; then
  if [[ "$locale" != C ]]; then
    log "initdb với $locale thất bại, thử lại với --locale=C"
    rm -rf "$datadir"
    locale=C
    as_pg "$pgbin/initdb" -D "$datadir" --auth=trust --username=postgres -E UTF8 --locale=C \
      >"$tmp/initdb.log" 2>&1 || { cat "$tmp/initdb.log" >&2; exit 1; }
  else
    cat "$tmp/initdb.log" >&2
    exit 1
  fi
fi

# A free TCP port on 127.0.0.1, starting at PG_PORT (default 55432).
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port="${PG_PORT:-55432}"
for _ in $(seq 1 200); do
  port_in_use "$port" || break
  port=$((port + 1))
done
if port_in_use "$port"; then
  log "Không tìm được cổng trống từ ${PG_PORT:-55432}."
  exit 1
fi

log "Khởi động PostgreSQL trên 127.0.0.1:$port"
started=1
if ! as_pg "$pgbin/pg_ctl" -D "$datadir" -l "$tmp/server.log" -w -t 60 start \
  -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$sockdir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  >/dev/null; then
  log "PostgreSQL không khởi động được. Nhật ký:"
  cat "$tmp/server.log" >&2 || true
  exit 1
fi

if [[ -n "$pg_isready_bin" ]]; then
  for i in $(seq 1 60); do
    "$pg_isready_bin" -q -h 127.0.0.1 -p "$port" -U postgres && break
    if [[ $i -eq 60 ]]; then
      log "PostgreSQL không sẵn sàng sau 30 giây. Nhật ký:"
      cat "$tmp/server.log" >&2 || true
      exit 1
    fi
    sleep 0.5
  done
fi

export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
log "Sẵn sàng: TEST_DATABASE_URL=$TEST_DATABASE_URL"

# Not `exec`: the trap must run afterwards to stop the server and delete the data. The command runs
# in the background (stdin kept) so that a TERM/INT sent to this script is passed on at once.
set +e
if { true <&0; } 2>/dev/null; then
  "$@" <&0 &
else
  "$@" </dev/null & # CI runs with no standard input
fi
child=$!
trap 'kill -TERM "$child" 2>/dev/null' TERM
trap 'kill -INT "$child" 2>/dev/null' INT
while :; do
  wait "$child"
  rc=$?
  kill -0 "$child" 2>/dev/null || break
done
set -e
exit "$rc"
