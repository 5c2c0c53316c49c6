// build.log holds the three invocations in order.
def log = new File(basedir, 'build.log').text

def generated = log.findAll(/Generated \d+ files in [^\n]* into target\/generated-sources\/jooq\./)
assert generated.size() == 2 : "expected generation in invocations 1 and 3, got ${generated}"
assert (log =~ /Throwaway database: /).count == 2 : 'a database was started by the up-to-date invocation'
assert (log =~ /jOOQ classes are up to date \(fingerprint [0-9a-f]{12}, checked in [^)]+\); no database started\./).count == 1
assert (log =~ /BUILD SUCCESS/).count == 3

// In order: generate, up to date, generate again.
int first = log.indexOf('Generated ')
int upToDate = log.indexOf('jOOQ classes are up to date')
int second = log.indexOf('Generated ', upToDate)
assert first >= 0 && first < upToDate && upToDate < second
assert log.indexOf('Applied 1 migration ') < upToDate
assert log.indexOf('Applied 2 migrations ', upToDate) > upToDate

def generatedRoot = new File(basedir, 'consumer/target/generated-sources/jooq/ai/demeter/it/db')
def record = new File(generatedRoot, 'tables/records/GreenhousesRecord.java').text
assert record.contains('public String getName()') : 'V2 column missing: the changed migrations were not picked up'
assert new File(generatedRoot, 'binding/JtsGeometryBinding.java').isFile()
assert !new File(generatedRoot, 'tables/SpatialRefSys.java').exists() : 'PostGIS tables are excluded by default'
assert new File(basedir, 'consumer/target/generated-sources/jooq.demeter-fingerprint').isFile()
assert new File(basedir, 'consumer/target/classes/ai/demeter/it/Greenhouses.class').isFile()
return true
