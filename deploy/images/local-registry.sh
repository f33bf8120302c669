#!/usr/bin/env bash
# A throw-away OCI registry on 127.0.0.1 for checking images without Docker: Debian's
# `docker-registry` (CNCF distribution) started with its own config (no auth, storage in DIR).
# Debian's stock /etc/docker/registry/config.yml enables htpasswd auth, so it is not used.
#
# usage: local-registry.sh start DIR [ADDR]   (ADDR default 127.0.0.1:5000; prints the address)
#        local-registry.sh stop DIR
set -euo pipefail

cmd="${1:?usage: local-registry.sh start|stop DIR [ADDR]}"
dir="${2:?usage: local-registry.sh start|stop DIR [ADDR]}"
addr="${3:-127.0.0.1:5000}"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"

case "$cmd" in
  start)
    bin="$(command -v docker-registry || command -v registry || true)"
    [ -n "$bin" ] || { echo "error: docker-registry is not installed (apt-get install docker-registry)" >&2; exit 1; }
    if curl -fsS -o /dev/null "http://$addr/v2/" 2>/dev/null; then
      echo "error: something already answers on http://$addr/v2/; stop it or pass another address" >&2
      exit 1
    fi
    mkdir -p "$dir/storage"
    cat > "$dir/config.yml" <<EOF
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $dir/storage
  delete:
    enabled: true
http:
  addr: $addr
EOF
    nohup "$bin" serve "$dir/config.yml" > "$dir/registry.log" 2>&1 &
    echo $! > "$dir/registry.pid"
    for _ in $(seq 1 50); do
      if curl -fsS -o /dev/null "http://$addr/v2/" 2>/dev/null; then echo "$addr"; exit 0; fi
      kill -0 "$(cat "$dir/registry.pid")" 2>/dev/null || break
      sleep 0.2
    done
    echo "error: the registry did not start; its log:" >&2
    cat "$dir/registry.log" >&2
    exit 1
    ;;
  stop)
    if [ -f "$dir/registry.pid" ]; then
      pid="$(cat "$dir/registry.pid")"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 25); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      rm -f "$dir/registry.pid"
    fi
    ;;
  *) echo "usage: local-registry.sh start|stop DIR [ADDR]" >&2; exit 2 ;;
esac
