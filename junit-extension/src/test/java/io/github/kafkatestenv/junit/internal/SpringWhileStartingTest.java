package io.github.kafkatestenv.junit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kafkatestenv.engine.KafkaCluster;
import io.github.kafkatestenv.engine.SecurityProtocol;
import io.github.kafkatestenv.junit.EmbeddedKafka;
import io.github.kafkatestenv.junit.Topic;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * A Spring context whose plaintext cluster is still starting (started early) is built meanwhile, and waits for the
 * cluster only once its configuration classes are read: the start is played by a future this test completes with
 * this module's shared cluster.
 */
@EmbeddedKafka(topics = {@Topic(name = "orders", partitions = 3), @Topic(name = "events")})
class SpringWhileStartingTest {

    static final CountDownLatch configurationRead = new CountDownLatch(1);

    @Test
    void aContextIsBuiltWhileItsClusterStartsAndWaitsForItOnlyBeforeItsFirstBean(KafkaCluster cluster)
            throws Exception {
        CompletableFuture<KafkaCluster> start = new CompletableFuture<>();
        EmbeddedEnvironment environment = new EmbeddedEnvironment(start, SecurityProtocol.PLAINTEXT, () -> { });
        KafkaContextCustomizer customizer = CompletableFuture.supplyAsync(() -> new KafkaContextCustomizer(environment))
                .get(30, TimeUnit.SECONDS); // made without waiting for the cluster
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.register(Config.class);
        customizer.customizeContext(context, new MergedContextConfiguration(SpringWhileStartingTest.class, null,
                new Class<?>[] {Config.class}, null, null));
        CompletableFuture<Void> refresh = CompletableFuture.runAsync(context::refresh);
        try {
            assertTrue(configurationRead.await(60, TimeUnit.SECONDS), "Spring reads the configuration meanwhile");
            assertFalse(refresh.isDone(), "and makes no bean before the cluster is there");

            start.complete(cluster);
            refresh.get(60, TimeUnit.SECONDS);
            assertEquals(cluster.bootstrapServers(), context.getEnvironment()
                    .getProperty("spring.kafka.bootstrap-servers"));
            assertEquals(cluster.bootstrapServers(), context.getEnvironment()
                    .getProperty("spring.kafka.consumer.properties.bootstrap.servers"));
            assertSame(cluster, context.getBean(KafkaCluster.class));
        } finally {
            start.complete(cluster);
            context.close();
        }
        assertTrue(cluster.isRunning(0), "closing the context does not close the cluster bean");
    }

    @Configuration
    static class Config {
        /** Runs while Spring reads the configuration, before any ordinary bean is made. */
        @Bean
        static BeanDefinitionRegistryPostProcessor noteConfigurationRead() {
            return new BeanDefinitionRegistryPostProcessor() {
                @Override
                public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
                    configurationRead.countDown();
                }

                @Override
                public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
                }
            };
        }
    }
}
