def log = new File(basedir, 'build.log').text

assert log =~ /down V3 +add greenhouse name +(?:\d+ ms|\d+\.\d s)/
assert !log.contains('down V2 ')
assert log.contains('Rolled back 1 migration in ')
assert log.contains('the database is now at version 2.')
assert log.contains('Current: version 2 (enable postgis), 1 pending: V3.')
// Flyway sees the undone migration as pending and applies it again.
assert log.contains('Applied 1 migration in ')
assert log =~ /3 +\| add greenhouse name +\| Rolled back/
assert log =~ /3 +\| add greenhouse name +\| Success/
return true
