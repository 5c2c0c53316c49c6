// build.log holds the four invocations in order.
def log = new File(basedir, 'build.log').text

assert (log =~ /BUILD SUCCESS/).count == 4
assert (log =~ /Throwaway database: /).count == 3 : 'expected a database for invocations 1-3 and none for 4'
// Invocation 2: only generate-sources ran, so Maven resolved the migrations from the local repository (V1 only);
// Demeter compiled the module's current sources instead.
assert log =~ /Compiled the 2 sources of it-follow-migrations in [^(]+\(db\/migration\/V2__add_greenhouse_glazing\.java is not compiled yet\)/
assert log.contains('Applied 2 migrations ')
// Invocation 3: the module was compiled in the same build, so its classes were current.
assert log.contains('Applied 3 migrations ')
// Invocation 4: nothing changed.
assert (log =~ /jOOQ classes are up to date \(fingerprint [0-9a-f]{12}, checked in [^)]+\); no database started\./).count == 1
assert log.lastIndexOf('jOOQ classes are up to date') > log.lastIndexOf('Applied 3 migrations ')

// The generated code itself: V2's column is there, the column V3 dropped is gone.
def record = new File(basedir, 'consumer/target/generated-sources/jooq/ai/demeter/it/db/tables/records/GreenhousesRecord.java').text
assert record.contains('public String getGlazing()') : 'V2, written after the install, was not used'
assert !record.contains('getBuiltOn()') : 'the column V3 drops is still generated'
assert new File(basedir, 'consumer/target/classes/ai/demeter/it/db/tables/Greenhouses.class').isFile()
assert new File(basedir, 'consumer/target/generated-sources/jooq.demeter-fingerprint').isFile()
return true
