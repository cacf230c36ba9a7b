package io.github.kafkatestenv.bridge.kafka4;

import io.github.kafkatestenv.bridge.common.KRaftSupport;
import io.github.kafkatestenv.bridge.common.MovedApi;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import kafka.server.BrokerServer;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.server.authorizer.Authorizer;

/**
 * Reads a KRaft broker's own metadata cache and authorizer on every 4.x release. Their types moved: the cache's
 * interface was Scala's {@code kafka.server.MetadataCache} (scala.Option, scala.collection.Iterable) in 4.0 and is
 * Java's {@code org.apache.kafka.metadata.MetadataCache} (Optional, List) from 4.1 on, where also the authorizer
 * became {@code authorizerPlugin()}, wrapped in a {@code Plugin}. The forms are bound once, when the runtime loads.
 */
final class BrokerMetadataReader {

    private static final String CACHE = "the broker's metadata cache";
    private static final String AUTHORIZER = "the broker's authorizer";

    private final Method metadataCache;
    private final Method numPartitions;
    private final Method aliveBrokerNodes;
    private final Method authorizer;

    BrokerMetadataReader() {
        Class<?> cacheType = MovedApi.firstClass(CACHE,
                "org.apache.kafka.metadata.MetadataCache", // 4.1 and later
                "kafka.server.MetadataCache");             // 4.0
        metadataCache = MovedApi.firstMethod(BrokerServer.class, CACHE, List.of("metadataCache"));
        numPartitions = MovedApi.firstMethod(cacheType, CACHE, List.of("numPartitions"), String.class);
        aliveBrokerNodes = MovedApi.firstMethod(cacheType, CACHE, List.of("getAliveBrokerNodes"), ListenerName.class);
        authorizer = MovedApi.firstMethod(BrokerServer.class, AUTHORIZER,
                List.of("authorizerPlugin", "authorizer")); // 4.1 and later; 4.0
    }

    /** {@code broker}'s metadata as the engine reads it, its brokers counted on {@code listenerName}. */
    KRaftSupport.BrokerMetadata of(BrokerServer broker, String listenerName) {
        Object cache = MovedApi.invoke(metadataCache, broker);
        ListenerName listener = ListenerName.normalised(listenerName);
        return new KRaftSupport.BrokerMetadata() {
            @Override
            public int knownPartitions(String topic) {
                Object partitions = MovedApi.invoke(numPartitions, cache, topic);
                Object count = partitions instanceof Optional<?> optional ? optional.orElse(null)
                        : ((scala.Option<?>) partitions).getOrElse(() -> null);
                return count == null ? -1 : ((Number) count).intValue();
            }

            @Override
            public int knownBrokers() {
                Object nodes = MovedApi.invoke(aliveBrokerNodes, cache, listener);
                return nodes instanceof Collection<?> collection ? collection.size()
                        : ((scala.collection.Iterable<?>) nodes).size();
            }

            @Override
            public int knownAcls() {
                scala.Option<?> held = (scala.Option<?>) MovedApi.invoke(authorizer, broker);
                if (held.isEmpty()) {
                    return -1;
                }
                Object value = held.get();
                // 4.1 and later wrap it in org.apache.kafka.common.internals.Plugin, which 4.0 lacks.
                Authorizer plain = value instanceof Authorizer a ? a
                        : (Authorizer) MovedApi.invoke(MovedApi.firstMethod(value.getClass(), AUTHORIZER,
                                List.of("get")), value);
                return KRaftSupport.countAcls(plain);
            }
        };
    }
}
