#!/usr/bin/env bash
# Make sure PostgreSQL, Redis and RabbitMQ answer on their usual local ports; start (or, as root, install) what is missing.
set -euo pipefail

say() { echo "infra: $*"; }
is_root() { [ "$(id -u)" = 0 ]; }

install_packages() {
  if ! is_root; then
    say "missing: $* — install them (e.g. apt-get install $*) or run as root"; exit 1
  fi
  say "installing $*"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

wait_for() {  # name, probe command...
  local name=$1; shift
  for _ in $(seq 1 60); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  say "$name did not come up"; exit 1
}

pg_up() { pg_isready -h 127.0.0.1 -p 5432 -q; }
redis_up() { redis-cli -h 127.0.0.1 -p 6379 ping | grep -q PONG; }
rabbit_up() { rabbitmq-diagnostics -q check_port_connectivity >/dev/null; }

command -v pg_ctlcluster >/dev/null || install_packages postgresql
if ! pg_up; then
  say "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  wait_for PostgreSQL pg_up
fi

command -v redis-server >/dev/null || install_packages redis-server
if ! redis_up; then
  say "starting Redis"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  wait_for Redis redis_up
fi

command -v rabbitmq-server >/dev/null || install_packages rabbitmq-server
if ! rabbit_up; then
  say "starting RabbitMQ"
  rabbitmq-server -detached || true
  wait_for RabbitMQ rabbit_up
fi
if ! rabbitmq-plugins list -e -m 2>/dev/null | grep -q '^rabbitmq_management$'; then
  rabbitmq-plugins enable --quiet rabbitmq_management >/dev/null 2>&1 || say "could not enable the management UI"
fi
alarms=$(rabbitmq-diagnostics -q alarms 2>/dev/null || true)
if [ -n "$alarms" ] && ! grep -qi "no alarms" <<<"$alarms"; then
  say "RabbitMQ has resource alarms and will block publishers: $alarms"
fi
say "PostgreSQL, Redis and RabbitMQ are up"
