package ai.demeter.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.engine.DatabaseState;
import ai.demeter.migrations.engine.MigrateTarget;
import ai.demeter.migrations.engine.MigrationEngine;
import ai.demeter.migrations.schema.SchemaSnapshot;
import ai.demeter.migrations.junit.MigratedDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The whole chain up one version at a time, down newest first, and up again: every down must leave exactly the
 * schema its up found (a catalog snapshot), and the second head must equal the first.
 */
@MigratedDatabase(version = MigratedDatabase.BASE)
class UpDownUpTest {

    @Test
    void everyDownRestoresTheSchemaItsUpFoundAndHeadIsRebuiltIdentically(DatabaseTarget database,
            MigrationEngine engine) {
        List<String> versions = engine.current().pending().stream().map(DatabaseState.PendingMigration::version).toList();
        assertEquals(MigrationChain.versions(), versions, "migrations in db.migration");
        assertTrue(versions.size() >= MigrationChain.PORTED, "the ported chain and what came after: " + versions);

        Map<String, SchemaSnapshot> beforeUp = new LinkedHashMap<>();
        SchemaSnapshot snapshot = SchemaQueries.snapshot(database);
        for (String version : versions) {
            beforeUp.put(version, snapshot);
            engine.migrate(MigrateTarget.parse(version));
            assertEquals(version, engine.current().currentVersion(), "after migrating to V" + version);
            snapshot = SchemaQueries.snapshot(database);
        }
        SchemaSnapshot firstHead = snapshot;

        List<String> failures = new ArrayList<>();
        for (int i = versions.size() - 1; i >= 0; i--) {
            String version = versions.get(i);
            SchemaQueries.rollbackNewest(engine);
            String expectedVersion = i == 0 ? null : versions.get(i - 1);
            assertEquals(expectedVersion, engine.current().currentVersion(), "after rolling back V" + version);
            SchemaSnapshot afterDown = SchemaQueries.snapshot(database);
            if (!afterDown.equals(beforeUp.get(version))) {
                failures.add("V" + version + "'s down did not restore the schema its up found:\n"
                        + SchemaDiff.facts(beforeUp.get(version), afterDown));
            }
        }
        assertNull(engine.current().currentVersion(), "rolled back to base");

        engine.migrate(new MigrateTarget.Head());
        assertEquals(versions.get(versions.size() - 1), engine.current().currentVersion());
        SchemaSnapshot secondHead = SchemaQueries.snapshot(database);
        if (!secondHead.equals(firstHead)) {
            failures.add("head after up/down/up differs from the first head:\n"
                    + SchemaDiff.facts(firstHead, secondHead));
        }
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
    }
}
