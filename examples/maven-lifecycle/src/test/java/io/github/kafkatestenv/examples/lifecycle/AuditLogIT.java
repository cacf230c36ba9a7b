package io.github.kafkatestenv.examples.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs in failsafe's integration-test phase against the cluster kafka:start started before it; the pom passes the
 * published kafka.testenv.bootstrap.servers to this JVM as a system property.
 */
class AuditLogIT {

    private static final String BOOTSTRAP_SERVERS = System.getProperty("kafka.testenv.bootstrap.servers");
    private static AuditLog auditLog;

    @BeforeAll
    static void connect() {
        assertNotNull(BOOTSTRAP_SERVERS, "kafka.testenv.bootstrap.servers: run through mvn verify, which starts Kafka");
        auditLog = new AuditLog(BOOTSTRAP_SERVERS);
    }

    @AfterAll
    static void disconnect() {
        auditLog.close();
    }

    @Test
    void topicsAreAsThePomDeclaresThem() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP_SERVERS))) {
            Map<String, TopicDescription> topics = admin.describeTopics(Set.of(AuditLog.EVENTS, AuditLog.LATEST))
                    .allTopicNames().get();
            assertEquals(3, topics.get(AuditLog.EVENTS).partitions().size());
            ConfigResource latest = new ConfigResource(ConfigResource.Type.TOPIC, AuditLog.LATEST);
            assertEquals("compact", admin.describeConfigs(Set.of(latest)).all().get().get(latest)
                    .get("cleanup.policy").value());
        }
    }

    @Test
    void aUsersHistoryComesBackInOrder() throws Exception {
        auditLog.record("alice", "login");
        auditLog.record("bob", "login");
        auditLog.record("alice", "changed-password");
        auditLog.record("alice", "logout");

        assertEquals(List.of("login", "changed-password", "logout"),
                auditLog.history("alice", 3, Duration.ofSeconds(30)));
    }
}
