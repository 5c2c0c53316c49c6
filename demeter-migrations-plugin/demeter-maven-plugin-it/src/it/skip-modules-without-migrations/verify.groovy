def log = new File(basedir, 'build.log').text

assert (log =~ /Applied 3 migrations in /).count == 1
assert (log =~ /Database: embedded dev database/).count == 1
// The parent and the service module ran the goals and printed nothing: the next line is the next goal's header.
assert log =~ /migrate \(default-cli\) @ it-skip-parent ---\n(\[INFO\] *\n)*\[INFO\] --- demeter:[^\n]*:stop/
assert log =~ /migrate \(default-cli\) @ it-skip-service ---\n(\[INFO\] *\n)*\[INFO\] --- demeter:[^\n]*:stop/
assert log.contains('BUILD SUCCESS')
assert new File(basedir, '.demeter/postgres/data/PG_VERSION').isFile() : '.demeter belongs at the project root'
assert !new File(basedir, 'migrations/.demeter').exists()
return true
