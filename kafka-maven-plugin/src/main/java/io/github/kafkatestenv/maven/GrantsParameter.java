package io.github.kafkatestenv.maven;

import io.github.kafkatestenv.engine.Grant;
import io.github.kafkatestenv.engine.InvalidSettingException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code grants} parameter: one {@code <grant>} element per grant in a pom, or a {@code ;}-separated list as the
 * element's text and in {@code -Dkafka.testenv.grants}. It is not a Maven list because Maven splits a list given as
 * text at
 * every comma, and a grant's operations are comma-separated ({@code alice topic:orders read,write}).
 */
public final class GrantsParameter {

    private final List<String> specs = new ArrayList<>();

    /** For Maven. */
    public GrantsParameter() {
    }

    /** Takes {@code ;}-separated grants; Maven calls this for the element given as text, and for {@code -D}. */
    public void set(String grants) {
        specs.add(grants);
    }

    /** Takes one {@code <grant>} element; Maven calls this for each. */
    public void addGrant(String grant) {
        specs.add(grant);
    }

    /**
     * The grants declared, in order.
     *
     * @throws InvalidSettingException from {@link Grant#parse}, naming the wrong grant and the expected form
     */
    List<Grant> toGrants() {
        List<Grant> grants = new ArrayList<>();
        for (String spec : specs) {
            grants.addAll(Grant.parseList(spec));
        }
        return grants;
    }

    @Override
    public String toString() {
        return String.join("; ", specs);
    }
}
