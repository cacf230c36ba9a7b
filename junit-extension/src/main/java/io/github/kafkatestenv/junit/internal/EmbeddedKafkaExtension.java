package io.github.kafkatestenv.junit.internal;

import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.junit.EmbeddedKafka;
import io.github.kafkatestenv.junit.KafkaClient;
import io.github.kafkatestenv.junit.TopicName;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The extension behind {@link EmbeddedKafka}: provides each test class's cluster (shared, fresh or existing) and
 * injects parameters and fields.
 *
 * <p>Shared clusters live in the run's store ({@link Environments#runStore}: the launcher session's, or on JUnit
 * before 5.13 the root's) under their {@link io.github.kafkatestenv.engine.ClusterDefinition}, so JUnit closes them
 * when the run ends; {@code getOrComputeIfAbsent} makes concurrent classes wait for one start.
 * A fresh cluster lives in its class's store, an injected client in the store of the context it was made for.
 * Spring test contexts get the cluster through {@link SpringTestClasses}, which each class registers with as soon
 * as JUnit evaluates its conditions.
 */
@SuppressWarnings("deprecation") // getOrComputeIfAbsent and CloseableResource: what JUnit 5 before 5.13 has
public final class EmbeddedKafkaExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, TestInstancePostProcessor,
        ParameterResolver, ExecutionCondition {

    /** Where the sources of an existing cluster's address are named, for messages. */
    static final String BOOTSTRAP_SERVERS_SOURCES = "system property " + EmbeddedKafka.BOOTSTRAP_SERVERS_PROPERTY
            + " / environment variable " + EmbeddedKafka.BOOTSTRAP_SERVERS_ENV;

    static final Namespace NAMESPACE = Namespace.create(EmbeddedKafkaExtension.class);

    /** Starts (or joins) the class's cluster before its first test, and fills its static fields. */
    @Override
    public void beforeAll(ExtensionContext context) {
        SpringTestClasses.register(context);
        Declaration declaration = declaration(context);
        // A Spring class's context may be built while its cluster starts; any other class waits here, so that a
        // failed start fails the class.
        KafkaEnvironment environment = SpringTestClasses.usesSpring(context.getRequiredTestClass())
                ? Environments.pending(context, declaration) : Environments.of(context, declaration);
        if (declaration.compatibility() == Compatibility.SPRING_KAFKA_TEST) {
            context.getStore(NAMESPACE).put(SpringKafkaTestProperties.class,
                    SpringKafkaTestProperties.set(environment.bootstrapServers()));
        }
        injectFields(context, null, context.getRequiredTestClass());
    }

    /** Fails a Spring test whose application context was built without the cluster. */
    @Override
    public void beforeEach(ExtensionContext context) {
        SpringTestClasses.requireCustomized(context);
    }

    /**
     * Empties the static fields {@link #beforeAll} filled: their clients are closed with the class, and a static field
     * of a base class must be filled again, for the next subclass, from that subclass's cluster.
     */
    @Override
    public void afterAll(ExtensionContext context) throws IllegalAccessException {
        SpringTestClasses.unregister(context);
        InjectedStatics injected = context.getStore(NAMESPACE).remove(InjectedStatics.class, InjectedStatics.class);
        if (injected != null) {
            for (Field field : injected.fields()) {
                field.set(null, null);
            }
        }
    }

    /** The static fields one class's {@code beforeAll} filled. */
    private record InjectedStatics(List<Field> fields) {
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
        injectFields(context, testInstance, testInstance.getClass());
    }

    /** Instance fields and constructor parameters are made for the test method, and closed after it. */
    @Override
    public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
        return ExtensionContextScope.TEST_METHOD;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return injection(parameterContext.getParameter(), parameterContext.getDeclaringExecutable()).isPresent();
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Injection injection = injection(parameterContext.getParameter(), parameterContext.getDeclaringExecutable())
                .orElseThrow();
        return resolve(injection, extensionContext);
    }

    /**
     * On an existing cluster, skips what needs a {@link KafkaCluster} (it cannot stop or start its brokers) or logs in
     * as a declared user (its clients all connect with the {@code kafka.testenv.client.*} settings).
     */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isEmpty() && context.getTestClass().isPresent()) {
            SpringTestClasses.register(context); // the first callback for the class, before Spring's
        }
        Optional<String> external;
        try {
            external = Environments.existingCluster(context, declaration(context));
        } catch (RuntimeException e) {
            return ConditionEvaluationResult.enabled("a declaration that fails the class before its tests: " + e);
        }
        if (external.isEmpty()) {
            return ConditionEvaluationResult.enabled("an embedded cluster");
        }
        Class<?> testClass = context.getRequiredTestClass();
        Optional<EmbeddedOnly> needing = context.getTestMethod().isPresent()
                ? embeddedOnly(context.getRequiredTestMethod(), testClass)
                : embeddedOnly(testClass);
        return needing.map(need -> ConditionEvaluationResult.disabled(need.what() + ", which the existing cluster "
                        + external.get() + " (" + BOOTSTRAP_SERVERS_SOURCES + ") does not give" + need.why()))
                .orElseGet(() -> ConditionEvaluationResult.enabled("nothing only an embedded cluster gives"));
    }

    // --- the cluster ---------------------------------------------------------------------------------------------

    static Declaration declaration(ExtensionContext context) {
        return Declaration.find(context.getRequiredTestClass(), Compatibility.of(context))
                .orElseThrow(() -> new ExtensionConfigurationException(context.getRequiredTestClass().getName()
                        + " uses EmbeddedKafkaExtension without @EmbeddedKafka: annotate the class instead"));
    }

    // --- injection -----------------------------------------------------------------------------------------------

    private static Optional<Injection> injection(Parameter parameter, Executable executable) {
        return Injection.of(parameter.getType(), parameter.getParameterizedType(), parameter,
                describe(parameter, executable));
    }

    private static Object resolve(Injection injection, ExtensionContext context) {
        if (injection.kind() == Injection.Kind.UNSUPPORTED) {
            throw new ParameterResolutionException("@EmbeddedKafka cannot inject " + injection.typeName() + " into "
                    + injection.target() + " as annotated. It injects " + Injection.SUPPORTED
                    + "; @KafkaClient goes on Admin, producers and consumers only");
        }
        Declaration declaration = declaration(context);
        KafkaEnvironment environment = Environments.of(context, declaration);
        switch (injection.kind()) {
            case CLUSTER:
                return environment.cluster().orElseThrow(() -> new ParameterResolutionException("Cannot inject "
                        + "KafkaCluster into " + injection.target() + ": the tests run against an existing "
                        + "cluster (" + BOOTSTRAP_SERVERS_SOURCES + "), which cannot be stopped or restarted"));
            case BOOTSTRAP_SERVERS:
                return environment.bootstrapServers();
            case TOPIC_NAME:
                return environment.topicName(injection.element().getAnnotation(TopicName.class).value());
            default:
                KafkaClients.require("cannot inject " + injection.typeName() + " into " + injection.target());
                KafkaClient settings = injection.settings();
                Optional<String> user = declaration.clientUser(settings == null ? "" : settings.user(),
                        injection.target());
                InjectedClient client = ClientFactory.create(injection, environment, user);
                context.getStore(NAMESPACE).put(client, client);
                return client.client();
        }
    }

    /**
     * Fills the static ({@code instance == null}) or instance fields that ask for an injection and are still null.
     * Final fields are left alone, unless annotated by us, which is an error.
     */
    private static void injectFields(ExtensionContext context, Object instance, Class<?> type) {
        boolean statics = instance == null;
        List<Field> fields = ReflectionSupport.findFields(type,
                field -> Modifier.isStatic(field.getModifiers()) == statics, HierarchyTraversalMode.TOP_DOWN);
        for (Field field : fields) {
            Optional<Injection> injection = Injection.of(field.getType(), field.getGenericType(), field,
                    "field " + field.getDeclaringClass().getSimpleName() + "." + field.getName());
            if (injection.isEmpty()) {
                continue;
            }
            if (Modifier.isFinal(field.getModifiers())) {
                if (!injection.get().annotated()) {
                    continue; // a final field of a client type is the test's own, set in its constructor
                }
                throw new ExtensionConfigurationException("@EmbeddedKafka cannot inject "
                        + injection.get().target() + ": it is final; remove 'final', or remove the annotation");
            }
            try {
                field.setAccessible(true);
                if (field.get(instance) == null) {
                    field.set(instance, resolve(injection.get(), context));
                    if (statics) {
                        context.getStore(NAMESPACE).getOrComputeIfAbsent(InjectedStatics.class,
                                key -> new InjectedStatics(new ArrayList<>()), InjectedStatics.class).fields()
                                .add(field);
                    }
                }
            } catch (IllegalAccessException e) {
                throw new ExtensionConfigurationException("@EmbeddedKafka cannot inject "
                        + injection.get().target() + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Something a test needs that only an embedded cluster gives.
     *
     * @param what "parameter 0 of OrdersTest.stops(...) needs a KafkaCluster (...)"
     * @param why  the rest of the reason, after the name of the existing cluster; may be empty
     */
    private record EmbeddedOnly(String what, String why) {
    }

    /** The first parameter of {@code executable} that only an embedded cluster can fill. */
    private static Optional<EmbeddedOnly> embeddedOnly(Executable executable, Class<?> testClass) {
        return Stream.of(executable.getParameters())
                .map(p -> embeddedOnly(p.getType(), p, describe(p, executable), testClass))
                .flatMap(Optional::stream).findFirst();
    }

    /** The first field, constructor or lifecycle parameter of {@code type} that only an embedded cluster can fill. */
    private static Optional<EmbeddedOnly> embeddedOnly(Class<?> type) {
        Optional<EmbeddedOnly> field = ReflectionSupport.findFields(type, f -> true, HierarchyTraversalMode.TOP_DOWN)
                .stream().map(f -> embeddedOnly(f.getType(), f, "field " + f.getDeclaringClass().getSimpleName()
                        + "." + f.getName(), type)).flatMap(Optional::stream).findFirst();
        if (field.isPresent()) {
            return field;
        }
        for (var constructor : type.getDeclaredConstructors()) {
            Optional<EmbeddedOnly> parameter = embeddedOnly(constructor, type);
            if (parameter.isPresent()) {
                return parameter;
            }
        }
        List<Method> lifecycle = ReflectionSupport.findMethods(type,
                m -> Stream.of(BeforeAll.class, AfterAll.class, BeforeEach.class, AfterEach.class)
                        .anyMatch(a -> AnnotationSupport.isAnnotated(m, a)), HierarchyTraversalMode.TOP_DOWN);
        return lifecycle.stream().map(m -> embeddedOnly(m, type)).flatMap(Optional::stream).findFirst();
    }

    /**
     * What {@code element} needs that an existing cluster does not give: a {@link KafkaCluster}, or a client logged
     * in as a declared user. A user the class does not declare is left to fail when the client is made.
     */
    private static Optional<EmbeddedOnly> embeddedOnly(Class<?> type, AnnotatedElement element, String target,
                                                       Class<?> testClass) {
        if (type == KafkaCluster.class) {
            return Optional.of(new EmbeddedOnly(target + " needs a KafkaCluster (to stop or start brokers)", ""));
        }
        KafkaClient settings = element.getAnnotation(KafkaClient.class);
        if (settings != null && !settings.user().isEmpty() && Declaration.declaresUser(testClass, settings.user())) {
            return Optional.of(new EmbeddedOnly(target + " logs in as user '" + settings.user()
                    + "' (@KafkaClient(user = ...))", ": there every client connects with the "
                    + EmbeddedKafka.CLIENT_PROPERTY_PREFIX + "* system properties"));
        }
        return Optional.empty();
    }

    /** "parameter 'consumer' of OrderTest.reads(...)", or "parameter 2 of ..." when compiled without names. */
    private static String describe(Parameter parameter, Executable executable) {
        String name = parameter.isNamePresent() ? "'" + parameter.getName() + "'"
                : String.valueOf(List.of(executable.getParameters()).indexOf(parameter));
        return "parameter " + name + " of " + describe(executable);
    }

    private static String describe(Executable executable) {
        String name = executable instanceof Method ? executable.getName() : "<init>";
        return executable.getDeclaringClass().getSimpleName() + "." + name + "(...)";
    }
}
