def log = new File(basedir, 'build.log').text

assert log.contains('V2 breaks the code of release 1.3 (schema V1), which still runs during a rolling deploy.')
assert log.contains('V2 dropped-column on plots: column plots.note (text) is gone (dropped or renamed); the running release names it in every select of plots and may write it.')
assert log.contains('In steps: Drop it in two releases:')
assert log.contains('Or accept: @AcceptHazard(rule = "dropped-column", table = "plots", reason = "...") on V2')
// The round trips passed first; the committed documents were not written.
assert log =~ /V2 +drop plot note +up (?:\d+ ms|\d+\.\d s), down (?:\d+ ms|\d+\.\d s), up again (?:\d+ ms|\d+\.\d s)/
assert !new File(basedir, 'docs').exists()
return true
