package io.github.kafkatestenv.engine.internal;

import java.security.Provider;
import java.security.Security;
import java.util.Map;
import javax.security.auth.callback.CallbackHandler;
import javax.security.sasl.SaslClient;
import javax.security.sasl.SaslClientFactory;
import javax.security.sasl.SaslException;
import javax.security.sasl.SaslServer;
import javax.security.sasl.SaslServerFactory;

/**
 * Makes Kafka's SASL mechanisms work for several Kafka class loaders in one JVM.
 *
 * <p>Kafka registers its PLAIN and SCRAM implementations as JVM-wide security providers, once per name: the first
 * class loader to register wins, and every other Kafka in the JVM (another cluster's runtime, the test's own
 * kafka-clients) would then run that loader's SASL code against its own callback classes, which fails
 * ("credentials for user could not be verified"), and would keep that loader alive after its cluster closed.
 * This provider, ahead of Kafka's, creates each SASL server and client with the Kafka classes of the loader of
 * the callback handler it is given, that is of the Kafka that asks. And a runtime's own providers are removed
 * when it closes.
 */
final class SaslFactories extends Provider {

    private static final String NAME = "kafka-testenv SASL";
    private static final Map<String, String> SERVER_FACTORIES = Map.of(
            "PLAIN", "org.apache.kafka.common.security.plain.internals.PlainSaslServer$PlainSaslServerFactory",
            "SCRAM-SHA-256", "org.apache.kafka.common.security.scram.internals.ScramSaslServer$ScramSaslServerFactory",
            "SCRAM-SHA-512", "org.apache.kafka.common.security.scram.internals.ScramSaslServer$ScramSaslServerFactory");
    private static final Map<String, String> CLIENT_FACTORIES = Map.of(
            "SCRAM-SHA-256", "org.apache.kafka.common.security.scram.internals.ScramSaslClient$ScramSaslClientFactory",
            "SCRAM-SHA-512", "org.apache.kafka.common.security.scram.internals.ScramSaslClient$ScramSaslClientFactory");

    private SaslFactories() {
        super(NAME, "1.0", "Kafka's SASL mechanisms, from the class loader of the Kafka that asks");
        SERVER_FACTORIES.keySet().forEach(mechanism ->
                putService(new Service(this, "SaslServerFactory", mechanism, ServerFactory.class.getName(), null, null)));
        CLIENT_FACTORIES.keySet().forEach(mechanism ->
                putService(new Service(this, "SaslClientFactory", mechanism, ClientFactory.class.getName(), null, null)));
    }

    /** Puts this provider first, once per JVM. */
    static synchronized void install() {
        if (Security.getProvider(NAME) == null) {
            Security.insertProviderAt(new SaslFactories(), 1);
        }
    }

    /** Removes the security providers whose classes {@code loader} defined: a closed runtime's Kafka. */
    static synchronized void removeProvidersOf(ClassLoader loader) {
        for (Provider provider : Security.getProviders()) {
            if (provider.getClass().getClassLoader() == loader) {
                Security.removeProvider(provider.getName());
            }
        }
    }

    private static <T> T kafkaFactory(Map<String, String> factories, String mechanism, CallbackHandler handler,
                                      Class<T> type) throws SaslException {
        String factoryClass = factories.get(mechanism);
        ClassLoader loader = handler != null ? handler.getClass().getClassLoader()
                : Thread.currentThread().getContextClassLoader();
        if (factoryClass == null || loader == null) {
            return null;
        }
        try {
            return type.cast(Class.forName(factoryClass, true, loader).getDeclaredConstructor().newInstance());
        } catch (ClassNotFoundException | LinkageError e) {
            return null; // not a Kafka callback handler: leave the mechanism to the next provider
        } catch (ReflectiveOperationException e) {
            throw new SaslException("Cannot create Kafka's " + mechanism + " factory " + factoryClass, e);
        }
    }

    /** Kafka's SASL server of the asking Kafka's class loader. */
    public static final class ServerFactory implements SaslServerFactory {
        @Override
        public SaslServer createSaslServer(String mechanism, String protocol, String serverName, Map<String, ?> props,
                                           CallbackHandler handler) throws SaslException {
            SaslServerFactory kafka = kafkaFactory(SERVER_FACTORIES, mechanism, handler, SaslServerFactory.class);
            return kafka == null ? null : kafka.createSaslServer(mechanism, protocol, serverName, props, handler);
        }

        @Override
        public String[] getMechanismNames(Map<String, ?> props) {
            return SERVER_FACTORIES.keySet().toArray(new String[0]);
        }
    }

    /** Kafka's SCRAM client of the asking Kafka's class loader. */
    public static final class ClientFactory implements SaslClientFactory {
        @Override
        public SaslClient createSaslClient(String[] mechanisms, String authorizationId, String protocol,
                                           String serverName, Map<String, ?> props, CallbackHandler handler)
                throws SaslException {
            for (String mechanism : mechanisms) {
                SaslClientFactory kafka = kafkaFactory(CLIENT_FACTORIES, mechanism, handler, SaslClientFactory.class);
                if (kafka != null) {
                    return kafka.createSaslClient(new String[] {mechanism}, authorizationId, protocol, serverName,
                            props, handler);
                }
            }
            return null;
        }

        @Override
        public String[] getMechanismNames(Map<String, ?> props) {
            return CLIENT_FACTORIES.keySet().toArray(new String[0]);
        }
    }
}
