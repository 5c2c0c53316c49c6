// The invoker fills ${...} in invoker.properties and @...@ in pom.xml, but not the files the builds read themselves:
// .env (read by the goals) and the properties files of invoker.userPropertiesFile.N (read by the invoker, passed
// as -D). Their database URLs name the port this build reserved for the fixture (../../../pom.xml), filled in here,
// in the cloned fixture, before the first invocation.
def token = '${secretsNeverLeakPort}'
['.env', 'password-in-url.properties', 'password-twice.properties', 'bad-sslmode.properties'].each { name ->
    def file = new File(basedir, name)
    assert file.text.contains(token) : "${name} does not name the port as ${token}"
    file.text = file.text.replace(token, secretsNeverLeakPort)
}
return true
