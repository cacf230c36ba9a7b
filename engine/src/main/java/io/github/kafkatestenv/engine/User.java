package io.github.kafkatestenv.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A client identity of a secured cluster: a SASL login (PLAIN and both SCRAM mechanisms accept it) and, with
 * mutual TLS, a client certificate whose subject is {@code CN=<name>}. Either way the broker sees the principal
 * {@code User:<name>}, the one that {@link Grant}s and super users name.
 *
 * @param name     letters, digits, {@code .}, {@code _} and {@code -}
 * @param password the SASL password; may be empty for a certificate-only user of mutual TLS
 */
public record User(String name, String password) {

    /** The name of the engine's own user on the brokers' internal listener; not available to declare. */
    public static final String RESERVED_NAME = "kafka-testenv";

    private static final Pattern LEGAL_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public User {
        if (name == null || !LEGAL_NAME.matcher(name).matches()) {
            // A typo (a space or '=' for the ':') may have put the password into the name: never show it whole.
            String shown = name == null ? "" : name.split("[\\s=:]", 2)[0];
            throw new InvalidSettingException("Invalid user name '" + shown + (shown.equals(name) ? "" : "...")
                    + "': use 1 to 64 letters, digits, '.', '_' or '-', and name:password for a user with a password",
                    Setting.USERS);
        }
        if (name.equals(RESERVED_NAME)) {
            throw new InvalidSettingException("User name '" + name + "' is the engine's own: choose another name",
                    Setting.USERS);
        }
        password = password == null ? "" : password;
        if (password.indexOf('"') >= 0 || password.indexOf('\\') >= 0 || password.chars().anyMatch(c -> c < ' ')) {
            throw new InvalidSettingException("The password of user '" + name
                    + "' has a double quote, a backslash or a control character: Kafka's JAAS configuration"
                    + " cannot carry them; choose another password", Setting.USERS);
        }
    }

    /**
     * Parses {@code name:password}, for example {@code alice:alice-secret}; {@code name} alone is a user without a
     * password (mutual TLS).
     */
    public static User parse(String spec) {
        String text = spec == null ? "" : spec.trim();
        int colon = text.indexOf(':');
        if (text.isEmpty() || colon == 0) {
            // The text may hold a password: say what is missing, not what was given.
            throw new InvalidSettingException("Invalid user: " + (text.isEmpty() ? "it is empty"
                    : "it has no name before the ':'") + "; use name:password, for example alice:alice-secret",
                    Setting.USERS);
        }
        return colon < 0 ? new User(text, "") : new User(text.substring(0, colon), text.substring(colon + 1));
    }

    /** Parses a comma-separated list of {@link #parse} forms; blanks are skipped. */
    public static List<User> parseList(String specs) {
        List<User> users = new ArrayList<>();
        if (specs != null) {
            for (String spec : specs.split(",")) {
                if (!spec.isBlank()) {
                    users.add(parse(spec));
                }
            }
        }
        return users;
    }

    /** The principal brokers see for this user, {@code User:<name>}. */
    public String principal() {
        return "User:" + name;
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "User[" + name + "]";
    }
}
