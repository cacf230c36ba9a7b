package io.github.kafkatestenv.engine;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A definition that cannot work: thrown by {@link ClusterDefinition.Builder#build()} and by the parsers of the compact
 * forms ({@link Topic#parse}, {@link User#parse}, {@link Grant#parse}, {@link Mode#parse}, ...), before anything
 * starts. {@link #settings()} names the settings at fault, so that each front end can say where in its own words (an
 * annotation attribute, a plugin parameter and its property); {@link #problem()} says what is wrong, the value and
 * what to do, in the names all front ends share. {@link #getMessage()} says it in the builder's words:
 * {@code brokers(...): A cluster has 1 to 9 brokers, not 0}.
 */
public class InvalidSettingException extends IllegalArgumentException {

    private final List<Setting> settings;
    private final String problem;

    /**
     * @param problem  what is wrong, the value, and what to do
     * @param setting  the setting at fault, or the first of those that contradict each other
     * @param settings the others that contradict it, if any
     */
    public InvalidSettingException(String problem, Setting setting, Setting... settings) {
        super(problem);
        this.problem = problem;
        this.settings = Stream.concat(Stream.of(setting), Arrays.stream(settings)).distinct().toList();
    }

    /** The settings at fault: one, or those that contradict each other, the first the one most likely to change. */
    public List<Setting> settings() {
        return settings;
    }

    /** What is wrong, the value and what to do, without saying where (the front end says that). */
    public String problem() {
        return problem;
    }

    /** {@link #problem()} after the builder methods of the {@link #settings()}. */
    @Override
    public String getMessage() {
        return settings.stream().map(Setting::builderMethod).collect(Collectors.joining(", ")) + ": " + problem;
    }
}
