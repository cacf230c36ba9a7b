package io.github.kafkatestenv.junit;

import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.Mode;
import io.github.kafkatestenv.engine.Placement;
import io.github.kafkatestenv.engine.SaslMechanism;
import io.github.kafkatestenv.engine.SecurityProtocol;
import io.github.kafkatestenv.junit.internal.EmbeddedKafkaExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class a real Kafka cluster, started before its first test, with the declared topics, and injects
 * what the tests ask for: the {@link io.github.kafkatestenv.engine.KafkaCluster}, the {@link BootstrapServers},
 * a topic's {@link TopicName}, and kafka-clients' {@code Admin}, {@code Producer<K, V>} and
 * {@code Consumer<K, V>} (see {@link KafkaClient}), into test and lifecycle method parameters, constructor
 * parameters, and fields of those types (or with those annotations) that are still {@code null}.
 *
 * <pre>{@code
 * @EmbeddedKafka(topics = @Topic(name = "orders", partitions = 3))
 * class OrderEventsTest {
 *     @Test
 *     void publishesOrderCreated(Producer<String, String> producer,
 *                                @KafkaClient(topic = "orders") Consumer<String, String> consumer) throws Exception {
 *         Records.send(producer, new ProducerRecord<>("orders", "o-1", "created"), Duration.ofSeconds(10));
 *         assertEquals("created", Records.read(consumer, 1, Duration.ofSeconds(10)).get(0).value());
 *     }
 * }
 * }</pre>
 *
 * <p>It also works as a meta-annotation (put it on your own annotation and use that), is inherited by
 * subclasses, and applies to {@code @Nested} classes of the annotated class.
 *
 * <h2>Starting</h2>
 * The attributes make an engine {@link ClusterDefinition}; they have the names and types of its builder's settings and
 * of kafka-maven-plugin's parameters. One that cannot work fails the class with an
 * {@link org.junit.jupiter.api.extension.ExtensionConfigurationException} naming the class, the attributes at fault,
 * the value and what to do.
 * Brokers listen on free ports of 127.0.0.1, so parallel forks never clash.
 *
 * <h2>Security</h2>
 * By default the listener is {@code PLAINTEXT}. {@link #securityProtocol()} secures it: SASL logins of the declared
 * {@link #users()}, TLS with a certificate authority the cluster makes at start, or both; {@link #grants()} and
 * {@link #superUsers()} turn on an ACL authorizer. Injected clients come configured for the listener, logged in as
 * the first declared user or as {@link KafkaClient#user()}:
 *
 * <pre>{@code
 * @EmbeddedKafka(topics = @Topic(name = "orders"),
 *         securityProtocol = SecurityProtocol.SASL_PLAINTEXT, saslMechanism = SaslMechanism.SCRAM_SHA_512,
 *         users = {"alice:alice-secret", "bob:bob-secret"},
 *         grants = {"alice topic:orders read,write", "alice group:kafka-testenv-* read"})
 * class OrdersSecurityTest {
 *     @Test
 *     void bobMayNotWrite(@KafkaClient(user = "bob") Producer<String, String> producer) { ... }
 * }
 * }</pre>
 *
 * <h2>Scope</h2>
 * Test classes with equal declarations share one cluster for the whole test run (also under JUnit's parallel
 * execution): the first class starts it, the others reuse it. Use unique group ids and expect records of earlier
 * classes in shared topics. A class that breaks its cluster (stops brokers, changes configs) sets
 * {@link #freshCluster()}. Shared clusters start in the background as soon as the test plan is known
 * ({@value #START_EARLY_PROPERTY}); with {@value #REUSE_PROPERTY} clusters outlive the run for the next one; in a
 * build whose {@code kafka:start} serves a cluster ({@value #CLUSTERS_PROPERTY}), a class with that cluster's settings
 * runs on it, whatever its topics.
 *
 * <h2>Spring</h2>
 * A Spring test ({@code @SpringBootTest}, {@code @SpringJUnitConfig}, ...) with this annotation needs nothing else:
 * before Spring builds the application context, whatever the test instance lifecycle or the order of the
 * annotations, the cluster is started (or joined) and the context gets its address and client settings as
 * {@code spring.kafka.bootstrap-servers} (also for each of consumer, producer, admin and streams, over what the
 * application's own configuration says), {@code spring.kafka.security.protocol},
 * {@code spring.kafka.properties.*} (SASL login of the first user, truststore, keystore) and
 * {@code spring.embedded.kafka.brokers}. Spring caches one context per cluster, and closes it before the cluster
 * closes. Spring is optional: without it on the class path, none of this is loaded.
 *
 * <h2>Clean up</h2>
 * A shared cluster is closed when the test run ends, a fresh one after its class. Injected clients are closed
 * when their scope ends, also when the test failed: after the test method for method parameters, instance fields
 * and constructor parameters (JUnit 5.12 or newer; after the class on older JUnit), after the class for
 * {@code @BeforeAll}/{@code @AfterAll} parameters and static fields, which are emptied then.
 *
 * <h2>An existing cluster</h2>
 * When the system property (or JUnit configuration parameter) {@value #BOOTSTRAP_SERVERS_PROPERTY} or the
 * environment variable {@value #BOOTSTRAP_SERVERS_ENV} is set, no cluster is started: the tests run against that
 * cluster. The declared topics are created there under a prefix unique to the run
 * ({@code kafka-testenv-<id>-orders}), and every topic with that prefix is deleted when the run ends;
 * {@link TopicName} and {@link KafkaClient#topic()} give the prefixed names. Cluster-level attributes (mode,
 * brokers, version, broker properties, fresh cluster) are ignored there, and tests that take a
 * {@link io.github.kafkatestenv.engine.KafkaCluster} (to stop brokers) are skipped with the reason. Security
 * attributes are cluster-level too: injected clients connect with the settings of the client properties file that
 * {@value #CLIENT_PROPERTIES_FILE_PROPERTY} names (what {@code kafka:start} publishes under that name), and over them
 * the system properties that start with {@value #CLIENT_PROPERTY_PREFIX} (prefix removed, for example
 * {@code -Dkafka.testenv.client.security.protocol=SASL_SSL}); tests asking for a {@link KafkaClient#user()} are
 * skipped.
 *
 * @since 0.1.0
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(EmbeddedKafkaExtension.class)
public @interface EmbeddedKafka {

    /**
     * The system property (also read as a JUnit configuration parameter) that names an existing cluster: the one
     * {@code kafka:start} publishes, so that failsafe can pass it on as it is.
     */
    String BOOTSTRAP_SERVERS_PROPERTY = "kafka.testenv.bootstrap.servers";

    /** The environment variable that names an existing cluster when the property is not set. */
    String BOOTSTRAP_SERVERS_ENV = "KAFKA_TESTENV_BOOTSTRAP_SERVERS";

    /**
     * The system property (also read as a JUnit configuration parameter) with the addresses, comma separated, of the
     * clusters the build serves to its test JVMs: {@code kafka:start} sets it, and surefire and failsafe pass it on.
     * A class that does not ask for a {@link #freshCluster()} runs on the first of them whose settings equal its
     * declaration's (topics aside, which it creates there), and never stops it.
     */
    String CLUSTERS_PROPERTY = "kafka.testenv.clusters";

    /**
     * The JUnit configuration parameter (or system property) that keeps the extension's clusters, shared and fresh,
     * running after the test JVM ends, for the next run with an equal declaration: {@code kafka.testenv.reuse=true}.
     * That run gets one reset to what a fresh start shows (the declared topics, empty; no groups; the declared users
     * and grants), leased to it alone; a kept cluster stops by itself after 10 idle minutes (system property
     * {@code kafka.testenv.reuse.idle}, an ISO-8601 duration). Default {@code false}.
     */
    String REUSE_PROPERTY = io.github.kafkatestenv.engine.internal.ReusableClusters.REUSE_PROPERTY;

    /**
     * The JUnit configuration parameter (or system property) that turns off starting the shared clusters a test plan
     * declares in the background as soon as the plan is known, while the first classes set up:
     * {@code kafka.testenv.startEarly=false}. Default {@code true}.
     */
    String START_EARLY_PROPERTY = "kafka.testenv.startEarly";

    /**
     * The JUnit configuration parameter (or system property) that gives tests moved from spring-kafka-test its
     * defaults: {@code kafka.testenv.compatibility=spring-kafka-test}, for example in
     * {@code src/test/resources/junit-platform.properties}. Then topics that leave out partitions and replication
     * factor get 2 partitions and as many replicas as brokers, auto-created topics 2 partitions, every test class a
     * cluster of its own (as if {@link #freshCluster()} were set), and while a class runs the system properties
     * {@code spring.embedded.kafka.brokers} and {@code spring.kafka.bootstrap-servers} hold the brokers' address.
     */
    String COMPATIBILITY_PROPERTY = "kafka.testenv.compatibility";

    /**
     * The prefix of system properties that configure every client on an existing cluster, for example
     * {@code kafka.testenv.client.security.protocol=SASL_SSL} or {@code kafka.testenv.client.sasl.jaas.config=...};
     * ignored on an embedded cluster, whose clients get the cluster's own settings.
     */
    String CLIENT_PROPERTY_PREFIX = "kafka.testenv.client.";

    /**
     * The system property that names a client properties file for every client on an existing cluster, as
     * {@code kafka:start} publishes it (its first user's settings) and {@code kafka:produce} reads it; the
     * {@value #CLIENT_PROPERTY_PREFIX}{@code *} properties go over its settings.
     */
    String CLIENT_PROPERTIES_FILE_PROPERTY = "kafka.testenv.client.properties";

    /**
     * {@code Mode.ZOOKEEPER} or {@code Mode.KRAFT}, written {@code mode = Mode.KRAFT}. Default (left out): from the
     * version, ZooKeeper for 3.x and KRaft for 4.x, as in the engine.
     */
    Mode[] mode() default {};

    /**
     * Where the servers run, written {@code placement = Placement.PROCESSES}: {@code IN_JVM} (in the test's JVM, in a
     * class loader of their own; Kafka 3.9.x and 4.x) or {@code PROCESSES} (ZooKeeper and each broker in a JVM of its
     * own, started from the release's own main classes; any release from 3.0.0, and {@code killBroker} is a real
     * crash there). Default (left out): in the JVM for releases that can run there, else in processes.
     */
    Placement[] placement() default {};

    /**
     * The Java home (a JDK or JRE, 17 or newer) whose {@code bin/java} runs the server JVMs, with {@link #placement()}
     * {@code PROCESSES}. Default ({@code ""}): the Java that runs the tests.
     */
    String javaHome() default "";

    /** The number of brokers (KRaft: combined nodes), 1 to {@value ClusterDefinition#MAX_BROKERS}. Default 1. */
    int brokers() default 1;

    /** A Kafka release from 3.0.0 on for the brokers (3.9.x and 4.x run in the JVM, others in processes). Default {@value ClusterDefinition#DEFAULT_KAFKA_VERSION}. */
    String kafkaVersion() default ClusterDefinition.DEFAULT_KAFKA_VERSION;

    /** Topics that exist, with leaders, before the first test. Default none. */
    Topic[] topics() default {};

    /**
     * Broker properties as {@code "key=value"}, for every broker, over kafka-testenv's test-friendly defaults, for
     * example {@code "log.retention.ms=60000"}. Default none.
     */
    String[] brokerProperties() default {};

    /**
     * Whether this class gets a cluster of its own, started for it and closed after it, instead of the one shared
     * by classes with equal declarations. Default {@code false}. Use it for tests that stop brokers or otherwise
     * leave the cluster changed.
     */
    boolean freshCluster() default false;

    /**
     * How clients connect. Default {@code SecurityProtocol.PLAINTEXT}: no encryption, no login. SASL needs
     * {@link #users()}; TLS uses a certificate authority made at start, which injected clients trust.
     */
    SecurityProtocol securityProtocol() default SecurityProtocol.PLAINTEXT;

    /**
     * Users as {@code "name:password"}, for example {@code "alice:alice-secret"}: SASL logins (every mechanism) and,
     * with {@link #mutualTls()}, client certificates ({@code CN=name}; there a name alone will do). The first is the
     * one injected clients log in as unless {@link KafkaClient#user()} says otherwise. Default none.
     */
    String[] users() default {};

    /**
     * The SASL mechanism injected clients use, written {@code saslMechanism = SaslMechanism.SCRAM_SHA_512}; brokers
     * accept all three. Default (left out): {@code PLAIN}. Only with a SASL security protocol.
     */
    SaslMechanism[] saslMechanism() default {};

    /**
     * Whether the TLS listener requires a client certificate; each user gets one, and clients authenticate as
     * {@code User:<name>} with it. Default {@code false}. Only with {@code SSL} or {@code SASL_SSL}.
     */
    boolean mutualTls() default false;

    /**
     * Whether brokers run an ACL authorizer, which denies what no grant allows. Default {@code false}; implied by
     * {@link #superUsers()} and {@link #grants()}.
     */
    boolean authorizer() default false;

    /** Users ({@code "admin"} or {@code "User:admin"}) the authorizer allows everything. Default none. */
    String[] superUsers() default {};

    /**
     * ACLs as {@code "<user> <resource> <operations>"}, for example {@code "alice topic:orders read,write"} or
     * {@code "alice group:kafka-testenv-* read"} (a name ending in {@code *} is a prefix; injected consumers' own
     * groups start with {@code kafka-testenv-}). Resources: {@code topic:}, {@code group:},
     * {@code transactional_id:}, {@code cluster}. Default none.
     */
    String[] grants() default {};
}
