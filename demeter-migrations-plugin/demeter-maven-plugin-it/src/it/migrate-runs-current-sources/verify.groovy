def log = new File(basedir, 'build.log').text

// Invocation 2: V4 existed only as a source; the goal compiled it and applied it.
assert log =~ /Compiled the 4 sources of it-current-sources in [^(]+\(db\/migration\/V4__add_greenhouse_notes\.java is not compiled yet\)/
assert log =~ /up   V4 +add greenhouse notes +(?:\d+ ms|\d+\.\d s)/
assert log.contains('Current: version 4 (add greenhouse notes), up to date.')
// Invocation 4: V5 was compiled by the build, then edited; the edited source was compiled and run.
assert log =~ /\(db\/migration\/V5__add_greenhouse_area\.java changed since it was compiled\)/
assert log =~ /up   V5 +add greenhouse area +(?:\d+ ms|\d+\.\d s)/

// The database itself: V4's column and the edited V5's column, not the one V5 had when it was compiled.
def data = new File(basedir, '.demeter/postgres/data')
def psql = { String sql ->
    def process = ['psql', '-h', '127.0.0.1', '-p', migrateRunsCurrentSourcesPort, '-U', 'postgres', '-d', 'demeterai', '-Atc', sql].execute()
    def out = process.text.trim()
    assert process.waitFor() == 0 : "psql failed: ${process.err.text}"
    out
}
try {
    def columns = psql("select string_agg(column_name, ',' order by column_name) from information_schema.columns"
            + " where table_name = 'greenhouses'").split(',') as List
    assert columns.contains('notes')
    assert columns.contains('area_sqm') : "the edited V5 did not run: ${columns}"
    assert !columns.contains('area_m2') : "the V5 compiled before the edit ran: ${columns}"
    assert psql('select max(version::int) from flyway_schema_history') == '5'
} finally {
    // Stop the embedded database the last invocation left running (as demeter:stop would).
    def pid = new File(data, 'postmaster.pid')
    if (pid.isFile()) {
        ['kill', '-INT', pid.readLines()[0].trim()].execute().waitFor()
        for (int i = 0; i < 100 && pid.exists(); i++) {
            Thread.sleep(100)
        }
    }
}
return true
