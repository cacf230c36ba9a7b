package io.github.kafkatestenv.junit.internal;

import io.github.kafkatestenv.engine.KafkaTestEnvException;
import io.github.kafkatestenv.engine.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Creates and deletes an existing cluster's topics with the test's own kafka-clients, and describes a topic that
 * another test JVM created on a served cluster.
 */
final class ExternalTopics {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String bootstrapServers;
    private final Admin admin;

    /** @param clientProperties {@code bootstrap.servers} and the security settings every client uses */
    ExternalTopics(String bootstrapServers, Map<String, String> clientProperties) {
        this.bootstrapServers = bootstrapServers;
        Properties config = new Properties();
        config.putAll(clientProperties);
        this.admin = Admin.create(config);
    }

    void create(String prefix, List<Topic> topics, Class<?> declaringClass) {
        List<NewTopic> newTopics = new ArrayList<>();
        for (Topic topic : topics) {
            Map<String, String> configs = new HashMap<>(topic.configs());
            newTopics.add(new NewTopic(prefix + topic.name(), topic.partitions(), (short) topic.replicationFactor())
                    .configs(configs));
        }
        try {
            admin.createTopics(newTopics).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw failed("create the topics " + names(newTopics) + " declared by " + declaringClass.getName(),
                        e.getCause());
            }
        } catch (TimeoutException e) {
            throw failed("create the topics " + names(newTopics) + " within " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed("create the topics " + names(newTopics) + " (interrupted)", e);
        }
    }

    /** Deletes every topic whose name starts with {@code prefix}, then closes the admin client. */
    void deleteAll(String prefix) {
        try (admin) {
            Set<String> ours = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).stream()
                    .filter(name -> name.startsWith(prefix)).collect(Collectors.toSet());
            if (!ours.isEmpty()) {
                admin.deleteTopics(ours).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException e) {
            throw failed("delete this run's topics (prefix " + prefix + ")", e.getCause());
        } catch (TimeoutException e) {
            throw failed("delete this run's topics (prefix " + prefix + ") within " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed("delete this run's topics (prefix " + prefix + ") (interrupted)", e);
        }
    }

    /**
     * The partitions and replication factor of an existing topic, as a {@link Topic} without configs.
     *
     * @param clientProperties what a client needs to connect to the cluster
     */
    static Topic describe(Map<String, String> clientProperties, String name) {
        Properties config = new Properties();
        config.putAll(clientProperties);
        // A consumer's partitionsFor: the same call in kafka-clients 2.8 and 4.x, where Admin's describe changed.
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(name, TIMEOUT);
            if (partitions == null || partitions.isEmpty()) {
                throw new KafkaTestEnvException("Topic '" + name + "' has no partitions at "
                        + clientProperties.get("bootstrap.servers"));
            }
            return new Topic(name, partitions.size(), partitions.get(0).replicas().length, Map.of());
        } catch (KafkaException e) {
            throw new KafkaTestEnvException("Could not describe topic '" + name + "' at "
                    + clientProperties.get("bootstrap.servers") + ": " + e, e);
        }
    }

    private KafkaTestEnvException failed(String what, Throwable cause) {
        return new KafkaTestEnvException("Could not " + what + " on the existing cluster " + bootstrapServers
                + ": " + cause, cause);
    }

    private static List<String> names(List<NewTopic> topics) {
        return topics.stream().map(NewTopic::name).collect(Collectors.toList());
    }
}
