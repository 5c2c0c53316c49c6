def log = new File(basedir, 'build.log').text

def source = new File(basedir, 'src/main/java/db/migration/V1__add_bin_barcode.java')
assert source.isFile()
assert log.contains('Wrote src/main/java/db/migration/V1__add_bin_barcode.java')
assert source.text.contains('public class V1__add_bin_barcode extends DemeterMigration')
assert source.text.contains('write up() before running it')
assert new File(basedir, 'target/classes/db/migration/V1__add_bin_barcode.class').isFile()
return true
