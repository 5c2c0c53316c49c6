def log = new File(basedir, 'build.log').text

assert log.contains('Both demeter.steps=1 and demeter.target=base are given')
assert !log.contains('Database:') : 'no database may be opened for a request that cannot be right'
assert !new File(basedir, '.demeter').exists()
return true
