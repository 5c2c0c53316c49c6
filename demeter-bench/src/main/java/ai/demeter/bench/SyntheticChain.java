package ai.demeter.bench;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * A chain of {@code size} realistic Demeter migrations, generated as Java sources under the benchmark's work
 * directory and compiled there (never part of the committed sources). Migration {@code i} creates table
 * {@code item_i}: an identity key, a unique code, a foreign key to the previous table, a PostGIS point and a JSONB
 * column, a b-tree index on the foreign key and a GiST index on the point; its down drops the table. The first also
 * creates the PostGIS extension, as the DemeterAI chain does.
 */
final class SyntheticChain {
    /** Bump when the generated code changes, so an old compiled chain is not reused. */
    private static final String GENERATION = "synthetic chain 1";

    private final int size;
    private final Path classes;

    private SyntheticChain(int size, Path classes) {
        this.size = size;
        this.classes = classes;
    }

    /** The chain of {@code size} migrations, generated and compiled unless an identical one is there already. */
    static SyntheticChain of(Path work, int size, Alternation.Progress progress) throws IOException {
        Path home = work.resolve("synthetic-" + size);
        Path classes = home.resolve("classes");
        Path stamp = home.resolve("generated");
        if (Files.isRegularFile(stamp) && Files.readString(stamp).strip().equals(GENERATION)) {
            return new SyntheticChain(size, classes);
        }
        progress.say("generating and compiling a synthetic chain of " + size + " migrations");
        deleteRecursively(home);
        Path sources = Files.createDirectories(home.resolve("src").resolve(packageName(size).replace('.', '/')));
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            Path file = sources.resolve(className(i) + ".java");
            Files.writeString(file, source(size, i));
            files.add(file);
        }
        Files.createDirectories(classes);
        compile(files, classes);
        Files.writeString(stamp, GENERATION + "\n");
        return new SyntheticChain(size, classes);
    }

    int size() {
        return size;
    }

    /** The Flyway location of the chain's classes. */
    String location() {
        return "classpath:" + packageName(size).replace('.', '/');
    }

    /** A loader that sees the chain, with Demeter, jOOQ and Flyway from {@code parent}. */
    URLClassLoader loader(ClassLoader parent) throws IOException {
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, parent);
    }

    private static String packageName(int size) {
        return "bench.synthetic.n" + size;
    }

    private static String className(int i) {
        return "V" + i + "__create_item_" + i;
    }

    private static String source(int size, int i) {
        String table = "item_" + i;
        String foreignKey = i == 1 ? "" : """
                                constraint(name("fk_%1$s_previous")).foreignKey(name("previous_id"))
                                        .references(name("item_%2$d"), name("id")),
                """.formatted(table, i - 1);
        return """
                package %1$s;

                import static org.jooq.impl.DSL.constraint;
                import static org.jooq.impl.DSL.name;

                import ai.demeter.migrations.api.DemeterMigration;
                import org.jooq.DSLContext;
                import org.jooq.SQLDialect;
                import org.jooq.impl.DefaultDataType;
                import org.jooq.impl.SQLDataType;

                public class %2$s extends DemeterMigration {
                    @Override
                    protected void up(DSLContext db) {
                        %3$s
                        db.createTable(name("%4$s"))
                                .column(name("id"), SQLDataType.BIGINT.identity(true))
                                .column(name("code"), SQLDataType.VARCHAR(40).nullable(false))
                                .column(name("previous_id"), SQLDataType.BIGINT)
                                .column(name("location"), DefaultDataType.getDefaultDataType(SQLDialect.POSTGRES,
                                        "geometry(POINT,4326)"))
                                .column(name("attributes"), SQLDataType.JSONB)
                                .column(name("created_at"), SQLDataType.TIMESTAMPWITHTIMEZONE.nullable(false)
                                        .defaultValue(org.jooq.impl.DSL.currentOffsetDateTime()))
                                .constraints(
                                        constraint(name("pk_%4$s")).primaryKey(name("id")),
                %5$s                        constraint(name("uq_%4$s_code")).unique(name("code")))
                                .execute();
                        db.createIndex(name("idx_%4$s_previous_id")).on(name("%4$s"), name("previous_id")).execute();
                        db.execute("create index {0} on {1} using gist ({2})", name("idx_%4$s_location"),
                                name("%4$s"), name("location"));
                    }

                    @Override
                    protected void down(DSLContext db) {
                        db.dropTable(name("%4$s")).execute();
                    }
                }
                """.formatted(packageName(size), className(i),
                i == 1 ? "db.execute(\"create extension if not exists postgis\");" : "", table, foreignKey);
    }

    private static void compile(List<Path> files, Path classes) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("This Java runtime has no compiler; run the benchmark with a JDK.");
        }
        StringWriter out = new StringWriter();
        try (StandardJavaFileManager manager = compiler.getStandardFileManager(null, Locale.ROOT, null)) {
            boolean compiled = compiler.getTask(out, manager, null,
                    List.of("-d", classes.toString(), "-proc:none", "-nowarn", "-classpath",
                            System.getProperty("java.class.path")),
                    null, manager.getJavaFileObjectsFromPaths(files)).call();
            if (!compiled) {
                throw new IllegalStateException("The generated synthetic chain does not compile:\n" + out);
            }
        }
    }

    static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var walk = Files.walk(directory)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
