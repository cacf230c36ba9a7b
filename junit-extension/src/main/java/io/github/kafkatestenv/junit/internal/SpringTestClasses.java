package io.github.kafkatestenv.junit.internal;

import io.github.kafkatestenv.junit.EmbeddedKafka;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Where Spring's test framework meets the extension, in JDK and JUnit types only, so that nothing here needs Spring.
 *
 * <p>Spring asks {@link SpringContextCustomizerFactory} for the cluster of a test class when it first prepares the
 * class's test context: in the class's {@code beforeAll}, or, with {@code @TestInstance(PER_CLASS)}, when it makes
 * the test instance, both perhaps before the extension's own callbacks. It gets only the class. So the extension
 * registers each class's JUnit context here as soon as JUnit evaluates the class's conditions (before any of its
 * callbacks, whatever the order of extensions), and the factory starts or joins the cluster through it, in the same
 * stores that close it.
 */
final class SpringTestClasses {

    /** The name of Spring's JUnit Jupiter extension, compared as a name so that no Spring class is loaded. */
    static final String SPRING_EXTENSION = "org.springframework.test.context.junit.jupiter.SpringExtension";

    /** A test class's JUnit context, and whether Spring has asked for its cluster. */
    private static final class Registration {
        final ExtensionContext context;
        volatile boolean customized;

        Registration(ExtensionContext context) {
            this.context = context;
        }
    }

    private static final Map<Class<?>, Registration> CLASSES = new ConcurrentHashMap<>();

    private SpringTestClasses() {
    }

    /** Remembers the class context of a test class that runs, for Spring. */
    static void register(ExtensionContext classContext) {
        CLASSES.compute(classContext.getRequiredTestClass(), (type, known) ->
                known != null && known.context == classContext ? known : new Registration(classContext));
    }

    /** Forgets the class, after it ran. */
    static void unregister(ExtensionContext classContext) {
        CLASSES.computeIfPresent(classContext.getRequiredTestClass(),
                (type, known) -> known.context == classContext ? null : known);
    }

    /**
     * The cluster for the Spring test context of {@code testClass}, started or joined now, or empty when no
     * {@link EmbeddedKafka} applies to the class.
     *
     * @throws IllegalStateException naming the cause, when the class is not running under the extension
     */
    static Optional<KafkaEnvironment> environment(Class<?> testClass) {
        if (!Declaration.declared(testClass)) {
            return Optional.empty();
        }
        Registration registration = CLASSES.get(testClass);
        if (registration == null) {
            throw new IllegalStateException("@EmbeddedKafka on " + testClass.getName() + ": Spring prepared the "
                    + "test context of the class outside a JUnit Jupiter run of it (JUnit 4's SpringRunner, TestNG, "
                    + "Spring's AOT processing), or before JUnit evaluated the class's conditions (check "
                    + "junit.jupiter.conditions.deactivate), so there is no cluster to give it. @EmbeddedKafka "
                    + "needs JUnit Jupiter and its extension; the Spring context never falls back to another Kafka");
        }
        ExtensionContext context = registration.context;
        Declaration declaration = EmbeddedKafkaExtension.declaration(context);
        KafkaEnvironment environment = Environments.pending(context, declaration);
        if (!(environment instanceof EmbeddedEnvironment embedded && embedded.starting())) {
            environment.await(); // a start that failed fails here, as it does without early starts
        }
        registration.customized = true;
        return Optional.of(environment);
    }

    /**
     * Fails a Spring test whose context Spring built without asking for the cluster (it would connect to
     * {@code localhost:9092}, Spring Kafka's default), for example because the test replaced Spring's context
     * customizer factories.
     */
    static void requireCustomized(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        if (!usesSpring(testClass)) {
            return;
        }
        Registration registration = CLASSES.get(testClass);
        if (registration == null || !registration.customized) {
            throw new ExtensionConfigurationException("@EmbeddedKafka on " + testClass.getName() + ": Spring built "
                    + "the test's application context without kafka-testenv's ContextCustomizerFactory (listed in "
                    + "META-INF/spring.factories of kafka-testenv-junit-extension), so it does not know the "
                    + "cluster and would connect to localhost:9092. Keep Spring's default context customizer "
                    + "factories (no @ContextCustomizerFactories(mergeMode = REPLACE_DEFAULTS)), and do not "
                    + "repackage the extension without its META-INF/spring.factories");
        }
    }

    /** Whether Spring's extension runs the class (or an enclosing class, for {@code @Nested} ones). */
    static boolean usesSpring(Class<?> testClass) {
        for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
            boolean spring = AnnotationSupport.findRepeatableAnnotations(type, ExtendWith.class).stream()
                    .flatMap(extendWith -> java.util.Arrays.stream(extendWith.value()))
                    .anyMatch(extension -> extension.getName().equals(SPRING_EXTENSION));
            if (spring) {
                return true;
            }
        }
        return false;
    }
}
