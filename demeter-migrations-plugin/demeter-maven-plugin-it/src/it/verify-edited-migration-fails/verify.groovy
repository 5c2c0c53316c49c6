def log = new File(basedir, 'build.log').text

assert log =~ /V2 \(enable postgis\) changed after it was listed in migrations.sum: its up now renders SQL with checksum [0-9a-f]{8}, listed 0badc0de\. A migration that may have run somewhere must not change: revert the change, and make it in a new migration \(\.\/mvnw demeter:new\)\./
// Nothing ran: the checksums are checked first.
assert !log.contains('up again')
assert !new File(basedir, 'docs').exists()
return true
