package io.github.kafkatestenv.junit;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/** Reads what the EngineTestKit recorded, without AssertJ. */
final class TestKit {

    private TestKit() {
    }

    /** The messages of the failed events, in order. */
    static List<String> failures(Events events) {
        return events.failed().stream().map(TestKit::message).collect(Collectors.toList());
    }

    /** The reasons of the skipped events, in order. */
    static List<String> skipReasons(Events events) {
        return events.skipped().stream().map(event -> event.getPayload(String.class).orElse(""))
                .collect(Collectors.toList());
    }

    private static String message(Event event) {
        return event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                .map(Throwable::getMessage).orElse("");
    }
}
