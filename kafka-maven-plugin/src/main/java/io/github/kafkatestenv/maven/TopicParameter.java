package io.github.kafkatestenv.maven;

import io.github.kafkatestenv.engine.InvalidSettingException;
import io.github.kafkatestenv.engine.Topic;
import java.util.List;
import java.util.Map;

/**
 * One {@code <topic>} of the {@code topics} parameter, in its short form ({@code <topic>orders:3:3</topic>}, also
 * what each entry of {@code -Dkafka.testenv.topics} becomes) or its long form with {@code <name>},
 * {@code <partitions>},
 * {@code <replicationFactor>} and {@code <configs>}. Maven fills it in; the goal turns it into {@link Topic}s, so
 * that a wrong topic fails the goal with a message rather than Maven's configuration error.
 */
public final class TopicParameter {

    /** The topic's name. */
    private String name;

    /** Partitions; default 1. */
    private Integer partitions;

    /** Replication factor; default 1, at most the number of brokers. */
    private Integer replicationFactor;

    /** Topic-level configs, for example {@code <cleanup.policy>compact</cleanup.policy>}. */
    private Map<String, String> configs;

    /** The short form, when given as the element's text. */
    private String shortForm;

    /** For Maven. */
    public TopicParameter() {
    }

    /**
     * Takes the short form {@code name[:partitions[:replicationFactor]]}; Maven calls this for an element given as
     * text. A comma-separated list is taken too.
     */
    public void set(String shortForm) {
        this.shortForm = shortForm;
    }

    /**
     * The topics this element declares: one, or for a comma-separated short form, each of them.
     *
     * @throws InvalidSettingException from {@link Topic}, naming the wrong value and the expected form
     */
    List<Topic> toTopics() {
        if (shortForm != null) {
            return Topic.parseList(shortForm);
        }
        return List.of(new Topic(name == null ? null : name.trim(), partitions == null ? 1 : partitions,
                replicationFactor == null ? 1 : replicationFactor, configs));
    }

    @Override
    public String toString() {
        return shortForm != null ? shortForm
                : name + ":" + partitions + ":" + replicationFactor + (configs == null ? "" : " " + configs);
    }
}
