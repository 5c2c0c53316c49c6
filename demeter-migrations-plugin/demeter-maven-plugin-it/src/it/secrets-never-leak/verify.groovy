import java.nio.charset.StandardCharsets
import java.nio.file.Files

// Every form the sentinel can take (plain, percent-encoded, truncated at a special character) starts with this.
def needle = 'S3ntinel'
// The fixture's inputs that hold the sentinel on purpose.
def inputs = ['sentinel.properties', 'password-in-url.properties', 'bad-sslmode.properties',
              'password-twice.properties', '.env', 'invoker.properties', 'verify.groovy'] as Set

def log = new File(basedir, 'build.log').text
// The embedded dev database's port, reserved by the build (../../../pom.xml).
def port = secretsNeverLeakPort
assert !log.contains(needle) : 'the sentinel password reached the build output'

// The sweep did what it claims: 22 builds, the sentinel accepted by the server every way it was given.
assert (log =~ /BUILD SUCCESS/).count == 8
assert (log =~ /BUILD FAILURE/).count == 14
assert log.contains('[DEBUG]') && log.contains('(f) schema = public') : 'expected debug builds with the goal parameters dumped'
assert log.contains('sweep-role: role sweeper (SCRAM)')
assert log.contains('Applied 3 migrations in ')
assert (log =~ /Rolling back on 127\.0\.0\.1:${port}\/sweep: undo V3, ending at version 2/).count == 2
assert (log =~ /No drift: the database is exactly what V1-V3 build\./).count == 2
assert log.contains("Database: jdbc:postgresql://127.0.0.1:${port}/sweep?user=sweeper&password=**** as sweeper (from demeter.url)")
assert log.contains("Database: jdbc:postgresql://127.0.0.1:${port}/sweep as sweeper (from DEMETER_DB_URL in the environment)")
assert log.contains("Database: jdbc:postgresql://127.0.0.1:${port}/sweep as sweeper (from DATABASE_URL_SYNC in .env)")
// The encrypted settings.xml server: decrypted, it connects.
assert log.contains("Database: jdbc:postgresql://127.0.0.1:${port}/baseline_debug as sweeper (from demeter.url)")
assert (log =~ /Baselined at version 3; nothing was run\./).count == 2
assert log.contains('Dry run: undo V3, V2, ending at version 1. Nothing is changed.')
assert log.contains('Wrote migrations.sum, docs/schema.sql, docs/schema-erd.md, docs/lock-profile.md (demeter.update=true)')
// Failure paths, each with its own message.
assert log.contains('FATAL: password authentication failed for user "intruder"')
assert log.contains('Authentication failed. Check the user and password')
assert log.contains('Cannot connect to PostgreSQL at db.demeter.invalid:5432 (database sweep, user sweeper, from demeter.url)')
assert log.contains('Cannot connect to PostgreSQL at db.demeter.invalid:5432 (database sweep, user sweeper, from DEMETER_DB_URL in the environment)')
assert log.contains('Invalid sslmode value: bogus')
assert log.contains('Fix sslmode in demeter.url: one of disable, allow, prefer, require, verify-ca, verify-full.')
assert log.contains('Migration V1 (create then divide by zero) failed.')
assert log.contains('The database does not exist. Create it (createdb -h 127.0.0.1 nosuchdb)')
assert log.contains('There is nothing to adopt: the database has no alembic_version table')
assert log.contains('demeter.target=99 is not an applied version')
assert log.contains('Credentials are configured twice: demeter.serverId=demeter-sweep and demeter.user/demeter.password.')
assert log.contains('The database password is set twice with different values: in the URL from demeter.url and by demeter.password.')
assert log.contains('The database user is set twice with different values: in the URL from demeter.url and by demeter.user.')
assert log.contains('Wrote src/main/java/db/migration/V4__sweep_debug.java.')
assert log.contains('Wrote src/main/java/db/migration/V5__sweep_normal.java.')
assert log.contains('Stopped the embedded dev database')

def scanned = 0
def leaks = []
basedir.eachFileRecurse(groovy.io.FileType.FILES) { file ->
    def relative = basedir.toPath().relativize(file.toPath()).toString()
    if (inputs.contains(relative) || Files.isSymbolicLink(file.toPath()) || !file.canRead()) {
        return
    }
    scanned++
    if (new String(Files.readAllBytes(file.toPath()), StandardCharsets.ISO_8859_1).contains(needle)) {
        leaks << relative
    }
}
assert leaks.isEmpty() : "the sentinel password is in ${leaks}"
println "secrets-never-leak: no trace of the sentinel in build.log or in the ${scanned} files the builds left"
return true
