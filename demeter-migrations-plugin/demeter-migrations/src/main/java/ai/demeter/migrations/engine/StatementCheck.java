package ai.demeter.migrations.engine;

import ai.demeter.migrations.api.Backfill;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds, in the statements a migration records with no database, what PostgreSQL would refuse halfway through or
 * change without a word, so that the migration is refused before anything runs:
 * <ul>
 * <li>its own transaction control ({@code COMMIT}, {@code ROLLBACK}, {@code BEGIN}, ...): the engine owns each
 * migration's transaction, and a commit in the middle would make the part before it permanent even when the rest
 * fails, with no history row saying so;</li>
 * <li>statements that cannot run inside a transaction block ({@code CREATE INDEX CONCURRENTLY}, {@code VACUUM},
 * {@code ALTER SYSTEM}, ...) in a migration that runs in one;</li>
 * <li>identifiers longer than 63 bytes, which PostgreSQL truncates silently, so the object gets another name than
 * the one written (and a later migration that uses the full name fails, or two names collide).</li>
 * </ul>
 * It reads SQL tokens, skipping string literals, dollar-quoted bodies and comments, so a function body's own
 * {@code BEGIN ... END} or a literal mentioning {@code commit} is not mistaken for a statement.
 */
final class StatementCheck {
    /** PostgreSQL's NAMEDATALEN - 1: the longest identifier it keeps. */
    static final int MAX_IDENTIFIER_BYTES = 63;

    private static final Set<String> TRANSACTION_CONTROL = Set.of("commit", "rollback", "begin", "end", "abort");

    private StatementCheck() {
    }

    /**
     * What is wrong with {@code statements} for a migration that runs in a transaction or not; each problem is one
     * sentence naming the statement. Empty when nothing is.
     */
    /**
     * A backfill runs in batches that commit on their own, and a migration interrupted in the middle of one runs
     * again from its start on the next migrate: so it must run outside a transaction and hold nothing but backfills,
     * whose progress makes them safe to run again.
     */
    private static List<String> backfillProblems(List<String> statements, boolean transactional) {
        List<String> backfills = statements.stream().filter(Backfill::isMarker).toList();
        if (backfills.isEmpty()) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        if (transactional) {
            problems.add("a backfill runs in batches that are transactions of their own, so its migration cannot run"
                    + " in one: override transactional() to return false (in: " + abbreviate(backfills.get(0)) + ")");
        }
        List<String> others = statements.stream().filter(sql -> !Backfill.isMarker(sql)).toList();
        if (!others.isEmpty()) {
            problems.add("a migration with a backfill holds backfills only, because an interrupted one runs again from"
                    + " its start and only a backfill knows where it stopped: move " + abbreviate(others.get(0))
                    + (others.size() > 1 ? " and " + (others.size() - 1) + " more" : "") + " to a migration before it"
                    + " (the ADD COLUMN) or after it (the SET NOT NULL)");
        }
        return problems;
    }

    static List<String> problems(List<String> statements, boolean transactional) {
        Set<String> problems = new LinkedHashSet<>(backfillProblems(statements, transactional));
        for (String sql : statements) {
            List<Token> tokens = tokens(sql);
            for (Token token : tokens) {
                int bytes = token.text().getBytes(StandardCharsets.UTF_8).length;
                if (token.identifier() && bytes > MAX_IDENTIFIER_BYTES) {
                    problems.add("the identifier " + token.text() + " is " + bytes + " bytes long; PostgreSQL keeps"
                            + " only the first " + MAX_IDENTIFIER_BYTES + " and silently drops the rest. Use a"
                            + " shorter name (in: " + abbreviate(sql) + ")");
                }
            }
            for (List<String> words : statementWords(tokens)) {
                String control = transactionControl(words);
                if (control != null) {
                    problems.add(control + " controls the transaction itself: Demeter runs each migration in a"
                            + " transaction of its own and records it in the same one. Remove it (use"
                            + " transactional() = false for statements that need their own transaction)"
                            + " (in: " + abbreviate(sql) + ")");
                } else if (transactional) {
                    String outside = outsideTransactionOnly(words);
                    if (outside != null) {
                        problems.add(outside + " cannot run inside a transaction block. Put it in a migration of its"
                                + " own that overrides transactional() to return false (in: " + abbreviate(sql) + ")");
                    }
                }
            }
        }
        return List.copyOf(problems);
    }

    /** The statement's transaction-control command (upper case), or null when it is none. */
    private static String transactionControl(List<String> words) {
        String first = words.get(0);
        String second = words.size() > 1 ? words.get(1) : "";
        if (first.equals("savepoint") || first.equals("release") || (first.equals("rollback") && second.equals("to"))) {
            return null; // savepoints stay inside the migration's transaction
        }
        if ((first.equals("start") || first.equals("prepare")) && second.equals("transaction")
                || (first.equals("commit") || first.equals("rollback")) && second.equals("prepared")) {
            return (first + " " + second).toUpperCase(Locale.ROOT);
        }
        return TRANSACTION_CONTROL.contains(first) ? first.toUpperCase(Locale.ROOT) : null;
    }

    /** The command PostgreSQL refuses inside a transaction block (upper case), or null when it is none. */
    private static String outsideTransactionOnly(List<String> words) {
        String first = words.get(0);
        String second = words.size() > 1 ? words.get(1) : "";
        boolean concurrently = words.contains("concurrently");
        if (first.equals("create") && concurrently && (second.equals("index") || second.equals("unique"))) {
            return "CREATE INDEX CONCURRENTLY";
        }
        if (first.equals("drop") && second.equals("index") && concurrently) {
            return "DROP INDEX CONCURRENTLY";
        }
        if (first.equals("reindex") && (concurrently || words.contains("system") || words.contains("database"))) {
            return concurrently ? "REINDEX CONCURRENTLY" : "REINDEX " + (words.contains("system") ? "SYSTEM" : "DATABASE");
        }
        if (first.equals("alter") && second.equals("table") && concurrently && words.contains("detach")) {
            return "ALTER TABLE ... DETACH PARTITION ... CONCURRENTLY";
        }
        if (first.equals("vacuum")) {
            return "VACUUM";
        }
        if (first.equals("alter") && second.equals("system")) {
            return "ALTER SYSTEM";
        }
        if ((first.equals("create") || first.equals("drop"))
                && (second.equals("database") || second.equals("tablespace") || second.equals("subscription"))) {
            return (first + " " + second).toUpperCase(Locale.ROOT);
        }
        if (first.equals("discard") && second.equals("all")) {
            return "DISCARD ALL";
        }
        return null;
    }

    /**
     * The lower-case words of each statement in a recorded string (several when it holds {@code ;}-separated
     * statements). A SQL-standard function body ({@code BEGIN ATOMIC ... END}) is part of its statement.
     */
    private static List<List<String>> statementWords(List<Token> tokens) {
        List<List<String>> statements = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int atomicDepth = 0;
        for (Token token : tokens) {
            if (token.text().equals(";") && !token.identifier() && atomicDepth == 0) {
                if (!current.isEmpty()) {
                    statements.add(current);
                }
                current = new ArrayList<>();
                continue;
            }
            if (token.word()) {
                String word = token.text().toLowerCase(Locale.ROOT);
                if (word.equals("atomic") && !current.isEmpty() && current.get(current.size() - 1).equals("begin")) {
                    atomicDepth++;
                } else if (word.equals("end") && atomicDepth > 0) {
                    atomicDepth--;
                }
                current.add(word);
            }
        }
        if (!current.isEmpty()) {
            statements.add(current);
        }
        return statements;
    }

    /**
     * A SQL token: a word (keyword or unquoted identifier), a quoted identifier (unescaped), or one character of
     * punctuation. Literals and comments produce none.
     */
    record Token(String text, boolean word, boolean identifier) {
    }

    static List<Token> tokens(String sql) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = skipBlockComment(sql, i);
            } else if (c == '\'') {
                i = skipString(sql, i, false);
            } else if (c == '"') {
                StringBuilder name = new StringBuilder();
                int j = i + 1;
                while (j < n) {
                    if (sql.charAt(j) == '"') {
                        if (j + 1 < n && sql.charAt(j + 1) == '"') {
                            name.append('"');
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    name.append(sql.charAt(j++));
                }
                tokens.add(new Token(name.toString(), false, true));
                i = j + 1;
            } else if (c == '$' && dollarTag(sql, i) != null) {
                String tag = dollarTag(sql, i);
                int end = sql.indexOf(tag, i + tag.length());
                i = end < 0 ? n : end + tag.length();
            } else if (Character.isLetter(c) || c == '_') {
                int j = i + 1;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_'
                        || sql.charAt(j) == '$')) {
                    j++;
                }
                String word = sql.substring(i, j);
                if ((word.equals("E") || word.equals("e")) && j < n && sql.charAt(j) == '\'') {
                    i = skipString(sql, j, true);
                    continue;
                }
                tokens.add(new Token(word, true, true));
                i = j;
            } else if (Character.isDigit(c)) {
                int j = i + 1;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '.')) {
                    j++;
                }
                i = j;
            } else {
                tokens.add(new Token(String.valueOf(c), false, false));
                i++;
            }
        }
        return tokens;
    }

    private static int skipBlockComment(String sql, int start) {
        int depth = 0;
        int i = start;
        while (i < sql.length() - 1) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** Skips a '...' literal ('' inside it is a quote; with backslash escapes for E'...'), returning what follows. */
    private static int skipString(String sql, int quote, boolean backslashEscapes) {
        int i = quote + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == '\'') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** The {@code $tag$} opening a dollar-quoted string at {@code i}, or null (a positional parameter, say). */
    private static String dollarTag(String sql, int i) {
        int j = i + 1;
        while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
            j++;
        }
        if (j < sql.length() && sql.charAt(j) == '$' && (j == i + 1 || !Character.isDigit(sql.charAt(i + 1)))) {
            return sql.substring(i, j + 1);
        }
        return null;
    }

    private static String abbreviate(String sql) {
        String line = sql.strip().replaceAll("\\s+", " ");
        return line.length() <= 120 ? line : line.substring(0, 117) + "...";
    }
}
