package ai.demeter.bench;

/**
 * Whether a target of issue 9 was met in this run.
 *
 * @param target   the target in words
 * @param measured what was measured against it, with the figures
 * @param met      whether it was met; null when it could not be measured
 * @param note     when missed or not measured: why, and what would fix it
 */
record Verdict(String target, String measured, Boolean met, String note) {

    String status() {
        return met == null ? "not measured" : met ? "met" : "missed";
    }
}
