package ai.demeter.migrations.database;

import java.util.regex.Pattern;

/** Removes passwords from anything Demeter prints: URLs, driver messages, process output. */
public final class Secrets {
    static final String MASK = "****";

    // password=... in a JDBC query string; user:password@ in a URL authority.
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;\\s]*");
    private static final Pattern USERINFO_PASSWORD = Pattern.compile("(://[^/:@\\s]*:)[^@/\\s]*@");

    private Secrets() {
    }

    /** The text with password parameters and URL user-info passwords masked, and every given secret masked. */
    public static String mask(String text, String... secrets) {
        if (text == null) {
            return null;
        }
        String masked = PASSWORD_PARAMETER.matcher(text).replaceAll("$1" + MASK);
        masked = USERINFO_PASSWORD.matcher(masked).replaceAll("$1" + MASK + "@");
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                masked = masked.replace(secret, MASK);
            }
        }
        return masked;
    }
}
