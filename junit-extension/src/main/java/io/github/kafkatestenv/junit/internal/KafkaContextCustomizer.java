package io.github.kafkatestenv.junit.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
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
 * <p>Equal only for the same cluster (the same running environment, and so its address and settings), so Spring's
 * context cache keeps one context per cluster: a class on another cluster never gets a context built for this one.
 */
final class KafkaContextCustomizer implements ContextCustomizer {

    /** The name of the property source, as Spring's logs and {@code Environment} show it. */
    static final String PROPERTY_SOURCE = "kafka-testenv @EmbeddedKafka";

    /** The bean name of the {@code KafkaCluster}, for {@code @Autowired KafkaCluster}. */
    static final String CLUSTER_BEAN = "kafkaTestEnvCluster";

    private final KafkaEnvironment environment;
    private final Map<String, String> properties;

    KafkaContextCustomizer(KafkaEnvironment environment) {
        this.environment = environment;
        this.properties = SpringKafkaProperties.of(environment.bootstrapServers(),
                environment.clientProperties(Optional.empty()));
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE,
                new LinkedHashMap<>(properties)));
        context.addBeanFactoryPostProcessor(new FirstAndOnly(context.getEnvironment(), properties,
                mergedConfig.getTestClass()));
        environment.cluster().ifPresent(cluster -> context.getBeanFactory().registerSingleton(CLUSTER_BEAN, cluster));
        environment.dependents().add(context);
        context.addApplicationListener(new ForgetWhenClosed(environment.dependents(), context));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KafkaContextCustomizer that && that.environment == environment
                && that.properties.equals(properties);
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(environment) * 31 + properties.hashCode();
    }

    @Override
    public String toString() {
        return "KafkaContextCustomizer" + properties;
    }

    /**
     * Runs before any other post-processor (and so before conditions on properties are evaluated): puts the
     * cluster's properties first again, over anything added after them (other customizers'
     * {@code @DynamicPropertySource} values), and fails when the application's own configuration has a Kafka
     * address those properties do not cover.
     */
    private static final class FirstAndOnly implements BeanDefinitionRegistryPostProcessor {

        private final ConfigurableEnvironment environment;
        private final Map<String, String> properties;
        private final Class<?> testClass;

        FirstAndOnly(ConfigurableEnvironment environment, Map<String, String> properties, Class<?> testClass) {
            this.environment = environment;
            this.properties = properties;
            this.testClass = testClass;
        }

        @Override
        public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
            MutablePropertySources sources = environment.getPropertySources();
            PropertySource<?> ours = sources.remove(PROPERTY_SOURCE);
            if (ours != null) {
                sources.addFirst(ours);
            }
            List<String> problems = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (PropertySource<?> source : sources) {
                if (source == ours || !(source instanceof EnumerablePropertySource<?> enumerable)
                        || source.getName().equals(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME)
                        || source.getName().equals(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
                    continue; // the JVM's and the machine's are not the test's configuration
                }
                for (String name : enumerable.getPropertyNames()) {
                    String value;
                    try {
                        value = environment.getProperty(name);
                    } catch (RuntimeException unresolvable) {
                        continue;
                    }
                    SpringKafkaProperties.misdirection(name, value, properties).ifPresent(why -> {
                        problems.add("'" + name + "' (in " + source.getName() + ") " + why);
                        names.add(name);
                    });
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("@EmbeddedKafka on " + testClass.getName() + ": the application's "
                        + "configuration points Kafka clients away from the cluster at "
                        + properties.get("spring.kafka.bootstrap-servers") + ": " + String.join("; ", problems)
                        + ". Remove it from the test's configuration, or, for an address, set it to "
                        + "${spring.kafka.bootstrap-servers} for the test, for example @SpringBootTest(properties = \"" + names.get(0)
                        + "=${spring.kafka.bootstrap-servers}\")");
            }
        }

        @Override
        public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
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
