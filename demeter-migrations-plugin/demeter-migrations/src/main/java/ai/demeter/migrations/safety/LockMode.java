package ai.demeter.migrations.safety;

import java.util.Arrays;

/** PostgreSQL's table lock modes, weakest first, as {@code pg_locks.mode} names them. */
public enum LockMode {
    ACCESS_SHARE("AccessShareLock"),
    ROW_SHARE("RowShareLock"),
    ROW_EXCLUSIVE("RowExclusiveLock"),
    SHARE_UPDATE_EXCLUSIVE("ShareUpdateExclusiveLock"),
    SHARE("ShareLock"),
    SHARE_ROW_EXCLUSIVE("ShareRowExclusiveLock"),
    EXCLUSIVE("ExclusiveLock"),
    ACCESS_EXCLUSIVE("AccessExclusiveLock");

    private final String catalogName;

    LockMode(String catalogName) {
        this.catalogName = catalogName;
    }

    /** The mode {@code pg_locks} calls {@code name}. */
    public static LockMode fromCatalog(String name) {
        return Arrays.stream(values()).filter(mode -> mode.catalogName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Not a table lock mode: " + name));
    }

    /** Whether PostgreSQL takes this mode on tables; other lock names in {@code pg_locks} are not table locks. */
    public static boolean isTableMode(String name) {
        return Arrays.stream(values()).anyMatch(mode -> mode.catalogName.equals(name));
    }

    /** Whether other sessions' writes (INSERT, UPDATE, DELETE) wait while it is held: SHARE and stronger. */
    public boolean blocksWrites() {
        return compareTo(SHARE) >= 0;
    }

    /** Whether other sessions' reads wait while it is held. */
    public boolean blocksReads() {
        return this == ACCESS_EXCLUSIVE;
    }

    /** What it keeps others from doing, for messages. */
    public String blocks() {
        return blocksReads() ? "reads and writes wait" : blocksWrites() ? "writes wait" : "reads and writes go on";
    }

    public LockMode strongest(LockMode other) {
        return other == null || compareTo(other) >= 0 ? this : other;
    }

    /** As the documentation writes it: {@code ACCESS EXCLUSIVE}. */
    @Override
    public String toString() {
        return name().replace('_', ' ');
    }
}
