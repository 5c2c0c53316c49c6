package ai.demeter.migrations.engine;

import java.util.List;
import java.util.Optional;

/**
 * A database built by an Alembic chain and not yet adopted by Demeter: it has an {@code alembic_version} row and no
 * Flyway history.
 *
 * @param revision   the revision in {@code alembic_version}
 * @param replacedBy the migration that replaces that revision ({@code @AlembicRevision}), if the code has one
 * @param known      every revision the code replaces, oldest first, for messages
 */
public record AlembicDatabase(String revision, Optional<CodeMigration> replacedBy, List<String> known) {

    public AlembicDatabase {
        known = List.copyOf(known);
    }

    /** One line for {@code current}: what the database is and the command that adopts it. */
    public String describe() {
        return replacedBy.map(migration -> "an Alembic database at revision " + revision + ", which is "
                        + migration.label() + "; not adopted yet. Adopt it with ./mvnw demeter:adopt (it checks the"
                        + " schema, then records V1-V" + migration.version().getVersion() + " as applied).")
                .orElse("an Alembic database at revision " + revision + ", which no migration replaces (known: "
                        + String.join(", ", known) + "). Adopt it at a version by hand with"
                        + " ./mvnw demeter:baseline -Ddemeter.baselineVersion=<version> (no rollback below it).");
    }
}
