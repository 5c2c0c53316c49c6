package ai.demeter.migrations.authoring;

/** The phases a drift migration's steps run in on the way up; the down runs every step's inverse in reverse. */
enum Phase {
    /*
     * Every step from RENAMES on names objects as the renames leave them, and its inverse runs before the renames
     * are undone. The two phases before RENAMES name nothing a rename changes: a removed comment on a renamed
     * object is no rename (AssumedRenames), and views are dropped by their own names, and created again from
     * the old text only after the renames are undone.
     */
    REMOVE_COMMENTS, DROP_VIEWS, RENAMES, DROP_TRIGGERS, DROP_INDEXES, DROP_FOREIGN_KEYS, DROP_CONSTRAINTS,
    EXTENSIONS, ENUM_TYPES, SEQUENCES, FUNCTIONS, CREATE_TABLES, COLUMNS, NOT_NULL, CONSTRAINTS, FOREIGN_KEYS,
    INDEXES, TRIGGERS, VIEWS, DROP_COLUMNS, DROP_TABLES, DROP_FUNCTIONS, DROP_TYPES, DROP_EXTENSIONS, COMMENTS
}
