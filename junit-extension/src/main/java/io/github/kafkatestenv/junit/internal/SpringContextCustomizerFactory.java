package io.github.kafkatestenv.junit.internal;

import java.util.List;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/**
 * Spring's way in, listed in {@code META-INF/spring.factories}: for a test class with {@code @EmbeddedKafka}, starts
 * or joins its cluster when Spring first prepares the class's test context, and customizes the application context
 * with it ({@link KafkaContextCustomizer}). Loaded by Spring only, so the extension itself never needs Spring.
 */
public final class SpringContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                     List<ContextConfigurationAttributes> configAttributes) {
        return SpringTestClasses.environment(testClass).map(KafkaContextCustomizer::new).orElse(null);
    }
}
