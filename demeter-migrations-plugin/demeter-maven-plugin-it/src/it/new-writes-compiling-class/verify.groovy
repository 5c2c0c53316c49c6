def log = new File(basedir, 'build.log').text

def source = new File(basedir, 'src/main/java/db/migration/V1__add_bin_barcode.java')
assert source.isFile()
assert log.contains('Wrote src/main/java/db/migration/V1__add_bin_barcode.java')
assert source.text.contains('public class V1__add_bin_barcode extends DemeterMigration')
assert source.text.contains('write up() before running it')
assert new File(basedir, 'target/classes/db/migration/V1__add_bin_barcode.class').isFile()
def backfill = new File(basedir, 'src/main/java/db/migration/V2__backfill_bin_barcode.java')
assert backfill.isFile()
assert backfill.text.contains('// backfill(db, Backfill.table("storage_bins")')
assert backfill.text.contains('return false; // each batch of a backfill is a transaction of its own')
assert new File(basedir, 'target/classes/db/migration/V2__backfill_bin_barcode.class').isFile()
return true
