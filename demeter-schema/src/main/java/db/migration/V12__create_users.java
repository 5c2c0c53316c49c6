package db.migration;

import static org.jooq.impl.DSL.constraint;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;

import ai.demeter.migrations.api.AlembicRevision;
import ai.demeter.migrations.api.DemeterMigration;
import ai.demeter.schema.ddl.Comments;
import ai.demeter.schema.ddl.PgEnum;
import ai.demeter.schema.ddl.PgTypes;
import ai.demeter.schema.ddl.SeedRows;
import ai.demeter.schema.ddl.Timestamps;
import org.jooq.DSLContext;
import org.jooq.impl.SQLDataType;

/**
 * Alembic revision 6kp8m3q9n5rt: {@code users}, internal staff with a role, and the default administrator.
 * The administrator's bcrypt hash is the original's published one (password "admin123"): an installation must
 * change it before going to production.
 */
@AlembicRevision("6kp8m3q9n5rt")
public class V12__create_users extends DemeterMigration {
    static final PgEnum USER_ROLE = new PgEnum("user_role_enum", "admin", "supervisor", "worker", "viewer");

    private static final SeedRows ADMIN = SeedRows.into("users",
                    "email", "password_hash", "first_name", "last_name", "role", "active")
            .row("admin@demeter.ai", "$2b$12$LQv3c1yqBWVHxkd0LHAkCOYz6TtxMQJqhN8/LewY5LE2KBfZSTNx6",
                    "System", "Administrator", "admin", true);

    @Override
    protected void up(DSLContext db) {
        USER_ROLE.create(db);
        db.createTable(name("users"))
                .column(name("id"), PgTypes.SERIAL.nullable(false))
                .column(name("email"), SQLDataType.VARCHAR(255).nullable(false))
                .column(name("password_hash"), SQLDataType.VARCHAR(60).nullable(false))
                .column(name("first_name"), SQLDataType.VARCHAR(100).nullable(false))
                .column(name("last_name"), SQLDataType.VARCHAR(100).nullable(false))
                .column(name("role"), USER_ROLE.type().nullable(false).defaultValue(inline("worker")))
                .column(name("active"), SQLDataType.BOOLEAN.nullable(false).defaultValue(inline(true)))
                .column(name("last_login"), SQLDataType.TIMESTAMPWITHTIMEZONE)
                .columns(Timestamps.zoned())
                .constraints(
                        constraint(name("pk_users")).primaryKey(name("id")),
                        constraint(name("uq_users_email")).unique(name("email")))
                .execute();
        Comments.describe(db, "users", "Users - Authentication and role-based access control (internal staff)",
                "id", "Primary key (auto-increment)",
                "email", "Unique login identifier (normalized to lowercase)",
                "password_hash", "Bcrypt password hash ($2b$12$... format, 60 chars)",
                "first_name", "User first name",
                "last_name", "User last name",
                "role", "User role (admin > supervisor > worker > viewer)",
                "active", "Account status (soft delete pattern)",
                "last_login", "Last successful login timestamp",
                "created_at", "Account creation timestamp",
                "updated_at", "Last modification timestamp");
        db.createUniqueIndex(name("ix_users_email")).on(name("users"), name("email")).execute();
        db.createIndex(name("ix_users_role")).on(name("users"), name("role")).execute();
        db.createIndex(name("ix_users_active")).on(name("users"), name("active")).execute();
        ADMIN.insert(db);
    }

    @Override
    protected void down(DSLContext db) {
        ADMIN.delete(db, "email");
        db.dropTable(name("users")).execute();
        USER_ROLE.drop(db);
    }
}
