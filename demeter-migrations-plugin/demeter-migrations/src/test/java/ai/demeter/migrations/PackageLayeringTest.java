package ai.demeter.migrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library's packages use only the packages drawn below them in docs/architecture.md: no cycle, no upward
 * import. Read from the sources, so that a new import that breaks the layering fails here, naming the file.
 */
class PackageLayeringTest {
    private static final Path SOURCES = Path.of("src/main/java/ai/demeter/migrations");
    private static final String ROOT = "(root)";
    /** What each package may use, as docs/architecture.md draws it. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "internal", Set.of(),
            "api", Set.of("internal"),
            "database", Set.of("api", "internal"),
            "sources", Set.of("api", "internal"),
            "schema", Set.of("api", "database", "internal"),
            "authoring", Set.of("internal", "schema"),
            "safety", Set.of("api", "database", "schema"),
            "engine", Set.of("api", "authoring", "database", "internal", "schema", "safety"),
            "codegen", Set.of("api", "database", "engine", "internal"),
            ROOT, Set.of("api", "database", "engine"));
    private static final Pattern STRING = Pattern.compile("\"(\\\\.|[^\"\\\\])*\"");
    private static final Pattern REFERENCE = Pattern.compile("\\bai\\.demeter\\.migrations\\.([a-z]+)\\.[A-Z]");

    @Test
    void everyPackageUsesOnlyThePackagesBelowIt() throws IOException {
        List<String> violations = new ArrayList<>();
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = SOURCES.relativize(file);
                String own = relative.getNameCount() == 1 ? ROOT : relative.getName(0).toString();
                packages.add(own);
                for (String line : Files.readAllLines(file)) {
                    String code = line.strip();
                    if (code.startsWith("*") || code.startsWith("/*") || code.startsWith("//")) {
                        continue; // javadoc may name any type
                    }
                    // A type named in a string (generated source) is not a dependency.
                    Matcher reference = REFERENCE.matcher(STRING.matcher(code).replaceAll("\"\""));
                    while (reference.find()) {
                        String used = reference.group(1);
                        if (!used.equals(own) && !ALLOWED.getOrDefault(own, Set.of()).contains(used)) {
                            violations.add(relative + " uses " + used + ": " + code);
                        }
                    }
                }
            }
        }
        assertEquals(new TreeSet<>(ALLOWED.keySet()), packages, "every package has its place in the drawing");
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }
}
