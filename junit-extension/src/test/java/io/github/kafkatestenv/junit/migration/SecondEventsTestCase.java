package io.github.kafkatestenv.junit.migration;

import org.junit.jupiter.api.Order;

/** The second class of {@link FirstEventsTestCase}: the same declaration, the same fixed topic, the same test. */
@Order(3)
class SecondEventsTestCase extends FirstEventsTestCase {
}
