#!/bin/sh
# Turns the fixture's embedded dev database into one that checks passwords: a superuser role "sweeper" whose
# password is the sentinel (given here only as its SCRAM verifier, so the plain text never reaches the server or
# this script), databases for the sweep, and pg_hba.conf lines that demand SCRAM from everyone but postgres on TCP.
set -eu
PORT=${1:?the embedded dev database port, which the build reserved for this fixture}
HBA=.demeter/postgres/data/pg_hba.conf
psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres -d demeterai <<'SQL'
create role sweeper login superuser
  password 'SCRAM-SHA-256$4096:ZGVtZXRlci1zd2VlcC0wMQ==$J7iMI6FegKwnPI0nEKHFhc0MxdAPp4kiZYJcwJieQ1A=:j1uc+VXjoOkYZb5QLhOO+L6+TgW24sNb9o9bYtrjAfI=';
create database sweep owner sweeper;
create database baseline_normal owner sweeper;
create database baseline_debug owner sweeper;
create database failing owner sweeper;
SQL
# First match wins: postgres keeps trust (demeter:start and stop use it), everyone else needs the password.
{ printf 'host all postgres 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 scram-sha-256\n'; cat "$HBA"; } > "$HBA.sweep"
cat "$HBA.sweep" > "$HBA"
rm "$HBA.sweep"
psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres -d demeterai -c 'select pg_reload_conf()' >/dev/null
echo "sweep-role: role sweeper (SCRAM) and databases sweep, baseline_normal, baseline_debug, failing ready"
