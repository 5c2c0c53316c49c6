def log = new File(basedir, 'build.log').text

assert log.contains('verify found 3 problems; each is below.')
// 1: the running release's code breaks.
assert log.contains('1. V2 breaks the code of release 1.3 (schema V1), which still runs during a rolling deploy.')
assert log.contains('V2 dropped-column on plots: column plots.note (text) is gone')
// 2: the committed checksum file is out of date.
assert log.contains('2. The committed files are not up to date:')
assert log.contains('Not in migrations.sum yet: V2.')
// 3: the deploy-safety hazard, measured.
assert log.contains('3. 1 hazard in migrations not released yet')
assert log =~ /V2 up share-lock on plots: .*NEW: fails verify/
// Every round trip ran before the report; nothing was rewritten.
assert log =~ /V2 +drop plot note index plot codes +up (?:\d+ ms|\d+\.\d s), down (?:\d+ ms|\d+\.\d s), up again (?:\d+ ms|\d+\.\d s)/
assert new File(basedir, 'migrations.sum').text.readLines().every { !it.startsWith('V2 ') }
assert (log =~ /BUILD FAILURE/).size() == 1
return true
