def log = new File(basedir, 'build.log').text

assert log.contains('[DEBUG]') : 'expected a debug-level build'
assert log.contains('(f) user = deployer') : 'expected Maven to dump the goal parameters'
assert log.contains('Cannot connect to PostgreSQL at 127.0.0.1:9 (database demeterai, user deployer, from demeter.url)')
assert (log =~ /BUILD FAILURE/).count == 2
assert !log.contains('Pw-Never-In-Logs-7f3a') : 'the password reached the build output'
assert !log.contains('Url-Pw-Never-In-Logs-9c1d') : 'the password in the URL reached the build output'
return true
