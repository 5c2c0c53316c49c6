def log = new File(basedir, 'build.log').text

assert log.contains('Cannot roll back: V2__enable_postgis has no down(): it cannot be rolled back.')
assert log.contains('Nothing was changed.')
assert !log.contains('down V1 ') && !log.contains('down V2 ')
assert log.contains('Current: version 2 (enable postgis), up to date.')
return true
