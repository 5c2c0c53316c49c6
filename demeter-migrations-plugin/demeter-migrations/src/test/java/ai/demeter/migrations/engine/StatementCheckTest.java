package ai.demeter.migrations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatementCheckTest {

    private static List<String> inTransaction(String... statements) {
        return StatementCheck.problems(List.of(statements), true);
    }

    @Test
    void ownTransactionControlIsFoundInEitherKindOfMigration() {
        for (String control : List.of("commit", "COMMIT WORK", "rollback", "begin", "start transaction", "end",
                "abort", "prepare transaction 'x'", "commit prepared 'x'")) {
            assertEquals(1, inTransaction(control).size(), control);
            assertEquals(1, StatementCheck.problems(List.of(control), false).size(), control);
        }
        String problem = inTransaction("create table beds (bed_id int); commit").get(0);
        assertTrue(problem.startsWith("COMMIT controls the transaction itself"), problem);
        assertTrue(problem.contains("(in: create table beds (bed_id int); commit)"), problem);
    }

    @Test
    void savepointsLiteralsCommentsAndFunctionBodiesAreNotTransactionControl() {
        assertEquals(List.of(), inTransaction(
                "savepoint before_backfill",
                "rollback to savepoint before_backfill",
                "release savepoint before_backfill",
                "insert into notes (text) values ('commit; vacuum; begin')",
                "insert into notes (text) values (E'it''s \\' commit')",
                "-- commit\nselect 1 /* vacuum /* nested */ commit */",
                "do $$ begin perform 1; end $$",
                "create function f() returns int language plpgsql as $body$ begin return 1; end; $body$",
                "create function g() returns int language sql begin atomic select 1; end",
                "select \"commit\" from \";vacuum\""));
    }

    @Test
    void statementsThatNeedNoTransactionAreRefusedOnlyInATransactionalMigration() {
        List<String> outside = List.of(
                "create index concurrently idx_plots_code on plots (code)",
                "CREATE UNIQUE INDEX CONCURRENTLY idx_plots_code ON plots (code)",
                "drop index concurrently idx_plots_code",
                "reindex index concurrently idx_plots_code",
                "vacuum analyze plots",
                "alter system set work_mem = '64MB'",
                "create database reporting",
                "drop tablespace archive",
                "alter table readings detach partition readings_2024 concurrently");
        for (String statement : outside) {
            List<String> problems = inTransaction(statement);
            assertEquals(1, problems.size(), statement);
            assertTrue(problems.get(0).contains("cannot run inside a transaction block"), problems.get(0));
            assertEquals(List.of(), StatementCheck.problems(List.of(statement), false), statement);
        }
        assertEquals(List.of(), inTransaction("create index idx_plots_code on plots (code)",
                "alter table readings detach partition readings_2024", "reindex index idx_plots_code"));
        assertTrue(inTransaction("vacuum analyze plots").get(0).startsWith("VACUUM cannot run"));
    }

    @Test
    void identifiersOverSixtyThreeBytesAreNamedWithTheirLength() {
        String sixtyThree = "a".repeat(63);
        assertEquals(List.of(), inTransaction("create table " + sixtyThree + " (id int)"));

        String seventy = "idx_plots_plot_id_for_the_nightly_reconciliation_of_greenhouse_ledgers";
        List<String> unquoted = inTransaction("create index " + seventy + " on plots (plot_id)");
        assertEquals(1, unquoted.size(), unquoted.toString());
        assertTrue(unquoted.get(0).startsWith("the identifier " + seventy + " is 70 bytes long; PostgreSQL keeps only"
                + " the first 63"), unquoted.get(0));

        // 22 three-byte characters: 22 characters, 66 bytes.
        String greek = "\u1f00".repeat(22);
        List<String> quoted = inTransaction("alter table \"plots\" add \"" + greek + "\" int");
        assertEquals(1, quoted.size(), quoted.toString());
        assertTrue(quoted.get(0).contains(" is 66 bytes long"), quoted.get(0));

        assertEquals(List.of(), inTransaction("insert into notes values ('" + "x".repeat(200) + "')"),
                "a long literal is not an identifier");
        assertEquals(1, inTransaction("create index \"" + seventy + "\" on \"plots\" (\"plot_id\");"
                + " comment on index \"" + seventy + "\" is 'x'").size(), "one problem per identifier and statement");
    }
}
