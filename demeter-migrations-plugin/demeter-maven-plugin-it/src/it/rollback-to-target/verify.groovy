def log = new File(basedir, 'build.log').text

def three = log.indexOf('down V3 ')
def two = log.indexOf('down V2 ')
assert three > 0 && two > three : 'V3 must be undone before V2'
assert !log.contains('down V1 ')
assert log.contains('Rolled back 2 migrations in ')
assert log.contains('Current: version 1 (create greenhouses), 2 pending: V2, V3.')
return true
