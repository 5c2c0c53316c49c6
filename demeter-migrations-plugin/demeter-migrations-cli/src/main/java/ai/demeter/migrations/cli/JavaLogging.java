package ai.demeter.migrations.cli;

import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Routes {@code java.util.logging}, where jOOQ and pgjdbc log when there is no SLF4J (as in the migrations jar), to
 * the console: warnings as warnings, the rest as debug lines (shown with {@code --verbose}), so a run's output
 * is Demeter's lines alone. {@link #close()} puts the previous handlers back.
 */
final class JavaLogging implements AutoCloseable {
    private final Logger root;
    private final List<Handler> previousHandlers;
    private final Level previousLevel;
    private final Handler handler;

    private JavaLogging(Logger root, Handler handler) {
        this.root = root;
        this.previousHandlers = List.of(root.getHandlers());
        this.previousLevel = root.getLevel();
        this.handler = handler;
    }

    static JavaLogging routeTo(Console console) {
        Logger root = LogManager.getLogManager().getLogger("");
        JavaLogging routing = new JavaLogging(root, new ConsoleHandler(console));
        routing.previousHandlers.forEach(root::removeHandler);
        root.addHandler(routing.handler);
        root.setLevel(console.verbose() ? Level.INFO : Level.WARNING);
        return routing;
    }

    @Override
    public void close() {
        root.removeHandler(handler);
        previousHandlers.forEach(root::addHandler);
        root.setLevel(previousLevel);
    }

    private static final class ConsoleHandler extends Handler {
        private final Console console;

        ConsoleHandler(Console console) {
            this.console = console;
            setFormatter(new SimpleFormatter());
        }

        @Override
        public void publish(LogRecord record) {
            if (!isLoggable(record)) {
                return;
            }
            String message = record.getLoggerName() + ": " + getFormatter().formatMessage(record);
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                console.warn(message);
            } else {
                console.debug(message);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
