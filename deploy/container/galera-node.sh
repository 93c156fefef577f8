#!/bin/bash
# Entrypoint of one MariaDB Galera node (compose.yaml). Works on the official mariadb:10.11 image
# and on a Debian image with mariadb-server, galera-4, mariadb-backup and socat.
#
# First start of the node with GALERA_BOOTSTRAP=1: creates the datadir, starts a new cluster and
# creates the accounts (they replicate). Other nodes start on an empty datadir and join by SST.
# Later starts (datadir present) always join: galera_recovery finds the node's last position so
# it catches up by IST. A whole cluster that went down needs one node bootstrapped by hand
# (deploy/README.md, "Whole cluster down").
set -euo pipefail

: "${GALERA_CLUSTER_ADDRESS:?e.g. gcomm://n1,n2,n3}"
: "${MARIADB_ROOT_PASSWORD:?}"
: "${MARIADB_PASSWORD:?password of the application account}"
: "${GALERA_SST_PASSWORD:?password of the SST account}"
name=${GALERA_NODE_NAME:-$(hostname)}
address=${GALERA_NODE_ADDRESS:-}
port=${GALERA_PORT:-3306}
gcomm_port=${GALERA_GCOMM_PORT:-4567}
ist_port=${GALERA_IST_PORT:-4568}
sst_port=${GALERA_SST_PORT:-4444}
check_port=${GALERA_CHECK_PORT:-9200}
database=${MARIADB_DATABASE:-antrean}
user=${MARIADB_USER:-antrean}
datadir=/var/lib/mysql
socket=/run/mysqld/mysqld.sock
cnf=/run/mysqld/galera-node.cnf

mkdir -p /run/mysqld "$datadir"
chown mysql:mysql /run/mysqld "$datadir"

listen=${address:-0.0.0.0}
provider_options="gmcast.listen_addr=tcp://$listen:$gcomm_port;ist.recv_addr=${address:+$address:}$ist_port"
# Galera guesses the node's own address from its first interface when none is given.
cat > "$cnf" <<CNF
[mysqld]
user=mysql
datadir=$datadir
socket=$socket
port=$port
bind-address=${address:-0.0.0.0}
skip-name-resolve
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
innodb_flush_log_at_trx_commit=2
wsrep_on=ON
wsrep_provider=/usr/lib/galera/libgalera_smm.so
wsrep_cluster_name=${GALERA_CLUSTER_NAME:-antrean}
wsrep_cluster_address=$GALERA_CLUSTER_ADDRESS
wsrep_node_name=$name
${address:+wsrep_node_address=$address:$gcomm_port}
wsrep_provider_options="$provider_options"
${address:+wsrep_sst_receive_address=$address:$sst_port}
# mariabackup: the donor stays available while it streams (rsync would block it).
wsrep_sst_method=mariabackup
wsrep_sst_auth=mariabackup:$GALERA_SST_PASSWORD
[client]
socket=$socket
CNF

# Answers HAProxy's health check (deploy/haproxy/galera-clustercheck) on its own port.
CLUSTERCHECK_CLIENT_OPTS="--no-defaults --socket=$socket --user=root" \
  socat "TCP-LISTEN:$check_port,fork,reuseaddr" EXEC:/usr/local/bin/galera-clustercheck &

extra=()
if [ -z "$(ls -A "$datadir")" ]; then
  if [ "${GALERA_BOOTSTRAP:-0}" = 1 ]; then
    echo "galera-node: $name creates a new cluster"
    mariadb-install-db --defaults-file="$cnf" --auth-root-authentication-method=socket >/dev/null
    init=/run/mysqld/init.sql
    cat > "$init" <<SQL
-- Local only: the other nodes copy this node's datadir when they join (SST).
SET SESSION wsrep_on=OFF;
ALTER USER 'root'@'localhost' IDENTIFIED VIA unix_socket OR mysql_native_password USING PASSWORD('$MARIADB_ROOT_PASSWORD');
CREATE USER IF NOT EXISTS 'mariabackup'@'localhost' IDENTIFIED BY '$GALERA_SST_PASSWORD';
GRANT RELOAD, PROCESS, LOCK TABLES, BINLOG MONITOR ON *.* TO 'mariabackup'@'localhost';
CREATE DATABASE IF NOT EXISTS \`$database\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '$user'@'%' IDENTIFIED BY '$MARIADB_PASSWORD';
GRANT ALL PRIVILEGES ON \`$database\`.* TO '$user'@'%';
SQL
    chown mysql:mysql "$init"
    extra+=(--wsrep-new-cluster --init-file="$init")
  else
    echo "galera-node: $name joins the cluster by SST"
  fi
else
  # grastate.dat may say seqno -1 after a crash: recover the position so the node rejoins by IST.
  if position=$(galera_recovery --defaults-file="$cnf" 2>/dev/null) && [ -n "$position" ]; then
    extra+=($position)
  fi
  echo "galera-node: $name rejoins the cluster ${position:-}"
fi

exec mariadbd --defaults-file="$cnf" "${extra[@]}"
