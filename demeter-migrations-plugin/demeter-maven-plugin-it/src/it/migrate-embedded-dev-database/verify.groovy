def log = new File(basedir, 'build.log').text
// A duration is printed as "850 ms" below a second and "1.2 s" above (Durations); PostGIS alone can take a second on a busy machine.

assert log.contains('Database: embedded dev database (created and started')
assert log.contains("Connect: psql -h 127.0.0.1 -p ${migrateEmbeddedDevDatabasePort} -U postgres demeterai")
assert log =~ /up   V1 +create greenhouses +(?:\d+ ms|\d+\.\d s)/
assert log =~ /up   V2 +enable postgis +(?:\d+ ms|\d+\.\d s)/
assert log =~ /up   V3 +add greenhouse name +(?:\d+ ms|\d+\.\d s)/
assert log.contains('Applied 3 migrations in ')
assert log.contains('the database is now at version 3.')
// The second invocation finds the data kept and nothing to do.
assert log.contains('Nothing to migrate: the database is at version 3.')
assert log.contains('Current: version 3 (add greenhouse name), up to date.')
assert log.contains('Stopped the embedded dev database')
assert new File(basedir, '.demeter/postgres/data/PG_VERSION').isFile()
assert !new File(basedir, '.demeter/postgres/data/postmaster.pid').exists() : 'embedded database still running'
return true
