def log = new File(basedir, 'build.log').text

assert log.contains('Dry run: undo V3, V2, V1, ending at base. Nothing is changed. The SQL:')
assert log.contains('alter table "greenhouses" drop "name";')
assert log.contains('drop extension if exists postgis;')
assert log.contains('drop table "greenhouses";')
assert !log.contains('Rolled back ')
assert log.contains('Current: version 3 (add greenhouse name), up to date.')
return true
