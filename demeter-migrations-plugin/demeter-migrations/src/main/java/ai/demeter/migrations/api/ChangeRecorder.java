package ai.demeter.migrations.api;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jooq.DSLContext;

/**
 * Collects the steps of a {@code change()} migration while it runs against a recording connection: each
 * statement with its inverse (worked out by {@link Inverses} as it arrives, since an inverse may depend on what
 * came before), and each {@code reversible(up, down)} block where it occurred.
 */
final class ChangeRecorder {
    private final Inverses inverses = new Inverses();
    private final List<ChangeStep> steps = new ArrayList<>();

    void statement(RecordedStatement statement) {
        steps.add(inverses.of(statement));
    }

    void reversible(Consumer<DSLContext> down) {
        steps.add(new ChangeStep.Explicit(down));
    }

    void irreversible(String sql, String reason) {
        steps.add(new ChangeStep.Irreversible(sql, reason));
    }

    DerivedDown derivedDown(String migration) {
        return new DerivedDown(migration, steps);
    }
}
