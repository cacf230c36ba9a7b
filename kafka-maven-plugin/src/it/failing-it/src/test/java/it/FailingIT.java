package it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

/** Talks to the cluster, then fails, as a test with a bug does. */
class FailingIT {

    @Test
    void expectsATopicThatWasNeverDeclared() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                System.getProperty("kafka.testenv.bootstrap.servers")))) {
            assertEquals(Boolean.TRUE, admin.listTopics().names().get().contains("invoices"),
                    "topic invoices exists");
        }
    }
}
