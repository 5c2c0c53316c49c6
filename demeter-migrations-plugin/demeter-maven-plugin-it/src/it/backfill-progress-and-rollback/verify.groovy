def log = new File(basedir, 'build.log').text

assert log.contains('[INFO] V2 backfill of plants: 300,000 rows to walk over id up to key (300000), fixed now')
// A progress line every 5 seconds: rows, rate, ETA, batch size.
assert log =~ /\[INFO\] V2 backfill of plants: [\d,]+ of 300,000 rows \(\d+%\), [\d,]+ rows\/s, ETA [^,]+, batch [\d,]+ rows/
assert log =~ /\[INFO\] V2 backfill of plants: 300,000 rows walked, 300,000 updated, in [\d,]+ batches; this run/
assert log =~ /up +V2 +backfill plant size class/
assert log.contains('Current: version 2 (backfill plant size class), up to date.')
def script = new File(basedir, 'target/up.sql').text
assert script.contains('-- The script stops here. V2 backfill plant size class (up) backfills a table in batches')
// Rollback runs the inverse.
assert log.contains('[INFO] V2 down backfill of plants: 300,000 rows walked, 300,000 updated')
assert log =~ /down +V2 +backfill plant size class/
assert log.contains('Current: version 1 (create plants), 1 pending: V2.')
return true
