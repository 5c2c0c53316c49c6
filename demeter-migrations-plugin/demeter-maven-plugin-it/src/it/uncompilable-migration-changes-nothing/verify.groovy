def log = new File(basedir, 'build.log').text

// The compiler's own message, with the file and line, and what to do.
assert log.contains('The migrations of it-uncompilable do not compile, so they were not run and nothing was changed:')
assert log =~ /src\/main\/java\/db\/migration\/V4__add_greenhouse_notes\.java:10: cannot find symbol/
assert log.contains('Fix the source and run the goal again.')
assert !(log =~ /up   V4 /)

// The database is where the first invocation left it.
def data = new File(basedir, '.demeter/postgres/data')
def psql = { String sql ->
    def process = ['psql', '-h', '127.0.0.1', '-p', uncompilableMigrationChangesNothingPort, '-U', 'postgres', '-d', 'demeterai', '-Atc', sql].execute()
    def out = process.text.trim()
    assert process.waitFor() == 0 : "psql failed: ${process.err.text}"
    out
}
try {
    assert psql('select max(version::int) from flyway_schema_history') == '3'
    assert psql("select count(*) from information_schema.columns where table_name = 'greenhouses'"
            + " and column_name = 'notes'") == '0'
} finally {
    def pid = new File(data, 'postmaster.pid')
    if (pid.isFile()) {
        ['kill', '-INT', pid.readLines()[0].trim()].execute().waitFor()
        for (int i = 0; i < 100 && pid.exists(); i++) {
            Thread.sleep(100)
        }
    }
}
return true
