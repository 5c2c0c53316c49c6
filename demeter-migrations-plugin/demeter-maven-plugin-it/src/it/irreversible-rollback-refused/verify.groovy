def log = new File(basedir, 'build.log').text

assert log.contains('Cannot roll back: V4__backfill_greenhouse_names has no down(): it cannot be rolled back.')
assert log.contains('Nothing was changed.')
assert !(log =~ /down V\d /)
assert log.contains('Current: version 4 (backfill greenhouse names), up to date.')
return true
