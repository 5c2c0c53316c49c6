/**
 * Writing migration source, as code generation: {@code DriftMigration} plans the differences between two catalog
 * snapshots into ordered steps ({@code DriftPlanner}, renames assumed by {@code AssumedRenames}), the statement
 * writers give each kind of object its jOOQ DSL or plain SQL lines ({@code TableStatements},
 * {@code ConstraintStatements}, {@code EnumStatements}, {@code ObjectStatements}, {@code RenameStatements},
 * {@code SpatialTypes}), and {@code JavaSource} writes the class, with the imports its lines recorded as they used
 * them; {@code MigrationStub} is the class {@code demeter:new} writes. Produces text only: writing files is the
 * engine's. Uses {@code internal} and {@code schema}, and may use {@code api}; {@code engine} and the Maven plugin use
 * it.
 */
package ai.demeter.migrations.authoring;
