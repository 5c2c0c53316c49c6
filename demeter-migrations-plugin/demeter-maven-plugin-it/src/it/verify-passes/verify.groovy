def log = new File(basedir, 'build.log').text

// 1: every migration goes up, down and up again, one line each with its times.
assert log =~ /V1 +create greenhouses +up (?:\d+ ms|\d+\.\d s), down (?:\d+ ms|\d+\.\d s), up again (?:\d+ ms|\d+\.\d s)/
assert log =~ /V2 +enable postgis +up (?:\d+ ms|\d+\.\d s), down (?:\d+ ms|\d+\.\d s), up again (?:\d+ ms|\d+\.\d s)/
assert log =~ /V3 +add greenhouse name +up (?:\d+ ms|\d+\.\d s), down (?:\d+ ms|\d+\.\d s), up again (?:\d+ ms|\d+\.\d s)/
assert log.contains('Every migration went up, down and up again, but the committed files are not up to date:')
assert log.contains('migrations.sum does not exist. Write it with -Ddemeter.update=true and commit it.')
assert log.contains('docs/schema.sql does not exist. Write it with -Ddemeter.update=true and commit it.')
assert log.contains('docs/schema-erd.md does not exist. Write it with -Ddemeter.update=true and commit it.')
assert log.contains('docs/lock-profile.md does not exist. Write it with -Ddemeter.update=true and commit it.')

// 2: the update writes the three files.
assert log =~ /Verified 3 migrations up, down and up again in [\d.]+ m?s: every down restored the schema its up found, every second up rebuilt it; head is version 3\./
assert log.contains('Wrote migrations.sum, docs/schema.sql, docs/schema-erd.md, docs/lock-profile.md (demeter.update=true); commit them.')
// V3 adds a nullable column to the existing greenhouses: a brief ACCESS EXCLUSIVE, no hazard.
assert log.contains('[INFO] Deploy safety (docs/deploy-safety.md): locks, rewrites and scans on tables that existed before each migration; changes that break the running release\n[INFO] No hazards.')
def profile = new File(basedir, 'docs/lock-profile.md').text
assert profile.contains('| V3 | up | greenhouses | ACCESS EXCLUSIVE | no | no | `alter table "greenhouses" add "name" varchar(200)` |')
def sums = new File(basedir, 'migrations.sum').text
assert sums =~ /(?m)^V1 [0-9a-f]{8} create greenhouses$/
assert sums =~ /(?m)^V3 [0-9a-f]{8} add greenhouse name$/
assert sums =~ /(?m)^total [0-9a-f]{32}$/
def listing = new File(basedir, 'docs/schema.sql').text
assert listing.startsWith('-- Schema public at version 3, as the migrations leave it.')
assert listing.contains('''CREATE TABLE greenhouses (
    greenhouse_id integer NOT NULL,
    code character varying(50) NOT NULL,
    outline geometry(Polygon,4326),
    name character varying(200),
    CONSTRAINT pk_greenhouses PRIMARY KEY (greenhouse_id)
);''')
assert listing.contains('CREATE EXTENSION postgis SCHEMA public;')
assert !listing.contains('spatial_ref_sys') && !listing.contains('flyway_schema_history')
def erd = new File(basedir, 'docs/schema-erd.md').text
assert erd.contains('[schema.sql](schema.sql)')
assert erd.contains('''```mermaid
erDiagram
    greenhouses {
        integer greenhouse_id PK
    }
```''')

// 3: from V2 on, with the committed files current.
assert log.contains('Up to date: migrations.sum, docs/schema.sql, docs/schema-erd.md.')
assert log.contains('Applied V1 without a round trip (demeter.verify.from=2).')
assert log.contains('Not checking docs/lock-profile.md: demeter.verify.from=2 leaves the older migrations unmeasured.')
assert log =~ /Verified 2 migrations up, down and up again \(1 older ones only applied\) in /

// 4: a migration missing from the checksum file.
assert log.contains('Not in partial.sum yet: V3. Add them with -Ddemeter.update=true and commit the file.')

// 5, 6
assert log.contains('Skipped (demeter.verify.skip=true).')
assert log.contains('Skipped (skipTests).')
return true
