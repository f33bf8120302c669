#!/usr/bin/env bash
# Runs the pushed service images without a container engine and scrapes their metrics.
#
# Each image's layers are unpacked into a root file system; its entrypoint starts in that root
# the way a container runtime would start it (own mount namespace with /proc and /dev, root
# directory = the image, read-only with writable /tmp and /var/lib/mlops as in the pod spec, the
# image's WorkingDir, User and Env, plus the pod's variables: MLOPS_* of the mlops-platform
# ConfigMap, ORT_DISABLE_TELEMETRY of mlops-jvm) against a real PostgreSQL server
# (Debian's) and a real Kafka broker in KRaft mode (the jars of platform/kafka-server), all on
# 127.0.0.1 with free ports. It waits until every service reports /q/health/ready UP, then saves
# each /q/metrics and writes the sample names of all of them to OUTDIR/scraped-metric-names.txt.
# No cgroups, no network namespace: this proves the image starts and serves, not its limits.
#
# With mlops-cli among the images, its image then runs the trainer Job's command (TRAINER_ARGS
# below, the args of deploy/k8s/base/trainer/mlops-trainer.yaml; deploy-check's ManifestsTest
# holds the two together) against these services: it must train and promote a champion, which
# inference-service must then serve, and a second run must change nothing.
#
# usage: smoke-run.sh REGISTRY OUTDIR KAFKA_LIB IMAGE...   (as root: chroot and mounts)
set -euo pipefail

registry="${1:?usage: smoke-run.sh REGISTRY OUTDIR KAFKA_LIB IMAGE...}"
out="${2:?}"
kafka_lib="${3:?}"
shift 3
services=()
cli=""
for image in "$@"; do
  if [ "$image" = mlops-cli ]; then cli="$image"; else services+=("$image"); fi
done
[ "${#services[@]}" -gt 0 ] || { echo "error: no service given" >&2; exit 2; }

TRAINER_ARGS=(train --dataset=credit-g --model=credit-risk --experiment=credit-risk --view=credit-applicants
              --entity=applicant --join-key=applicant_id --wait=10m --promote=champion --skip-if-promoted)
[ "$(id -u)" -eq 0 ] || { echo "error: smoke-run.sh needs root (chroot, mounts)" >&2; exit 2; }
[ -d "$kafka_lib" ] || { echo "error: no Kafka broker jars in $kafka_lib (build platform/kafka-server)" >&2; exit 2; }
pgbin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
[ -x "$pgbin/initdb" ] || { echo "error: no PostgreSQL server binaries (apt-get install postgresql)" >&2; exit 2; }

mkdir -p "$out"
out="$(cd "$out" && pwd)"
work="$out/smoke"
rm -rf "$work"
mkdir -p "$work"
chmod 755 "$out" "$work"
pids=()     # every process started here (the broker, and each service's outer unshare)
groups=()   # each service's process group (setsid): its unshare levels and its JVM

# A process and all its descendants, children first. A service's JVM runs two unshare levels
# below the pid recorded for it, and its setuid clears the parent-death signal --kill-child set,
# so killing the recorded pid alone would leave the JVM running.
process_tree() {
  local child
  for child in $(pgrep -P "$1" 2>/dev/null); do process_tree "$child"; done
  echo "$1"
}

cleanup() {
  local pid group all=()
  for pid in "${pids[@]}"; do mapfile -t -O "${#all[@]}" all < <(process_tree "$pid"); done
  for group in "${groups[@]}"; do kill -TERM -- "-$group" 2>/dev/null || true; done
  for pid in "${all[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${all[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  done
  for group in "${groups[@]}"; do kill -KILL -- "-$group" 2>/dev/null || true; done
  if [ -f "$work/pg/data/postmaster.pid" ]; then
    runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg/data" -m fast -w stop > /dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

# Below the kernel's ephemeral range: a port picked there can be taken by any outgoing connection
# (a service's Kafka client, say) before the service that was meant to listen on it starts.
ephemeral_start="$(awk '{print $1}' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)"
[ "$ephemeral_start" -gt 21000 ] 2>/dev/null || ephemeral_start=32768
picked=" "
free_port() { # sets FREE_PORT (not echoed: a subshell could not remember what it handed out)
  local port
  while :; do
    port=$((20000 + RANDOM % (ephemeral_start - 20000)))
    case "$picked" in *" $port "*) continue ;; esac
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then picked="$picked$port "; FREE_PORT="$port"; return; fi
  done
}

wait_port() { # port seconds what
  for _ in $(seq 1 $(( $2 * 5 ))); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  echo "error: $3 did not open port $1 in $2 s" >&2
  return 1
}

# --- PostgreSQL -----------------------------------------------------------------------------
free_port; pg_port="$FREE_PORT"
mkdir -p "$work/pg"
chown postgres "$work/pg"
runuser -u postgres -- "$pgbin/initdb" -D "$work/pg/data" -U postgres --auth=trust -E UTF8 > "$work/pg/initdb.log" 2>&1
runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -w \
  -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1" start > /dev/null
runuser -u postgres -- "$pgbin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres mlops
echo "PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port, database mlops"

# --- Kafka (KRaft, combined broker and controller) --------------------------------------------
free_port; kafka_port="$FREE_PORT"
free_port; controller_port="$FREE_PORT"
mkdir -p "$work/kafka"
cat > "$work/kafka/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$kafka_port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$kafka_port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$work/kafka/data
num.partitions=3
auto.create.topics.enable=true
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
cluster_id="$(java -cp "$kafka_lib/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)"
java -cp "$kafka_lib/*" kafka.tools.StorageTool format -t "$cluster_id" -c "$work/kafka/server.properties" \
  > "$work/kafka/format.log" 2>&1
nohup java -Xmx512m -cp "$kafka_lib/*" kafka.Kafka "$work/kafka/server.properties" > "$work/kafka/broker.log" 2>&1 &
pids+=($!)
disown $!
wait_port "$kafka_port" 90 "Kafka" || { tail -30 "$work/kafka/broker.log" >&2; exit 1; }
echo "Kafka $(ls "$kafka_lib" | sed -n 's/^kafka_2.13-\(.*\)\.jar$/\1/p') (KRaft) on 127.0.0.1:$kafka_port"

# --- the images -------------------------------------------------------------------------------
declare -A port pid
declare -A api_path=([model-registry]=/api/v1/models [feature-store]=/api/v1/feature-views
                     [inference-service]=/v2 [drift-monitor]=/api/v1/alerts)
for s in "${services[@]}"; do free_port; port[$s]="$FREE_PORT"; done
url() { [ -n "${port[$1]:-}" ] && echo "http://127.0.0.1:${port[$1]}" || echo "http://127.0.0.1:1"; }
accept='application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json'

# Unpacks an image's layers into $work/rootfs-NAME and reads its configuration into the globals
# root, workdir, user, uid, gid, command (entrypoint + cmd) and image_env.
unpack() {
  local name="$1" image="mlops/$1" tag manifest config digest
  tag="$(curl -fsS "http://$registry/v2/$image/tags/list" | jq -r '.tags[0]')"
  manifest="$(curl -fsS -H "Accept: $accept" "http://$registry/v2/$image/manifests/$tag")"
  config="$(curl -fsS "http://$registry/v2/$image/blobs/$(jq -r .config.digest <<< "$manifest")")"
  root="$work/rootfs-$name"
  mkdir -p "$root"
  for digest in $(jq -r '.layers[].digest' <<< "$manifest"); do
    curl -fsS "http://$registry/v2/$image/blobs/$digest" | tar -xz --numeric-owner --warning=no-unknown-keyword -C "$root"
  done
  # Mount points a container runtime creates, and the /etc/hosts it provides.
  mkdir -p "$root/proc" "$root/dev" "$root/etc" "$root/tmp" "$root/var/lib/mlops"
  printf '127.0.0.1 localhost %s\n' "$(hostname)" > "$root/etc/hosts"

  workdir="$(jq -r '.config.WorkingDir // "/"' <<< "$config")"
  user="$(jq -r '.config.User // "0"' <<< "$config")"
  uid="${user%%:*}"; gid="0"; [ "$user" != "$uid" ] && gid="${user#*:}"
  mapfile -t command < <(jq -r '(.config.Entrypoint // []) + (.config.Cmd // []) | .[]' <<< "$config")
  mapfile -t image_env < <(jq -r '.config.Env // [] | .[]' <<< "$config")
}

# Runs a command in an unpacked image as in the pod (deploy/k8s/base): a read-only root file
# system, writable emptyDirs on /tmp and MLOPS_HOME (/var/lib/mlops), plus /proc and /dev.
# usage: bash -c "$IN_IMAGE" _ ROOT WORKDIR UID GID COMMAND...
IN_IMAGE='
  root="$1"; workdir="$2"; uid="$3"; gid="$4"; shift 4
  mount --bind "$root" "$root" &&
    mount -t proc proc "$root/proc" && mount --rbind /dev "$root/dev" &&
    mount -t tmpfs -o mode=1777 tmpfs "$root/tmp" &&
    mount -t tmpfs -o "mode=0775,uid=$uid,gid=$gid" tmpfs "$root/var/lib/mlops" &&
    mount -o remount,bind,ro "$root" || exit 1
  exec /usr/bin/unshare --root="$root" --wd="$workdir" --setuid "$uid" --setgid "$gid" -- "$@"
'

for s in "${services[@]}"; do
  unpack "$s"
  env -i "${image_env[@]}" \
    MLOPS_HOME=/var/lib/mlops MLOPS_ARTIFACT_DIR=/var/lib/mlops/artifacts \
    MLOPS_DB_URL="jdbc:postgresql://127.0.0.1:$pg_port/mlops" MLOPS_DB_USER=postgres MLOPS_DB_PASSWORD=unused \
    MLOPS_KAFKA_BOOTSTRAP="127.0.0.1:$kafka_port" \
    MLOPS_REGISTRY_URL="$(url model-registry)" MLOPS_FEATURE_STORE_URL="$(url feature-store)" \
    MLOPS_INFERENCE_URL="$(url inference-service)" MLOPS_MONITOR_URL="$(url drift-monitor)" \
    QUARKUS_HTTP_PORT="${port[$s]}" ORT_DISABLE_TELEMETRY=1 \
    setsid --wait /usr/bin/unshare --mount --fork --kill-child /bin/bash -c "$IN_IMAGE" \
      _ "$root" "$workdir" "$uid" "$gid" "${command[@]}" > "$work/$s.log" 2>&1 &
  pids+=($!)
  groups+=($!)   # a background job of this script leads no group, so setsid made this pid the leader
  pid[$s]=$!
  disown $!
  echo "$s: ${command[*]} (in $workdir as $user) on 127.0.0.1:${port[$s]}"
done

status=0
for s in "${services[@]}"; do
  ready=""
  for _ in $(seq 1 180); do
    if body="$(curl -fsS "$(url "$s")/q/health/ready" 2>/dev/null)"; then ready="$body"; break; fi
    kill -0 "${pid[$s]}" 2>/dev/null || break
    sleep 1
  done
  if [ -z "$ready" ]; then
    echo "FAIL $s: not ready (exited, or not ready within 180 s); last lines of its log:" >&2
    tail -40 "$work/$s.log" >&2
    status=1
    continue
  fi
  # One request to an application endpoint (any answer): the HTTP server meters appear with it.
  code="$(curl -sS -o /dev/null -w '%{http_code}' "$(url "$s")${api_path[$s]:-/}")"
  curl -fsS "$(url "$s")/q/metrics" > "$work/$s.metrics"
  checks="$(jq -r '[.checks[] | .name + "=" + .status] | join(", ")' <<< "$ready")"
  samples="$(grep -vc '^#' "$work/$s.metrics")"
  echo "ok   $s: ready ($checks); GET ${api_path[$s]:-/} -> $code; $samples samples"
done

cat "$work"/*.metrics 2>/dev/null | grep -v '^#' | sed -E 's/[{ ].*//' | sort -u > "$out/scraped-metric-names.txt"
echo "$(wc -l < "$out/scraped-metric-names.txt") distinct sample names in $out/scraped-metric-names.txt"

# --- the CLI image: the trainer Job's command ---------------------------------------------------
# Runs the image's entrypoint with TRAINER_ARGS (as the Job does) in the foreground; the log goes
# to $work/mlops-cli-RUN.log. Prints the exit status. ORT_DISABLE_TELEMETRY comes from the image's
# own Env here (the pod also gets it from mlops-jvm).
run_trainer() {
  local run="$1" code=0
  env -i "${image_env[@]}" \
    MLOPS_HOME=/var/lib/mlops USER=mlops-trainer \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError" \
    MLOPS_REGISTRY_URL="$(url model-registry)" MLOPS_FEATURE_STORE_URL="$(url feature-store)" \
    MLOPS_INFERENCE_URL="$(url inference-service)" MLOPS_MONITOR_URL="$(url drift-monitor)" \
    MLOPS_KAFKA_BOOTSTRAP="127.0.0.1:$kafka_port" \
    timeout 600 /usr/bin/unshare --mount --fork --kill-child /bin/bash -c "$IN_IMAGE" \
      _ "$root" "$workdir" "$uid" "$gid" "${command[@]}" "${TRAINER_ARGS[@]}" > "$work/mlops-cli-$run.log" 2>&1 || code=$?
  echo "$code"
}

if [ -n "$cli" ] && [ "$status" = 0 ]; then
  unpack "$cli"
  echo "$cli: ${command[*]} ${TRAINER_ARGS[*]} (in $workdir as $user)"
  code="$(run_trainer 1)"
  if [ "$code" != 0 ] || ! grep -q "champion of credit-risk: none " "$work/mlops-cli-1.log"; then
    echo "FAIL $cli: the trainer's command exited with $code without promoting a champion; its log:" >&2
    tail -40 "$work/mlops-cli-1.log" >&2
    status=1
  else
    echo "ok   $cli: $(grep -m1 '^registered ' "$work/mlops-cli-1.log" | sed 's/\x1b\[[0-9;]*m//g'), $(grep -m1 'champion of credit-risk' "$work/mlops-cli-1.log" | sed 's/\x1b\[[0-9;]*m//g')"
    ready=""
    for _ in $(seq 1 90); do
      if body="$(curl -fsS "$(url inference-service)/v2/models/credit-risk/ready" 2>/dev/null)" \
          && [ "$(jq -r '.ready' <<< "$body")" = true ]; then ready="$body"; break; fi
      sleep 1
    done
    if [ -z "$ready" ]; then
      echo "FAIL inference-service: does not serve the champion of credit-risk within 90 s; its last lines:" >&2
      tail -20 "$work/inference-service.log" >&2
      status=1
    else
      echo "ok   inference-service: GET /v2/models/credit-risk/ready -> $ready"
    fi
    code="$(run_trainer 2)"
    if [ "$code" != 0 ] || ! grep -q "already: nothing to train" "$work/mlops-cli-2.log"; then
      echo "FAIL $cli: the second run (exit $code) should have found the champion and changed nothing; its log:" >&2
      tail -20 "$work/mlops-cli-2.log" >&2
      status=1
    else
      echo "ok   $cli: second run: $(grep -m1 'already: nothing to train' "$work/mlops-cli-2.log")"
    fi
  fi
elif [ -n "$cli" ]; then
  echo "skip $cli: not every service is ready"
fi
exit "$status"
