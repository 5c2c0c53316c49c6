package ai.demeter.migrations.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: Demeter's version and the engine it runs on, as the build recorded them. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        Properties versions = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IOException("version.properties is missing from the migrations jar");
            }
            versions.load(in);
        }
        return new String[] {
                "Demeter migrations " + versions.getProperty("demeter"),
                "Flyway " + versions.getProperty("flyway") + ", jOOQ " + versions.getProperty("jooq")
                        + ", PostgreSQL JDBC " + versions.getProperty("postgresql") + ", Java " + Runtime.version()};
    }
}
