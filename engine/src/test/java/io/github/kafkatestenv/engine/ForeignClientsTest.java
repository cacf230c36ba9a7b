package io.github.kafkatestenv.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secured clusters as clients nobody here wrote meet them: librdkafka's kcat (C) and KafkaJS (JavaScript), with the
 * PEM files and credentials the cluster hands out, right and wrong. {@code .ci/run} installs both; where a tool is
 * missing its test is skipped, saying how to install it.
 */
class ForeignClientsTest {

    @TempDir
    Path scratch;

    @Test
    void kcatWithScramOverTlsAndWithClientCertificates() throws Exception {
        assumeTrue(onPath("kcat"), "kcat is not installed (apt-get install kcat)");
        try (KafkaCluster cluster = ClusterDefinition.builder()
                .securityProtocol(SecurityProtocol.SASL_SSL)
                .user("alice", "alice-secret")
                .user("bob", "bob-secret")
                .grant(Grant.parse("alice topic:orders all"))
                .grant(Grant.parse("alice group:* read"))
                .topic(Topic.parse("orders:1:1"))
                .build().start()) {
            Path ca = cluster.tlsDirectory().orElseThrow().resolve("ca.pem");
            List<String> alice = kcatSasl(cluster, ca, "alice", "alice-secret");

            Result produced = run("order-1\n", concat(alice, "-P", "-t", "orders"));
            assertEquals(0, produced.exitCode, produced.output);
            Result consumed = run("", concat(alice, "-C", "-t", "orders", "-o", "beginning", "-c", "1", "-e",
                    "-X", "group.id=kcat"));
            assertEquals(0, consumed.exitCode, consumed.output);
            assertTrue(consumed.output.contains("order-1"), consumed.output);

            Result wrongPassword = run("", concat(kcatSasl(cluster, ca, "alice", "wrong"), "-L"));
            assertNotEquals(0, wrongPassword.exitCode, wrongPassword.output);
            assertTrue(wrongPassword.output.contains("Authentication failed"), wrongPassword.output);

            Result noGrant = run("x\n", concat(kcatSasl(cluster, ca, "bob", "bob-secret"), "-P", "-t", "orders"));
            assertNotEquals(0, noGrant.exitCode, noGrant.output);
            assertTrue(noGrant.output.contains("Topic authorization failed")
                    || noGrant.output.contains("TOPIC_AUTHORIZATION_FAILED"), noGrant.output);
        }
        try (KafkaCluster cluster = ClusterDefinition.builder()
                .kafkaVersion("4.4.0")
                .securityProtocol(SecurityProtocol.SSL)
                .mutualTls(true)
                .user("carol", "")
                .build().start()) {
            Path tls = cluster.tlsDirectory().orElseThrow();
            List<String> carol = List.of("kcat", "-b", cluster.bootstrapServers(), "-X", "security.protocol=ssl",
                    "-X", "ssl.ca.location=" + tls.resolve("ca.pem"),
                    "-X", "ssl.certificate.location=" + tls.resolve("carol-cert.pem"),
                    "-X", "ssl.key.location=" + tls.resolve("carol-key.pem"));
            Result listed = run("", concat(carol, "-L"));
            assertEquals(0, listed.exitCode, listed.output);
            assertTrue(listed.output.contains("1 brokers"), listed.output);

            Result noCertificate = run("", List.of("kcat", "-b", cluster.bootstrapServers(), "-X",
                    "security.protocol=ssl", "-X", "ssl.ca.location=" + tls.resolve("ca.pem"), "-L"));
            assertNotEquals(0, noCertificate.exitCode, noCertificate.output);
            Result untrusted = run("", List.of("kcat", "-b", cluster.bootstrapServers(), "-X",
                    "security.protocol=ssl", "-L"));
            assertNotEquals(0, untrusted.exitCode, untrusted.output);
            assertTrue(untrusted.output.contains("certificate verify failed"), untrusted.output);
        }
    }

    @Test
    void kafkaJsWithScram() throws Exception {
        Path modules = kafkaJs();
        try (KafkaCluster cluster = ClusterDefinition.builder()
                .kafkaVersion("4.4.0")
                .securityProtocol(SecurityProtocol.SASL_SSL)
                .saslMechanism(SaslMechanism.SCRAM_SHA_512)
                .user("dave", "dave-secret")
                .user("erin", "erin-secret")
                .grant(Grant.parse("dave topic:payments all"))
                .grant(Grant.parse("dave group:* all"))
                .topic(Topic.parse("payments:1:1"))
                .build().start()) {
            Path script = scratch.resolve("probe.js");
            Files.writeString(script, String.join("\n",
                    "const { Kafka, logLevel } = require('kafkajs');",
                    "const fs = require('fs');",
                    "const [brokers, ca, user, password, mode] = process.argv.slice(2);",
                    "const kafka = new Kafka({ clientId: 'probe', brokers: brokers.split(','), logLevel: logLevel.NOTHING,",
                    "  ssl: { ca: [fs.readFileSync(ca, 'utf-8')] },",
                    "  sasl: { mechanism: 'scram-sha-512', username: user, password } });",
                    "(async () => {",
                    "  const producer = kafka.producer();",
                    "  await producer.connect();",
                    "  await producer.send({ topic: 'payments', messages: [{ key: 'k', value: 'paid-by-js' }] });",
                    "  await producer.disconnect();",
                    "  if (mode !== 'consume') { console.log('SENT'); return; }",
                    "  const consumer = kafka.consumer({ groupId: 'js' });",
                    "  await consumer.connect();",
                    "  await consumer.subscribe({ topic: 'payments', fromBeginning: true });",
                    "  await new Promise((resolve) => consumer.run({ eachMessage: async ({ message }) => {",
                    "    console.log('GOT ' + message.value.toString()); resolve(); } }));",
                    "  await consumer.disconnect();",
                    "})().then(() => process.exit(0), (e) => { console.log('FAILED ' + e.name + ' ' + e.type + ' '",
                    "  + e.message); process.exit(2); });",
                    ""), StandardCharsets.UTF_8);
            String ca = cluster.tlsDirectory().orElseThrow().resolve("ca.pem").toString();
            String servers = cluster.bootstrapServers();

            Result works = node(modules, script, servers, ca, "dave", "dave-secret", "consume");
            assertEquals(0, works.exitCode, works.output);
            assertTrue(works.output.contains("GOT paid-by-js"), works.output);

            Result wrongPassword = node(modules, script, servers, ca, "dave", "wrong", "produce");
            assertEquals(2, wrongPassword.exitCode, wrongPassword.output);
            assertTrue(wrongPassword.output.contains("KafkaJSSASLAuthenticationError"), wrongPassword.output);

            Result noGrant = node(modules, script, servers, ca, "erin", "erin-secret", "produce");
            assertEquals(2, noGrant.exitCode, noGrant.output);
            assertTrue(noGrant.output.contains("Topic authorization failed"), noGrant.output);
        }
    }

    private static List<String> kcatSasl(KafkaCluster cluster, Path ca, String user, String password) {
        return List.of("kcat", "-b", cluster.bootstrapServers(), "-X", "security.protocol=sasl_ssl",
                "-X", "sasl.mechanisms=SCRAM-SHA-512", "-X", "sasl.username=" + user, "-X", "sasl.password=" + password,
                "-X", "ssl.ca.location=" + ca);
    }

    /** KafkaJS from npm, installed once into target/ (npm is one of the registries CI can reach). */
    private static Path kafkaJs() throws Exception {
        assumeTrue(onPath("node") && onPath("npm"), "Node.js and npm are not installed");
        Path prefix = Paths.get("target", "kafkajs").toAbsolutePath();
        Path modules = prefix.resolve("node_modules");
        if (!Files.isDirectory(modules.resolve("kafkajs"))) {
            Files.createDirectories(prefix);
            Result installed = run("", List.of("npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix",
                    prefix.toString(), "kafkajs@2.2.4"));
            assumeTrue(installed.exitCode == 0, "npm could not install kafkajs: " + installed.output);
        }
        return modules;
    }

    private static Result node(Path modules, Path script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", script.toString()));
        command.addAll(List.of(args));
        return run("", command, Map.of("NODE_PATH", modules.toString()));
    }

    private static boolean onPath(String tool) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!directory.isEmpty() && Files.isExecutable(Paths.get(directory, tool))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> concat(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(String input, List<String> command) throws IOException, InterruptedException {
        return run(input, command, Map.of());
    }

    private static Result run(String input, List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        // The output is small; reading it to the end also waits for the process, bounded below.
        java.util.concurrent.CompletableFuture<String> output = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(unreadable output: " + e + ")";
            }
        });
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, "timed out after 90 s: " + command);
        }
        try {
            return new Result(process.exitValue(), output.get(10, TimeUnit.SECONDS));
        } catch (Exception e) {
            return new Result(process.exitValue(), "(no output: " + e + ")");
        }
    }
}
