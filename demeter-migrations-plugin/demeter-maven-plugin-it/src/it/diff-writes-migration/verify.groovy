def log = new File(basedir, 'build.log').text

// 3: the check fails, fact by fact.
assert log.contains('Drift: 6 differences between what V1-V3 build and the database:')
// The default, which the written class declares, is part of the fact.
assert log.contains("column greenhouses.notes text not null default ''::text: only in the database")
assert log.contains('column greenhouses.name character varying(200): only in what V1-V3 build')
assert log.contains('column greenhouses.display_name character varying(200): only in the database')
assert log.contains('column greenhouses.outline: type geometry(Polygon,4326) in what V1-V3 build, geometry(MultiPolygon,4326) in the database')
assert log.contains('Put the change in a migration (./mvnw demeter:diff -Ddemeter.write=true writes it), or undo it in the database.')

// 4: the next migration, numbered and named as demeter:new would, with the next steps.
def written = new File(basedir, 'src/main/java/db/migration/V4__greenhouse_notes.java')
// The count is of the class's // review lines: plain SQL up and down of the outline, the GiST index, the rename.
assert log.contains('Wrote src/main/java/db/migration/V4__greenhouse_notes.java: 5 steps, 4 lines marked // review.')
assert log.contains('Assumed renames, written as renames since a drop and an add would lose the rows\' values: column greenhouses.name to display_name.')
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
assert source.contains('db.alterTable(name("greenhouses")).renameColumn(name("name")).to(name("display_name")).execute();')
assert source.contains('db.alterTable(name("greenhouses")).renameColumn(name("display_name")).to(name("name")).execute();')
assert source.contains('db.execute("ALTER TABLE greenhouses ALTER COLUMN outline TYPE geometry(Polygon,4326) USING ST_GeometryN(outline, 1)");')
assert source.readLines().count { it.trim().startsWith('// review') } == 4 : 'the count the log gives'

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
