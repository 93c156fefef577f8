#!/bin/bash
# Brings the compose stack up (3 Galera nodes, HAProxy, migrate, two servers), smoke-tests it and
# takes it down again. Run from anywhere after `mvn -DskipTests package`.
#   deploy/container/test.sh [--local-base] [--host-network] [--keep]
#   --local-base    build the base images from Debian packages first (local-base.sh), for engines
#                   without registry access (also ANTREAN_LOCAL_BASE=1)
#   --host-network  containers on the host's network (compose.host.yaml), for engines without
#                   bridge networking (also ANTREAN_HOST_NETWORK=1)
#   --keep          leave the stack running afterwards
# ANTREAN_COMPOSE_EXTRA: more compose files to add (space-separated), e.g. your own overrides.
# Checks: both servers and HAProxy answer health; a ticket issued through one server is read back
# through the other; the schema was migrated once (the migrate service exited 0).
set -euo pipefail
cd "$(dirname "$0")"

local_base=${ANTREAN_LOCAL_BASE:-0}
host_network=${ANTREAN_HOST_NETWORK:-0}
keep=0
for arg in "$@"; do
  case $arg in
    --local-base) local_base=1 ;;
    --host-network) host_network=1 ;;
    --keep) keep=1 ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done

if docker compose version >/dev/null 2>&1; then compose=(docker compose); else compose=(docker-compose); fi
files=(-f compose.yaml)
export COMPOSE_PROJECT_NAME=${COMPOSE_PROJECT_NAME:-antrean-smoke}
if [ "$host_network" = 1 ]; then
  files+=(-f compose.host.yaml)
  url1=http://127.0.0.1:28081 url2=http://127.0.0.1:28082
else
  url1=http://127.0.0.1:8081 url2=http://127.0.0.1:8082
fi
for extra in ${ANTREAN_COMPOSE_EXTRA:-}; do files+=(-f "$extra"); done
if [ "$host_network" = 1 ]; then
  # Compose refuses published ports on the host's network: run a merged copy without them.
  merged=$(mktemp --suffix=.yaml)
  "${compose[@]}" "${files[@]}" config | python3 -c '
import sys, yaml
config = yaml.safe_load(sys.stdin)
for service in config["services"].values():
    if service.get("network_mode") == "host":
        service.pop("ports", None)
yaml.safe_dump(config, sys.stdout, sort_keys=False)' > "$merged"
  files=(-f "$merged" --project-directory "$PWD")
fi
dc() { "${compose[@]}" "${files[@]}" "$@"; }

[ -f ../../server/target/antrean-server.jar ] || { echo "build first: mvn -DskipTests package" >&2; exit 1; }
if [ "$local_base" = 1 ]; then
  while IFS='=' read -r key value; do export "$key=$value"; done < <(./local-base.sh)
fi

cleanup() {
  status=$?
  if [ $status -ne 0 ]; then
    echo "== FAILED: last log lines" >&2
    dc ps >&2 || true
    dc logs --tail=40 >&2 || true
  fi
  if [ "$keep" = 1 ]; then echo "stack left running: ${compose[*]} ${files[*]} down -v"; else dc down -v --remove-orphans >/dev/null 2>&1 || true; fi
  exit $status
}
trap cleanup EXIT

started=$(date +%s)
dc build
dc up -d

# Health over HTTP/1.1 (Helidon answers HTTP/1.0 with 505).
wait_healthy() { # url seconds
  local deadline=$(( $(date +%s) + $2 ))
  until curl -fsS --http1.1 -o /dev/null --max-time 2 "$1/observe/health" 2>/dev/null; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "not healthy within $2 s: $1" >&2; return 1; }
    sleep 2
  done
}
wait_healthy "$url1" 420
wait_healthy "$url2" 120
echo "stack healthy after $(( $(date +%s) - started )) s"

migrate_id=$(dc ps -q migrate)
[ "$(docker inspect -f '{{.State.ExitCode}}' "$migrate_id")" = 0 ] || { echo "migrate did not exit 0" >&2; exit 1; }

# A ticket issued through server 1 ...
body='{"service":"KTP_EL_RECORDING","nik":"1602011505900001","urgency":{"reason":"HOSPITAL"},
 "checklist":{"MASK":true,"GLOVES":true,"NO_SYMPTOMS":true},"channel":"KIOSK"}'
response=$(curl -sS --http1.1 --max-time 10 -w '\n%{http_code}' -H 'Content-Type: application/json' \
  -H "Idempotency-Key: smoke-$started" -d "$body" "$url1/api/v1/offices/oki/tickets")
code=${response##*$'\n'}; json=${response%$'\n'*}
[ "$code" = 201 ] || { echo "issuing a ticket answered $code: $json" >&2; exit 1; }
token=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])' <<<"$json")
number=$(python3 -c 'import json,sys; print(json.load(sys.stdin).get("number"))' <<<"$json")

# ... is read back through server 2.
seen=$(curl -fsS --http1.1 --max-time 10 "$url2/api/v1/tickets/$token")
seen_number=$(python3 -c 'import json,sys; print(json.load(sys.stdin).get("number"))' <<<"$seen")
[ "$seen_number" = "$number" ] || { echo "server 2 sees $seen, server 1 issued $json" >&2; exit 1; }
echo "ticket $number issued via server 1, seen via server 2"

# Every node of the cluster has the ticket (it replicated), and HAProxy sent all writes to one node.
for node in n1 n2 n3; do
  count=$(dc exec -T "$node" mariadb --no-defaults --socket=/run/mysqld/mysqld.sock -uroot -N -B \
    -e "SELECT COUNT(*) FROM antrean.ticket" 2>/dev/null | tr -d '\r')
  [ "$count" -ge 1 ] || { echo "$node has no ticket rows ($count)" >&2; exit 1; }
  echo "$node: $count ticket(s), $(dc exec -T "$node" mariadb --no-defaults --socket=/run/mysqld/mysqld.sock -uroot -N -B \
    -e "SHOW STATUS LIKE 'wsrep_local_state_comment'" | tr -d '\r' | cut -f2)"
done
echo "smoke test passed in $(( $(date +%s) - started )) s"
