def log = new File(basedir, 'build.log').text

assert log =~ /down V3 +add greenhouse name/
assert log =~ /down V2 +enable postgis/
assert log =~ /down V1 +create greenhouses/
assert log.contains('Rolled back 3 migrations in ')
assert log.contains('the database is now at base.')
assert log.contains('Current: base (no migration applied), 3 pending: V1, V2, V3.')
return true
