def log = new File(basedir, 'build.log').text

assert !log.contains('Database:') : 'sql must not touch a database'
assert !new File(basedir, '.demeter').exists() : 'sql must not create the embedded dev database'
assert log.contains('Wrote the SQL of up from base to head to ')
assert log.contains('Version 9 is not a migration in the code. Known: V1, V2, V3.')

def up = new File(basedir, 'target/up.sql').text
assert up.startsWith('\\set ON_ERROR_STOP on\n-- Demeter migration script: up from base to head, 3 migrations.\n')
assert up.contains('select pg_advisory_xact_lock(77433833903597);')
assert up.contains('create table if not exists "public"."flyway_schema_history" (')
assert up.contains('\n-- V1 create greenhouses\n')
assert up.contains("'3', 'add greenhouse name', 'JDBC', 'db.migration.V3__add_greenhouse_name', ")
assert up.indexOf('-- V1 ') < up.indexOf('-- V2 ') && up.indexOf('-- V2 ') < up.indexOf('-- V3 ')

def down = new File(basedir, 'target/down-to-1.sql').text
assert down.contains('-- Demeter migration script: down from head to 1, 2 migrations.')
assert down.indexOf('-- V3 add greenhouse name: down') < down.indexOf('-- V2 enable postgis: down')
assert !down.contains('-- V1 ')
assert down.contains('delete from "public"."flyway_schema_history" where "version" = \'3\';')
assert down.contains('insert into "public"."demeter_rollback_history"')
return true
