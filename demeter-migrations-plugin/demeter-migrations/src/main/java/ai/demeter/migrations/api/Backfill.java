package ai.demeter.migrations.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * A data change to every row of a table that may be large and busy: which table, which columns get which values
 * (any expression over the row), which rows (a condition), and optionally its inverse for down. A migration runs it
 * with {@link DemeterMigration#backfill}; Demeter then walks the table in keyset batches over its primary key, each
 * batch a short transaction of its own, keeps its progress in {@code demeter_backfill_progress} so that a run killed
 * at any moment resumes from the last committed batch, sizes the batches to a target time, and gives way to
 * sessions waiting on its rows and to lagging replicas.
 *
 * <pre>{@code
 * static final Backfill IMAGE_TYPE = Backfill.table("s3_images")
 *         .set(DSL.field(DSL.name("image_type"), SQLDataType.VARCHAR), DSL.inline("original"))
 *         .where(DSL.field(DSL.name("image_type")).isNull())
 *         .inverse(Backfill.table("s3_images").set(DSL.field(DSL.name("image_type"), SQLDataType.VARCHAR), (String) null));
 * }</pre>
 *
 * <p>The range of keys is fixed when the backfill starts: rows inserted later are left to what covers new rows (a
 * column default, a trigger, or the application writing the value). See docs/online-migrations.md.
 *
 * <p>Instances are immutable; each method returns a changed copy.
 */
public final class Backfill {
    /** How the recording of a migration marks a backfill: the offline script and the checks before a run read it. */
    public static final String MARKER = "-- demeter:backfill ";

    /** Batches are sized so that one takes about this long: short enough that a waiting writer hardly notices. */
    public static final Duration DEFAULT_TARGET_BATCH_TIME = Duration.ofMillis(100);
    public static final int DEFAULT_INITIAL_BATCH_SIZE = 1_000;
    public static final int DEFAULT_MIN_BATCH_SIZE = 100;
    public static final int DEFAULT_MAX_BATCH_SIZE = 50_000;
    /** How long one batch waits for a row another session has locked before it gives way and retries. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofMillis(500);
    /** How many times in a row a batch is retried after a lock timeout or deadlock before the run stops, resumable. */
    public static final int DEFAULT_MAX_RETRIES = 20;
    /** A replica whose replay lags more than this makes the backfill wait between batches. */
    public static final Duration DEFAULT_MAX_REPLICA_LAG = Duration.ofSeconds(10);
    /**
     * After each batch, rest twice as long as it took: the backfill works a third of the time. On a 2-core server
     * under steady writes, full speed took a core and tripled the application's p99 write latency, working half the
     * time still left it at 2.5 times; a third kept it within 2 times in two runs (docs/performance.md).
     */
    public static final double DEFAULT_REST_RATIO = 2.0;

    private final Table<?> table;
    private final Map<Field<?>, Field<?>> values;
    private final Condition condition;
    private final List<String> key;
    private final Backfill inverse;
    private final Tuning tuning;

    /**
     * How the batches are paced. Start from {@link #DEFAULT} and change what differs with the {@code with...}
     * methods.
     *
     * @param targetBatchTime  the time one batch should take; the size is re-tuned after every batch towards it
     * @param initialBatchSize rows in the first batch
     * @param minBatchSize     the size never goes below this, however slow the batches are
     * @param maxBatchSize     nor above this, however fast
     * @param lockTimeout      how long a batch waits for a row lock before it is rolled back and retried
     * @param maxRetries       retries in a row before the run stops (it resumes on the next migrate)
     * @param maxReplicaLag    how far a streaming replica may lag behind the backfill's commits before it waits
     * @param maxRowsPerSecond a ceiling on the rows walked per second; 0 for none
     * @param restRatio        after each batch, rest this many times as long as the batch took: 2 (the default)
     *                         works a third of the time and leaves the server to the application the rest; 0 walks
     *                         at full speed (a maintenance window)
     */
    public record Tuning(Duration targetBatchTime, int initialBatchSize, int minBatchSize, int maxBatchSize,
            Duration lockTimeout, int maxRetries, Duration maxReplicaLag, int maxRowsPerSecond, double restRatio) {
        public static final Tuning DEFAULT = new Tuning(DEFAULT_TARGET_BATCH_TIME, DEFAULT_INITIAL_BATCH_SIZE,
                DEFAULT_MIN_BATCH_SIZE, DEFAULT_MAX_BATCH_SIZE, DEFAULT_LOCK_TIMEOUT, DEFAULT_MAX_RETRIES,
                DEFAULT_MAX_REPLICA_LAG, 0, DEFAULT_REST_RATIO);

        public Tuning {
            Objects.requireNonNull(targetBatchTime, "targetBatchTime");
            Objects.requireNonNull(lockTimeout, "lockTimeout");
            Objects.requireNonNull(maxReplicaLag, "maxReplicaLag");
            if (targetBatchTime.isNegative() || targetBatchTime.isZero()) {
                throw DemeterException.userMistake("A backfill's target batch time must be positive, not "
                        + targetBatchTime + ".");
            }
            if (minBatchSize < 1 || minBatchSize > maxBatchSize || initialBatchSize < minBatchSize
                    || initialBatchSize > maxBatchSize) {
                throw DemeterException.userMistake("A backfill's batch sizes must satisfy 1 <= min <= initial <= max;"
                        + " got min " + minBatchSize + ", initial " + initialBatchSize + ", max " + maxBatchSize + ".");
            }
            if (lockTimeout.isNegative() || lockTimeout.isZero() || maxRetries < 0 || maxRowsPerSecond < 0
                    || !(restRatio >= 0) || restRatio > 100) {
                throw DemeterException.userMistake("A backfill's lock timeout must be positive, its retries and rate"
                        + " limit not negative, and its rest ratio between 0 and 100 (got " + restRatio + ").");
            }
        }

        public Tuning withTargetBatchTime(Duration time) {
            return new Tuning(time, initialBatchSize, minBatchSize, maxBatchSize, lockTimeout, maxRetries,
                    maxReplicaLag, maxRowsPerSecond, restRatio);
        }

        public Tuning withBatchSizes(int initial, int min, int max) {
            return new Tuning(targetBatchTime, initial, min, max, lockTimeout, maxRetries, maxReplicaLag,
                    maxRowsPerSecond, restRatio);
        }

        public Tuning withLockTimeout(Duration timeout, int retries) {
            return new Tuning(targetBatchTime, initialBatchSize, minBatchSize, maxBatchSize, timeout, retries,
                    maxReplicaLag, maxRowsPerSecond, restRatio);
        }

        public Tuning withMaxReplicaLag(Duration lag) {
            return new Tuning(targetBatchTime, initialBatchSize, minBatchSize, maxBatchSize, lockTimeout, maxRetries,
                    lag, maxRowsPerSecond, restRatio);
        }

        public Tuning withMaxRowsPerSecond(int rows) {
            return new Tuning(targetBatchTime, initialBatchSize, minBatchSize, maxBatchSize, lockTimeout, maxRetries,
                    maxReplicaLag, rows, restRatio);
        }

        public Tuning withRestRatio(double ratio) {
            return new Tuning(targetBatchTime, initialBatchSize, minBatchSize, maxBatchSize, lockTimeout, maxRetries,
                    maxReplicaLag, maxRowsPerSecond, ratio);
        }
    }

    private Backfill(Table<?> table, Map<Field<?>, Field<?>> values, Condition condition, List<String> key,
            Backfill inverse, Tuning tuning) {
        this.table = table;
        this.values = values;
        this.condition = condition;
        this.key = key;
        this.inverse = inverse;
        this.tuning = tuning;
    }

    /** A backfill of the table called {@code name} in the migrations' schema. */
    public static Backfill table(String name) {
        return table(DSL.table(DSL.name(name)));
    }

    /**
     * A backfill of {@code table}, named without a schema: like every statement of a migration, it runs in the
     * migrations' schema (the connection's search path).
     */
    public static Backfill table(Table<?> table) {
        Objects.requireNonNull(table, "table");
        if (table.getQualifiedName().qualified()) {
            throw DemeterException.userMistake("Backfill.table(" + table.getQualifiedName() + "): name the table"
                    + " without its schema (" + table.getName() + "); a backfill, like every statement of a migration,"
                    + " runs in the migrations' schema.");
        }
        return new Backfill(table, Map.of(), null, List.of(), null, Tuning.DEFAULT);
    }

    /** Sets {@code column} to {@code value}, an expression that may use the row's other columns. */
    public <T> Backfill set(Field<T> column, Field<T> value) {
        Map<Field<?>, Field<?>> changed = new LinkedHashMap<>(values);
        changed.put(Objects.requireNonNull(column, "column"), value == null ? DSL.inline((T) null, column) : value);
        return new Backfill(table, Collections.unmodifiableMap(changed), condition, key, inverse, tuning);
    }

    /** Sets {@code column} to the constant {@code value} (null allowed). */
    public <T> Backfill set(Field<T> column, T value) {
        return set(column, DSL.inline(value, column));
    }

    /** Limits the backfill to rows matching {@code condition}, a condition on the table's own columns. */
    public Backfill where(Condition condition) {
        Objects.requireNonNull(condition, "condition");
        List<String> foreign = Dialect.columnsOfOtherTables(condition, tableName());
        if (!foreign.isEmpty()) {
            throw DemeterException.userMistake("The condition of the backfill of " + tableName() + " names "
                    + String.join(", ", foreign) + ", a column of another table: a backfill updates one table, and its"
                    + " condition is on that table's rows. To depend on another table, write a subquery, such as"
                    + " DSL.exists(DSL.selectOne().from(...).where(...)).");
        }
        return new Backfill(table, values, condition, key, inverse, tuning);
    }

    /**
     * Walks the table over these columns instead of its primary key; they must be covered by a unique index and be
     * NOT NULL. For a table without a primary key.
     */
    public Backfill keyedBy(String... columns) {
        if (columns.length == 0) {
            throw DemeterException.userMistake("keyedBy() needs at least one column.");
        }
        return new Backfill(table, values, condition, List.of(columns), inverse, tuning);
    }

    /** What undoes this backfill on the way down: another backfill of the same table. */
    public Backfill inverse(Backfill inverse) {
        Objects.requireNonNull(inverse, "inverse");
        if (!inverse.tableName().equals(tableName())) {
            throw DemeterException.userMistake("The inverse of the backfill of " + tableName() + " changes "
                    + inverse.tableName() + "; an inverse backfills the same table.");
        }
        return new Backfill(table, values, condition, key, inverse, tuning);
    }

    /** Paces the batches with {@code tuning} instead of {@link Tuning#DEFAULT}. */
    public Backfill tuning(Tuning tuning) {
        return new Backfill(table, values, condition, key, inverse == null ? null : inverse.tuning(tuning),
                Objects.requireNonNull(tuning, "tuning"));
    }

    /** Sizes batches to take about {@code time} each (default 100 ms). */
    public Backfill targetBatchTime(Duration time) {
        return tuning(tuning.withTargetBatchTime(time));
    }

    /** Walks at most {@code rows} rows a second, pausing between batches; 0 for no ceiling (the default). */
    public Backfill maxRowsPerSecond(int rows) {
        return tuning(tuning.withMaxRowsPerSecond(rows));
    }

    /**
     * Rests {@code ratio} times as long as each batch took before the next (default 2: it works a third of the
     * time); 0 for full speed, in a maintenance window.
     */
    public Backfill restRatio(double ratio) {
        return tuning(tuning.withRestRatio(ratio));
    }

    /** The inverse, for down. */
    public Optional<Backfill> inverse() {
        return Optional.ofNullable(inverse);
    }

    public Table<?> table() {
        return table;
    }

    /** The table's name without its schema, as messages and the progress table give it. */
    public String tableName() {
        return table.getName();
    }

    /** The columns set and their values, in the order they were given. */
    public Map<Field<?>, Field<?>> values() {
        return values;
    }

    public Optional<Condition> condition() {
        return Optional.ofNullable(condition);
    }

    /** The key columns given with {@link #keyedBy}; empty for the primary key. */
    public List<String> key() {
        return key;
    }

    public Tuning tuning() {
        return tuning;
    }

    /** {@code s3_images: "image_type" = 'original' where "image_type" is null}, as messages and the marker give it. */
    public String describe() {
        List<String> assignments = new ArrayList<>();
        values.forEach((column, value) -> assignments.add(Dialect.renderInlined(DSL.name(column.getName())) + " = "
                + Dialect.renderInlined(value)));
        return tableName() + ": " + String.join(", ", assignments)
                + (condition == null ? "" : " where " + Dialect.renderInlined(condition));
    }

    /**
     * The statement a recording of the migration gets in place of the batches: a comment naming the step, so that
     * the checksum covers what the backfill does and the offline script and the checks before a run see it.
     */
    String marker(int step) {
        return MARKER + "step " + step + " of " + describe() + (key.isEmpty() ? "" : " (keyed by "
                + String.join(", ", key) + ")") + "; keyset batches, each its own transaction";
    }

    /** Whether {@code statement}, as a migration recorded it, is a backfill's marker. */
    public static boolean isMarker(String statement) {
        return statement.startsWith(MARKER);
    }

    /**
     * Whether a migration that recorded {@code statements} (its up, or its down) is backfills only: then a run that
     * stops in it leaves nothing to clear by hand, and its progress is Demeter's to keep and forget.
     */
    public static boolean only(List<String> statements) {
        return !statements.isEmpty() && statements.stream().allMatch(Backfill::isMarker);
    }

    void requireValues() {
        if (values.isEmpty()) {
            throw DemeterException.userMistake("The backfill of " + tableName() + " sets no column: give it"
                    + " set(column, value).");
        }
    }
}
