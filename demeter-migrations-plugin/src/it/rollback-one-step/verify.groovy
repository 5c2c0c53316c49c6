def log = new File(basedir, 'build.log').text

assert log =~ /down V2 +enable postgis +\d+ ms/
assert log.contains('Rolled back 1 migration in ')
assert log.contains('the database is now at version 1.')
assert log.contains('Current: version 1 (create greenhouses), 1 pending: V2.')
// Flyway sees the undone migration as pending and applies it again.
assert log.contains('Applied 1 migration in ')
assert log =~ /2 +\| enable postgis +\| Rolled back/
assert log =~ /2 +\| enable postgis +\| Success/
return true
