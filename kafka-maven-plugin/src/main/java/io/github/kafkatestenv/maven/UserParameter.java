package io.github.kafkatestenv.maven;

import io.github.kafkatestenv.engine.InvalidSettingException;
import io.github.kafkatestenv.engine.User;

/**
 * One {@code <user>} of the {@code users} parameter: {@code <name>} and {@code <password>} elements, or the short form
 * {@code <user>alice:alice-secret</user>} (also what each entry of {@code -Dkafka.testenv.users} becomes). Maven
 * fills it in;
 * the goal turns it into a {@link User}, so that a wrong user fails the goal with the engine's message.
 */
public final class UserParameter {

    /** The user name. */
    private String name;

    /** The SASL password; empty for a certificate-only user of mutual TLS. */
    private String password;

    /** The short form, when given as the element's text. */
    private String shortForm;

    /** For Maven. */
    public UserParameter() {
    }

    /** Takes the short form {@code name:password}; Maven calls this for an element given as text. */
    public void set(String shortForm) {
        this.shortForm = shortForm;
    }

    /**
     * The user this element declares.
     *
     * @throws InvalidSettingException from {@link User}, naming the wrong value and the expected form
     */
    User toUser() {
        return shortForm != null ? User.parse(shortForm) : new User(name == null ? null : name.trim(), password);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        if (shortForm != null) {
            int colon = shortForm.indexOf(':');
            return colon < 0 ? shortForm : shortForm.substring(0, colon);
        }
        return String.valueOf(name);
    }
}
