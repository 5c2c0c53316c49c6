def log = new File(basedir, 'build.log').text

assert log.contains('Cannot connect to PostgreSQL at 127.0.0.1:9 (database demeterai, user deployer, from demeter.url)')
assert log.contains('Check that PostgreSQL runs on 127.0.0.1:9 and accepts TCP connections')
assert log.contains('BUILD FAILURE')
assert !log.contains('Hunter2-Secret') : 'the password reached the build output'
return true
