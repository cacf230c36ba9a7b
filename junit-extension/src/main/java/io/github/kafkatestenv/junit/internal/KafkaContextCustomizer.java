package io.github.kafkatestenv.junit.internal;

import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.engine.SecurityProtocol;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Gives one Spring application context one cluster: its address and client settings as the first property source
 * ({@link SpringKafkaProperties}), the {@code KafkaCluster} as a bean when it is embedded, and a close before the
 * cluster's.
 *
 * <p>A plaintext cluster started early may still be starting: the context is then built meanwhile, up to the first
 * use of one of the cluster's properties or of the bean, which waits for the start (at the latest after the
 * configuration classes are read, when the application's configuration is checked against the cluster's address).
 *
 * <p>Equal only for the same cluster (the same running environment, and so its address and settings), so Spring's
 * context cache keeps one context per cluster: a class on another cluster never gets a context built for this one.
 */
final class KafkaContextCustomizer implements ContextCustomizer {

    /** The name of the property source, as Spring's logs and {@code Environment} show it. */
    static final String PROPERTY_SOURCE = "kafka-testenv @EmbeddedKafka";

    /** The bean name of the {@code KafkaCluster}, for {@code @Autowired KafkaCluster}. */
    static final String CLUSTER_BEAN = "kafkaTestEnvCluster";

    private final KafkaEnvironment environment;
    /** The names of the properties, known while the cluster starts; null: the properties' own. */
    private final Set<String> names;
    private volatile Map<String, String> properties;

    KafkaContextCustomizer(KafkaEnvironment environment) {
        this.environment = environment;
        // While a plaintext cluster starts, its properties' names are known, their values not yet: the context is
        // built up to where it resolves one of them. Any other listener's names depend on what the cluster made.
        boolean starting = environment instanceof EmbeddedEnvironment embedded && embedded.starting()
                && embedded.securityProtocol() == SecurityProtocol.PLAINTEXT;
        this.names = starting ? SpringKafkaProperties.plaintextNames() : null;
        if (!starting) {
            properties();
        }
    }

    /** The properties, once the cluster is there. */
    private Map<String, String> properties() {
        Map<String, String> known = properties;
        if (known == null) {
            known = SpringKafkaProperties.of(environment.bootstrapServers(),
                    environment.clientProperties(Optional.empty()));
            if (names != null && !names.equals(known.keySet())) {
                throw new IllegalStateException("kafka-testenv expected the Spring properties " + names
                        + " for a plaintext cluster, but it has " + known.keySet());
            }
            properties = known;
        }
        return known;
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        Set<String> sourceNames = names != null ? names : properties().keySet();
        context.getEnvironment().getPropertySources().addFirst(new ClusterProperties(sourceNames, this::properties));
        context.addBeanFactoryPostProcessor(new FirstAndOnly(context.getEnvironment(), this::properties,
                mergedConfig.getTestClass()));
        if (environment instanceof EmbeddedEnvironment && context instanceof GenericApplicationContext generic) {
            // made when first wanted, so that a starting cluster is waited for only then; never closed by Spring
            generic.registerBean(CLUSTER_BEAN, KafkaCluster.class, () -> environment.cluster().orElseThrow(),
                    definition -> definition.setDestroyMethodName(""));
        } else {
            environment.cluster().ifPresent(cluster -> context.getBeanFactory().registerSingleton(CLUSTER_BEAN,
                    cluster));
        }
        environment.dependents().add(context);
        context.addApplicationListener(new ForgetWhenClosed(environment.dependents(), context));
    }

    /** Equal for the same environment, whose properties are then the same. */
    @Override
    public boolean equals(Object other) {
        return other instanceof KafkaContextCustomizer that && that.environment == environment;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(environment);
    }

    @Override
    public String toString() {
        return "KafkaContextCustomizer" + (properties != null ? properties : names);
    }

    /** The cluster's properties under names known at once, each value resolved when first asked for. */
    private static final class ClusterProperties extends EnumerablePropertySource<Supplier<Map<String, String>>> {

        private final String[] names;
        private final Set<String> nameSet;

        ClusterProperties(Set<String> names, Supplier<Map<String, String>> properties) {
            super(PROPERTY_SOURCE, properties);
            this.names = names.toArray(new String[0]);
            this.nameSet = Set.copyOf(names);
        }

        @Override
        public String[] getPropertyNames() {
            return names.clone();
        }

        @Override
        public boolean containsProperty(String name) {
            return nameSet.contains(name);
        }

        @Override
        public Object getProperty(String name) {
            return nameSet.contains(name) ? getSource().get().get(name) : null;
        }
    }

    /**
     * Runs before any other post-processor (and so before conditions on properties are evaluated): puts the
     * cluster's properties first again, over anything added after them (other customizers'
     * {@code @DynamicPropertySource} values); and, once the configuration classes are read, fails when the
     * application's own configuration has a Kafka address those properties do not cover.
     */
    private static final class FirstAndOnly implements BeanDefinitionRegistryPostProcessor {

        private final ConfigurableEnvironment environment;
        private final Supplier<Map<String, String>> properties;
        private final Class<?> testClass;

        FirstAndOnly(ConfigurableEnvironment environment, Supplier<Map<String, String>> properties,
                     Class<?> testClass) {
            this.environment = environment;
            this.properties = properties;
            this.testClass = testClass;
        }

        /** Puts the cluster's properties first again, before any condition on properties is evaluated. */
        @Override
        public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
            MutablePropertySources sources = environment.getPropertySources();
            PropertySource<?> ours = sources.remove(PROPERTY_SOURCE);
            if (ours != null) {
                sources.addFirst(ours);
            }
        }

        /**
         * Fails when the application's own configuration has a Kafka address the cluster's properties do not cover:
         * after the configuration classes are read, before any bean is made (a starting cluster is waited for here).
         */
        @Override
        public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
            Map<String, String> ours = properties.get();
            List<String> problems = new ArrayList<>();
            List<String> names = new ArrayList<>();
            Set<String> seen = new HashSet<>(); // a name's value comes from the first source that has it
            for (PropertySource<?> source : environment.getPropertySources()) {
                if (source.getName().equals(PROPERTY_SOURCE) || !(source instanceof EnumerablePropertySource<?> enumerable)
                        || source.getName().equals(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME)
                        || source.getName().equals(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
                    continue; // the JVM's and the machine's are not the test's configuration
                }
                for (String name : enumerable.getPropertyNames()) {
                    if (!seen.add(name)) {
                        continue;
                    }
                    String value;
                    try {
                        value = environment.getProperty(name);
                    } catch (RuntimeException unresolvable) {
                        continue;
                    }
                    SpringKafkaProperties.misdirection(name, value, ours).ifPresent(why -> {
                        problems.add("'" + name + "' (in " + source.getName() + ") " + why);
                        names.add(name);
                    });
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("@EmbeddedKafka on " + testClass.getName() + ": the application's "
                        + "configuration points Kafka clients away from the cluster at "
                        + ours.get("spring.kafka.bootstrap-servers") + ": " + String.join("; ", problems)
                        + ". Remove it from the test's configuration, or, for an address, set it to "
                        + "${spring.kafka.bootstrap-servers} for the test, for example @SpringBootTest(properties = \"" + names.get(0)
                        + "=${spring.kafka.bootstrap-servers}\")");
            }
        }
    }

    /** Takes a context that closed on its own (Spring's cache, {@code @DirtiesContext}) off the cluster's list. */
    private static final class ForgetWhenClosed implements ApplicationListener<ContextClosedEvent> {

        private final Dependents dependents;
        private final ConfigurableApplicationContext context;

        ForgetWhenClosed(Dependents dependents, ConfigurableApplicationContext context) {
            this.dependents = dependents;
            this.context = context;
        }

        @Override
        public void onApplicationEvent(ContextClosedEvent event) {
            if (event.getApplicationContext() == context) {
                dependents.remove(context);
            }
        }
    }
}
