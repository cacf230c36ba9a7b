package io.github.kafkatestenv.engine;

/**
 * A setting of a cluster definition, under the one name it has in every front end: the
 * {@link ClusterDefinition.Builder} method, the {@code @EmbeddedKafka} attribute and the kafka-maven-plugin parameter,
 * whose user property is {@code kafka.testenv.<key>}. An {@link InvalidSettingException} says which settings a bad
 * definition got wrong, so that each front end can name them in its own words.
 */
public enum Setting {

    /** {@link ClusterDefinition.Builder#mode}. */
    MODE("mode", "mode"),
    /** {@link ClusterDefinition.Builder#brokers}. */
    BROKERS("brokers", "brokers"),
    /** {@link ClusterDefinition.Builder#kafkaVersion}. */
    KAFKA_VERSION("kafkaVersion", "kafkaVersion"),
    /** {@link ClusterDefinition.Builder#topic}. */
    TOPICS("topics", "topic"),
    /** {@link ClusterDefinition.Builder#brokerProperty}. */
    BROKER_PROPERTIES("brokerProperties", "brokerProperty"),
    /** {@link ClusterDefinition.Builder#brokerPort}. */
    BROKER_PORT("brokerPort", "brokerPort"),
    /** {@link ClusterDefinition.Builder#zookeeperPort}. */
    ZOOKEEPER_PORT("zookeeperPort", "zookeeperPort"),
    /** {@link ClusterDefinition.Builder#workDirectory}. */
    WORK_DIRECTORY("workDirectory", "workDirectory"),
    /** {@link ClusterDefinition.Builder#keepDirectory}. */
    KEEP_DIRECTORY("keepDirectory", "keepDirectory"),
    /** {@link ClusterDefinition.Builder#startTimeout}. */
    START_TIMEOUT("startTimeout", "startTimeout"),
    /** {@link ClusterDefinition.Builder#runtimeClasspath}. */
    RUNTIME_CLASSPATH("runtimeClasspath", "runtimeClasspath"),
    /** {@link ClusterDefinition.Builder#securityProtocol}. */
    SECURITY_PROTOCOL("securityProtocol", "securityProtocol"),
    /** {@link ClusterDefinition.Builder#user}. */
    USERS("users", "user"),
    /** {@link ClusterDefinition.Builder#saslMechanism}. */
    SASL_MECHANISM("saslMechanism", "saslMechanism"),
    /** {@link ClusterDefinition.Builder#mutualTls}. */
    MUTUAL_TLS("mutualTls", "mutualTls"),
    /** {@link ClusterDefinition.Builder#authorizer}. */
    AUTHORIZER("authorizer", "authorizer"),
    /** {@link ClusterDefinition.Builder#superUser}. */
    SUPER_USERS("superUsers", "superUser"),
    /** {@link ClusterDefinition.Builder#grant}. */
    GRANTS("grants", "grant"),
    /** {@link ClusterDefinition.Builder#placement}. */
    PLACEMENT("placement", "placement"),
    /** {@link ClusterDefinition.Builder#javaHome}. */
    JAVA_HOME("javaHome", "javaHome");

    /** The prefix of every kafka-maven-plugin user property and every system property kafka-testenv reads. */
    public static final String PROPERTY_PREFIX = "kafka.testenv.";

    private final String key;
    private final String builderMethod;

    Setting(String key, String builderMethod) {
        this.key = key;
        this.builderMethod = builderMethod;
    }

    /** The name in every front end: {@code @EmbeddedKafka} attribute, plugin parameter, e.g. {@code kafkaVersion}. */
    public String key() {
        return key;
    }

    /** The plugin parameter's user property, e.g. {@code kafka.testenv.kafkaVersion}. */
    public String property() {
        return PROPERTY_PREFIX + key;
    }

    /**
     * The {@link ClusterDefinition.Builder} method that sets it, as messages write it: {@code brokers(...)}; the
     * singular for a list, {@code topic(...)}, since {@code topics(...)} only adds each in turn.
     */
    public String builderMethod() {
        return builderMethod + "(...)";
    }

    @Override
    public String toString() {
        return key;
    }
}
