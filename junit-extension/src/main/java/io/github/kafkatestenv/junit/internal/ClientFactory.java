package io.github.kafkatestenv.junit.internal;

import io.github.kafkatestenv.junit.KafkaClient;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;
import org.apache.kafka.common.serialization.ByteBufferSerializer;
import org.apache.kafka.common.serialization.BytesDeserializer;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.DoubleDeserializer;
import org.apache.kafka.common.serialization.DoubleSerializer;
import org.apache.kafka.common.serialization.FloatDeserializer;
import org.apache.kafka.common.serialization.FloatSerializer;
import org.apache.kafka.common.serialization.IntegerDeserializer;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.ShortDeserializer;
import org.apache.kafka.common.serialization.ShortSerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.UUIDDeserializer;
import org.apache.kafka.common.serialization.UUIDSerializer;
import org.apache.kafka.common.serialization.VoidDeserializer;
import org.apache.kafka.common.serialization.VoidSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/**
 * Makes the clients tests ask for, with the test's own kafka-clients, using only API that 2.8 and 4.x share. Loaded
 * only after {@link KafkaClients#require} said kafka-clients is there.
 *
 * <p>A client's properties, each layer over the one before: our defaults for its kind ({@code acks=all}, a fresh
 * group, ...); the environment's connection ({@code bootstrap.servers} and, on a secured listener, the user's login
 * and TLS stores, or on an existing cluster the user's {@code kafka.testenv.client.*} settings); the
 * {@code @KafkaClient} properties.
 */
final class ClientFactory {

    /** How long closing an injected client may take. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private static final Map<Class<?>, Supplier<Serializer<?>>> SERIALIZERS = new HashMap<>();
    private static final Map<Class<?>, Supplier<Deserializer<?>>> DESERIALIZERS = new HashMap<>();

    static {
        builtIn(String.class, StringSerializer::new, StringDeserializer::new);
        builtIn(byte[].class, ByteArraySerializer::new, ByteArrayDeserializer::new);
        builtIn(Integer.class, IntegerSerializer::new, IntegerDeserializer::new);
        builtIn(Long.class, LongSerializer::new, LongDeserializer::new);
        builtIn(Short.class, ShortSerializer::new, ShortDeserializer::new);
        builtIn(Float.class, FloatSerializer::new, FloatDeserializer::new);
        builtIn(Double.class, DoubleSerializer::new, DoubleDeserializer::new);
        builtIn(UUID.class, UUIDSerializer::new, UUIDDeserializer::new);
        builtIn(ByteBuffer.class, ByteBufferSerializer::new, ByteBufferDeserializer::new);
        builtIn(Bytes.class, BytesSerializer::new, BytesDeserializer::new);
        builtIn(Void.class, VoidSerializer::new, VoidDeserializer::new);
    }

    private static void builtIn(Class<?> type, Supplier<Serializer<?>> serializer,
                                Supplier<Deserializer<?>> deserializer) {
        SERIALIZERS.put(type, serializer);
        DESERIALIZERS.put(type, deserializer);
    }

    private ClientFactory() {
    }

    /**
     * A new client for {@code injection}, connected as {@code user} (empty: the default user), with a closer that
     * closes it within a bounded time.
     */
    static InjectedClient create(Injection injection, KafkaEnvironment environment, Optional<String> user) {
        KafkaClient settings = injection.settings();
        Map<String, Object> config = new HashMap<>();
        Map<String, String> connection = environment.clientProperties(user);
        switch (injection.kind()) {
            case ADMIN: {
                rejectTopic(injection, settings);
                config.putAll(connection);
                putProperties(config, settings, injection);
                Admin admin = injection.rawType() == Admin.class ? Admin.create(properties(config))
                        : AdminClient.create(properties(config));
                return new InjectedClient(admin, () -> admin.close(CLOSE_TIMEOUT));
            }
            case PRODUCER: {
                rejectTopic(injection, settings);
                config.put(ProducerConfig.ACKS_CONFIG, "all");
                config.putAll(connection);
                putProperties(config, settings, injection);
                Type[] types = typeArguments(injection);
                Serializer<Object> key = serializer(injection, types[0], settings == null ? Void.class
                        : settings.keySerde(), "key", config, true);
                Serializer<Object> value = serializer(injection, types[1], settings == null ? Void.class
                        : settings.valueSerde(), "value", config, false);
                KafkaProducer<Object, Object> producer = new KafkaProducer<>(properties(config), key, value);
                return new InjectedClient(producer, () -> producer.close(CLOSE_TIMEOUT));
            }
            case CONSUMER: {
                config.put(ConsumerConfig.GROUP_ID_CONFIG, settings != null && !settings.groupId().isEmpty()
                        ? settings.groupId() : "kafka-testenv-" + UUID.randomUUID());
                config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
                // An idle fetch waits fetch.max.wait.ms (500) at the broker, and close() waits for it: 100 ms makes
                // closing a consumer after each test ~0.4 s faster, at the cost of more fetches while idle.
                config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
                config.putAll(connection);
                if (settings != null && !settings.groupId().isEmpty()) {
                    config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId()); // the annotation over the connection
                }
                putProperties(config, settings, injection);
                Type[] types = typeArguments(injection);
                Deserializer<Object> key = deserializer(injection, types[0], settings == null ? Void.class
                        : settings.keySerde(), "key", config, true);
                Deserializer<Object> value = deserializer(injection, types[1], settings == null ? Void.class
                        : settings.valueSerde(), "value", config, false);
                KafkaConsumer<Object, Object> consumer = new KafkaConsumer<>(properties(config), key, value);
                if (settings != null && !settings.topic().isEmpty()) {
                    try {
                        consumer.subscribe(List.of(environment.topicName(settings.topic())));
                    } catch (RuntimeException e) {
                        consumer.close(CLOSE_TIMEOUT);
                        throw e;
                    }
                }
                return new InjectedClient(consumer, () -> consumer.close(CLOSE_TIMEOUT));
            }
            default:
                throw new IllegalStateException("Not a client: " + injection.kind());
        }
    }

    private static void rejectTopic(Injection injection, KafkaClient settings) {
        if (settings != null && !settings.topic().isEmpty()) {
            throw new ParameterResolutionException("@KafkaClient(topic = \"" + settings.topic() + "\") on "
                    + injection.target() + ": only consumers subscribe to a topic; for a "
                    + injection.rawType().getSimpleName() + " use @TopicName(\"" + settings.topic()
                    + "\") String for the name");
        }
    }

    private static void putProperties(Map<String, Object> config, KafkaClient settings, Injection injection) {
        if (settings == null) {
            return;
        }
        try {
            config.putAll(Declaration.KeyValues.parse(settings.properties(), "@KafkaClient properties"));
        } catch (IllegalArgumentException e) {
            throw new ParameterResolutionException("Cannot inject " + injection.target() + ": " + e.getMessage(), e);
        }
    }

    private static Properties properties(Map<String, Object> config) {
        Properties properties = new Properties();
        properties.putAll(config);
        return properties;
    }

    /** The key and value types; {@code null}s for a raw type, which then needs serdes named. */
    private static Type[] typeArguments(Injection injection) {
        if (injection.genericType() instanceof ParameterizedType) {
            return ((ParameterizedType) injection.genericType()).getActualTypeArguments();
        }
        return new Type[] {null, null};
    }

    private static Serializer<Object> serializer(Injection injection, Type type, Class<?> serde, String part,
                                                 Map<String, Object> config, boolean isKey) {
        Serializer<Object> serializer = serdePart(injection, type, serde, part, Serializer.class, Serde::serializer,
                SERIALIZERS, "producer");
        serializer.configure(config, isKey);
        return serializer;
    }

    private static Deserializer<Object> deserializer(Injection injection, Type type, Class<?> serde, String part,
                                                     Map<String, Object> config, boolean isKey) {
        Deserializer<Object> deserializer = serdePart(injection, type, serde, part, Deserializer.class,
                Serde::deserializer, DESERIALIZERS, "consumer");
        deserializer.configure(config, isKey);
        return deserializer;
    }

    /**
     * The (de)serializer of {@code kind} for the key or value: made from the annotation's class (itself or the
     * matching half of a {@code Serde}), else the built-in one for {@code type}.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> T serdePart(Injection injection, Type type, Class<?> serde, String part, Class<?> kind,
                                   Function<Serde, Object> fromSerde, Map<Class<?>, ? extends Supplier<?>> builtIns,
                                   String client) {
        if (serde != Void.class) {
            Object instance = instantiate(injection, serde, part);
            if (kind.isInstance(instance)) {
                return (T) instance;
            }
            if (instance instanceof Serde) {
                return (T) fromSerde.apply((Serde) instance);
            }
            throw new ParameterResolutionException(part + "Serde = " + serde.getName() + " on " + injection.target()
                    + " is neither a " + kind.getSimpleName() + " nor a Serde: a " + client + " needs one of them");
        }
        Supplier<?> builtIn = type instanceof Class ? builtIns.get(type) : null;
        if (builtIn == null) {
            throw noSerde(injection, type, part, kind.getSimpleName());
        }
        return (T) builtIn.get();
    }

    private static Object instantiate(Injection injection, Class<?> type, String part) {
        try {
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ParameterResolutionException("Cannot create " + part + "Serde = " + type.getName() + " for "
                    + injection.target() + ": it needs a public no-argument constructor (" + e + ")", e);
        }
    }

    private static ParameterResolutionException noSerde(Injection injection, Type type, String part, String what) {
        String shown = type == null ? "(none: raw type)" : type.getTypeName();
        return new ParameterResolutionException("Cannot inject " + injection.typeName() + " into "
                + injection.target() + ": no " + what + " for the " + part + " type " + shown + ". Built in: String, "
                + "byte[], Integer, Long, Short, Float, Double, UUID, ByteBuffer, Bytes, Void; for any other type "
                + "name one with @KafkaClient(" + part + "Serde = My" + what + ".class)"
                + (type == null ? ", or declare the types, e.g. " + injection.rawType().getSimpleName()
                + "<String, String>" : ""));
    }
}
