def log = new File(basedir, 'build.log').text

// 3: the check fails, fact by fact.
assert log.contains('Drift: 4 differences between what V1-V3 build and the database:')
assert log.contains('column greenhouses.notes text not null: only in the database')
assert log.contains('column greenhouses.outline: type geometry(Polygon,4326) in what V1-V3 build, geometry(MultiPolygon,4326) in the database')
assert log.contains('Put the change in a migration (./mvnw demeter:diff -Ddemeter.write=true writes it), or undo it in the database.')

// 4: the next migration, numbered and named as demeter:new would, with the next steps.
def written = new File(basedir, 'src/main/java/db/migration/V4__greenhouse_notes.java')
assert log.contains('Wrote src/main/java/db/migration/V4__greenhouse_notes.java: 4 steps, 2 marked // review.')
assert log.contains('This database already has the change, so demeter:migrate would fail on V4__greenhouse_notes here.')
assert written.isFile()
def source = written.text
assert source.contains('public class V4__greenhouse_notes extends DemeterMigration {')
assert source.contains('db.alterTable(name("greenhouses")).add(field(name("notes"), SQLDataType.CLOB.nullable(false)'
        + '.defaultValue(field("\'\'::text", SQLDataType.CLOB)))).execute();')
assert source.contains('db.execute("ALTER TABLE greenhouses ALTER COLUMN outline TYPE geometry(MultiPolygon,4326) USING ST_Multi(outline)");')
assert source.contains('db.execute("CREATE INDEX idx_greenhouses_outline ON greenhouses USING gist (outline)");')
assert source.contains('db.alterTable(name("greenhouses")).add(constraint(name("ck_greenhouses_code")).check(condition("(length((code)::text) >= 2)"))).execute();')
assert source.contains('db.dropIndex(name("idx_greenhouses_outline")).execute();')
assert source.contains('db.alterTable(name("greenhouses")).drop(name("notes")).execute();')

// 5: writing again while V4 is pending is refused, names V4, and writes nothing.
assert log.contains('Not compared: V4 (greenhouse notes) is in the code but not applied to this database.')
assert log.contains('No migration written: V4 (greenhouse notes) is in the code but not applied to this database')
assert !new File(basedir, 'src/main/java/db/migration/V5__greenhouse_notes.java').exists()

// 6 and 7: the rebuilt dev database applies V4 and has no drift.
assert log =~ /up   V4 +greenhouse notes +(?:\d+ ms|\d+\.\d s)/
assert log.contains('Applied 4 migrations in ')
assert log.contains('No drift: the database is exactly what V1-V4 build.')
assert !new File(basedir, '.demeter/postgres/data/postmaster.pid').exists() : 'embedded database still running'
return true
