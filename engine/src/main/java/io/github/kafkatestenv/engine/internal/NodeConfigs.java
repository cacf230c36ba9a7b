package io.github.kafkatestenv.engine.internal;

import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.Mode;
import java.nio.file.Path;
import java.util.Properties;
import java.util.StringJoiner;

/**
 * The configuration of each broker or KRaft node: kafka-testenv's test-friendly defaults, the user's broker
 * properties over them, then what shapes the cluster (ids, listeners, directories, quorum, security), which the
 * definition does not let users set. A pure function of its inputs: it starts nothing.
 */
final class NodeConfigs {

    private NodeConfigs() {
    }

    /**
     * The configuration of node {@code id}.
     *
     * @param zooKeeperPort the port ZooKeeper listens on (ZooKeeper mode)
     * @param directory     the cluster's directory; the node's data goes to {@code broker-<id>} in it
     * @param security      the cluster's listeners and logins, or {@code null} for a single PLAINTEXT listener
     */
    static Properties of(ClusterDefinition definition, int id, PortPlan ports, int zooKeeperPort, Path directory,
                         ClusterSecurity security) {
        int internalReplication = Math.min(definition.brokers(), 3);
        Properties config = new Properties();
        config.setProperty("num.partitions", "1");
        config.setProperty("default.replication.factor", "1");
        config.setProperty("offsets.topic.replication.factor", Integer.toString(internalReplication));
        config.setProperty("offsets.topic.num.partitions", "1");
        config.setProperty("transaction.state.log.replication.factor", Integer.toString(internalReplication));
        config.setProperty("transaction.state.log.min.isr", Integer.toString(Math.max(1, internalReplication - 1)));
        config.setProperty("transaction.state.log.num.partitions", "1");
        config.setProperty("group.initial.rebalance.delay.ms", "0");
        // The cleaner's default 128 MiB dedupe buffer per broker is heap a test never needs.
        config.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(4 * 1024 * 1024));
        if (definition.mode() == Mode.ZOOKEEPER) {
            config.setProperty("controlled.shutdown.enable", "false");
            config.setProperty("zookeeper.session.timeout.ms", "10000");
        }
        definition.brokerProperties().forEach(config::setProperty);

        config.setProperty("log.dirs", directory.resolve("broker-" + id).toString());
        int port = ports.client()[id];
        String listener = "PLAINTEXT://" + Ports.HOST + ":" + port;
        if (definition.mode() == Mode.ZOOKEEPER) {
            config.setProperty("broker.id", Integer.toString(id));
            config.setProperty("zookeeper.connect", Ports.HOST + ":" + zooKeeperPort);
            config.setProperty("listeners", listener);
            if (security != null) {
                security.configure(config, port, ports.internal()[id], 0);
            }
        } else {
            int[] controllers = ports.controller();
            StringJoiner voters = new StringJoiner(",");
            for (int i = 0; i < controllers.length; i++) {
                voters.add(i + "@" + Ports.HOST + ":" + controllers[i]);
            }
            config.setProperty("node.id", Integer.toString(id));
            config.setProperty("process.roles", "broker,controller");
            config.setProperty("controller.quorum.voters", voters.toString());
            config.setProperty("listeners", listener + ",CONTROLLER://" + Ports.HOST + ":" + controllers[id]);
            config.setProperty("controller.listener.names", "CONTROLLER");
            config.setProperty("inter.broker.listener.name", "PLAINTEXT");
            config.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            if (security != null) {
                security.configure(config, port, ports.internal()[id], controllers[id]);
            }
        }
        return config;
    }
}
