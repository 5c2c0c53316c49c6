def log = new File(basedir, 'build.log').text

assert log.contains('Refusing to roll back db.demeter.invalid:5432/demeterai, which is not on this machine, without confirmation.')
assert log.contains('-Ddemeter.confirm=demeterai')
assert !log.contains('Hunter2-Secret')
return true
