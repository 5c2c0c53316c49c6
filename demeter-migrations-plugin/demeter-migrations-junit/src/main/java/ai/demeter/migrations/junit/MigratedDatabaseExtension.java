package ai.demeter.migrations.junit;

import ai.demeter.migrations.database.Connections;
import ai.demeter.migrations.database.DatabaseTarget;
import ai.demeter.migrations.engine.MigrationEngine;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit side of {@link MigratedDatabase}, which registers it: a database per test class (per annotated test
 * method), made before the class's first {@code @BeforeAll} method and dropped after its last {@code @AfterAll};
 * its parameters; connections closed when the scope they were injected into ends.
 * <p>
 * The cluster, the templates and the copies are the library's {@link ai.demeter.migrations.database.TemplateCluster};
 * this class only decides which test gets which database, and when it goes.
 */
public final class MigratedDatabaseExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    private static final Namespace NAMESPACE = Namespace.create(MigratedDatabaseExtension.class);
    private static final List<Class<?>> PARAMETER_TYPES = List.of(DataSource.class, DSLContext.class,
            Connection.class, DatabaseTarget.class, MigrationEngine.class);

    /**
     * Made here rather than on first use so that a template that cannot be built fails the class, not each test.
     * Nothing to do when only some methods carry the annotation.
     */
    @Override
    public void beforeAll(ExtensionContext context) {
        if (settings(context).isPresent()) {
            database(context);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (annotatedMethod(context).isPresent()) {
            database(context);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return PARAMETER_TYPES.contains(parameter.getParameter().getType()) && settings(owner(context)).isPresent();
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestDatabase database = database(owner(context));
        Class<?> type = parameter.getParameter().getType();
        if (type == DatabaseTarget.class) {
            return database.target();
        }
        if (type == DataSource.class) {
            return database.dataSource();
        }
        if (type == MigrationEngine.class) {
            return database.engine();
        }
        Connection connection = context.getStore(NAMESPACE).getOrComputeIfAbsent("connection " + context.getUniqueId(),
                key -> new ScopedConnection(Connections.open(database.target())), ScopedConnection.class).connection();
        return type == Connection.class ? connection : DSL.using(connection, SQLDialect.POSTGRES);
    }

    /**
     * The context whose database a context uses: itself when it runs a test method that carries the annotation,
     * otherwise its test class (each {@code @Nested} class is one).
     */
    private static ExtensionContext owner(ExtensionContext context) {
        if (annotatedMethod(context).isPresent()) {
            return context;
        }
        ExtensionContext owner = context;
        while (!(owner.getElement().orElse(null) instanceof Class<?>) && owner.getParent().isPresent()) {
            owner = owner.getParent().get();
        }
        return owner;
    }

    private static Optional<MigratedDatabase> annotatedMethod(ExtensionContext context) {
        return context.getTestMethod().flatMap(method -> AnnotationSupport.findAnnotation(method, MigratedDatabase.class));
    }

    /** The annotation that applies to an owner: the method's, or the class's, its superclasses' or enclosing classes'. */
    private static Optional<MigratedDatabase> settings(ExtensionContext owner) {
        Optional<MigratedDatabase> onMethod = annotatedMethod(owner);
        if (onMethod.isPresent() || owner.getTestClass().isEmpty()) {
            return onMethod;
        }
        return AnnotationSupport.findAnnotation(owner.getRequiredTestClass(), MigratedDatabase.class,
                owner.getEnclosingTestClasses());
    }

    private static TestDatabase database(ExtensionContext owner) {
        return owner.getStore(NAMESPACE).getOrComputeIfAbsent("database " + owner.getUniqueId(),
                key -> TestDatabase.create(DatabaseRequest.of(settings(owner).orElseThrow(), describe(owner)),
                        owner.getRequiredTestClass().getClassLoader(), describe(owner)),
                TestDatabase.class);
    }

    private static String describe(ExtensionContext owner) {
        Optional<Method> method = owner.getTestMethod();
        String type = owner.getRequiredTestClass().getName();
        return method.map(m -> type + "." + m.getName() + "()").orElse(type);
    }

    /** A connection for one scope (a class, a test), closed when the scope ends. */
    private record ScopedConnection(Connection connection) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }
}
