#!/bin/bash
# Brings the compose stack up (3 Galera nodes, HAProxy, migrate, two servers), smoke-tests it and
# takes it down again. Run from anywhere after `mvn -DskipTests package`.
#   deploy/container/test.sh [--local-base] [--host-network] [--failover] [--keep]
#   --local-base    build the base images from Debian packages first (local-base.sh), for engines
#                   without registry access (also ANTREAN_LOCAL_BASE=1)
#   --host-network  containers on the host's network (compose.host.yaml), for engines without
#                   bridge networking (also ANTREAN_HOST_NETWORK=1)
#   --failover      then a drill: kill -9 the writing node under load, check that no request is
#                   answered 500, that writes are back within 10 s, that the node rejoins by IST,
#                   that HAProxy does not fail back by itself, and that the deliberate fail-back
#                   of deploy/README.md moves every connection back
#   --keep          leave the stack running afterwards
# ANTREAN_COMPOSE_EXTRA: more compose files to add (space-separated), e.g. your own overrides.
# Checks: both servers answer health; the migrate service exited 0; a ticket issued through one
# server is read back through the other and is on every node of the cluster.
set -euo pipefail
cd "$(dirname "$0")"

local_base=${ANTREAN_LOCAL_BASE:-0}
host_network=${ANTREAN_HOST_NETWORK:-0}
keep=0
failover=0
for arg in "$@"; do
  case $arg in
    --local-base) local_base=1 ;;
    --host-network) host_network=1 ;;
    --keep) keep=1 ;;
    --failover) failover=1 ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done

[ -f ../../server/target/antrean-server.jar ] || { echo "build first: mvn -DskipTests package" >&2; exit 1; }
if [ "$local_base" = 1 ]; then
  while IFS='=' read -r key value; do export "$key=$value"; done < <(./local-base.sh)
fi

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

cleanup() {
  status=$?
  if [ $status -ne 0 ]; then
    echo "== FAILED: last log lines" >&2
    dc ps >&2 || true
    dc logs --tail=40 >&2 || true
  fi
  if [ "$keep" = 1 ]; then
    echo "stack left running: ${compose[*]} ${files[*]} down -v"
  else
    dc down -v --remove-orphans >/dev/null 2>&1 || true
    [ -z "${merged:-}" ] || rm -f "$merged"
  fi
  exit $status
}
trap cleanup EXIT

started=$(date +%s)
dc down -v --remove-orphans >/dev/null 2>&1 || true # a fresh stack: project $COMPOSE_PROJECT_NAME
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

[ "$failover" = 1 ] || exit 0

# --- Fail-over drill --------------------------------------------------------------------------
sql() { # node statement
  dc exec -T "$1" mariadb --no-defaults --socket=/run/mysqld/mysqld.sock -uroot -N -B -e "$2" | tr -d '\r'
}
haproxy_admin() { # command (runtime API inside the HAProxy container)
  dc exec -T haproxy bash -c 'a=${HAPROXY_ADMIN-127.0.0.1:9999}; exec 3<>"/dev/tcp/${a%:*}/${a##*:}"
    printf "%s\n" "$1" >&3; cat <&3' _ "$1" | tr -d '\r'
}
writer() { haproxy_admin "show table galera_writer" | sed -n 's/.*server_key=\(n[0-9]\).*/\1/p'; }
connections() { # node: the application's connections on it
  sql "$1" "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER = 'antrean'"
}

old=$(writer)
[ -n "$old" ] || { echo "HAProxy has no writer recorded" >&2; exit 1; }
echo "writer: $old; killing it under load"
load=$(mktemp)
# 2 requests a second for 20 s: below the daily quota (50), so every write can succeed.
python3 - "$url1" "$url2" 20 > "$load" <<'PY' &
import json, sys, threading, time, urllib.error, urllib.request
urls, seconds = sys.argv[1:3], float(sys.argv[3])
results = []
def issue(i):
    body = json.dumps({"service": "KTP_EL_RECORDING", "nik": "1602011505%06d" % (900100 + i),
                       "urgency": {"reason": "HOSPITAL"}, "channel": "KIOSK",
                       "checklist": {"MASK": True, "GLOVES": True, "NO_SYMPTOMS": True}}).encode()
    request = urllib.request.Request(urls[i % 2] + "/api/v1/offices/oki/tickets", data=body,
                                     headers={"Content-Type": "application/json"})
    began = time.time()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            code = response.status
    except urllib.error.HTTPError as e:
        code = e.code
    except Exception as e:
        code = 0
    results.append((began, time.time(), code))
threads, i, end = [], 0, time.time() + seconds
while time.time() < end:
    t = threading.Thread(target=issue, args=(i,)); t.start(); threads.append(t); i += 1; time.sleep(0.5)
for t in threads:
    t.join()
for r in sorted(results):
    print("%.3f %.3f %d" % r)
PY
loader=$!
sleep 5
killed_at=$(date +%s.%N)
docker kill -s KILL "$(dc ps -q "$old")" >/dev/null
wait $loader
if python3 - "$killed_at" "$load" <<'PY'
import sys, collections
killed = float(sys.argv[1])
rows = [tuple(map(float, line.split())) for line in open(sys.argv[2])]
codes = collections.Counter(int(c) for _, _, c in rows)
print("answers:", dict(sorted(codes.items())))
back = min((done - killed for began, done, code in rows if began > killed and code == 201), default=None)
print("tickets issued again %.1f s after the kill" % back if back is not None else "writes never came back")
slowest = max((done - began for began, done, code in rows), default=0)
print("slowest answer %.1f s" % slowest)
bad = codes.get(500, 0) + codes.get(0, 0)
if bad:
    print("FAILED: %d request(s) answered 500 or not at all" % bad)
sys.exit(1 if bad or back is None or back > 10 else 0)
PY
then drill=passed; else drill=failed; fi
new=$(writer)
[ -n "$new" ] && [ "$new" != "$old" ] || { echo "HAProxy writer did not move off $old (now: $new)" >&2; exit 1; }
echo "HAProxy writer is now $new"

# The killed node comes back and catches up by IST (galera_recovery in galera-node.sh).
restarted=$(date +%s)
dc start "$old" >/dev/null
until [ "$(docker inspect -f '{{.State.Health.Status}}' "$(dc ps -q "$old")")" = healthy ]; do
  [ $(( $(date +%s) - restarted )) -lt 300 ] || { echo "$old did not rejoin within 300 s" >&2; exit 1; }
  sleep 2
done
docker logs --since "$restarted" "$(dc ps -q "$old")" 2>&1 | grep -q "IST received" || { echo "$old did not rejoin by IST" >&2; exit 1; }
echo "$old rejoined by IST in $(( $(date +%s) - restarted )) s"
sleep 5 # several health checks: HAProxy knows the node is up again
[ "$(writer)" = "$new" ] || { echo "HAProxy failed back by itself" >&2; exit 1; }
echo "no automatic fail-back: writer still $new"

# Deliberate fail-back (deploy/README.md, "Fail-back"), once HAProxy sees the node up again.
server_up() { # node: HAProxy's operational state of it is "running" (2)
  haproxy_admin "show servers state galera_writer" | awk -v n="$1" '$4 == n { print $6 }' | grep -qx 2
}
until server_up "$old"; do
  [ $(( $(date +%s) - restarted )) -lt 360 ] || { echo "HAProxy does not see $old up" >&2; exit 1; }
  sleep 1
done
haproxy_admin "set server galera_writer/$new state maint" >/dev/null
haproxy_admin "clear table galera_writer" >/dev/null
haproxy_admin "shutdown sessions server galera_writer/$new" >/dev/null
haproxy_admin "set server galera_writer/$new state ready" >/dev/null
failed_back=$(date +%s)
until curl -fsS --http1.1 -o /dev/null --max-time 10 "$url1/api/v1/tickets/$token" \
    && curl -fsS --http1.1 -o /dev/null --max-time 10 "$url2/api/v1/tickets/$token" \
    && [ "$(connections "$new")" = 0 ] && [ "$(connections "$old")" -gt 0 ]; do
  [ $(( $(date +%s) - failed_back )) -lt 20 ] || {
    echo "fail-back: connections on $old: $(connections "$old"), on $new: $(connections "$new")" >&2; exit 1; }
  sleep 1
done
# The table records the writer again with the next new connection; empty, it sends to n1 anyway.
case $(writer) in "$old" | "") ;; *) echo "fail-back recorded $(writer), not $old" >&2; exit 1 ;; esac
echo "fail-back: $(connections "$old") connection(s) on $old, none on $new"
[ "$drill" = passed ] || { echo "fail-over drill: requests above failed" >&2; exit 1; }
echo "fail-over drill passed"
