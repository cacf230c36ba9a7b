package io.github.kafkatestenv.engine.internal;

import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.Mode;

/**
 * The port of each listener of each node, chosen before anything starts: the fixed ports the definition asks for,
 * otherwise free ones. A listener whose server can bind port 0 and report the port it took keeps 0 here.
 *
 * @param zooKeeper  ZooKeeper's client port (0: chosen when it binds; unused in KRaft mode)
 * @param client     per node, the port of the listener in the bootstrap servers
 * @param internal   per node, the port of the listener replication and the engine use (the client one unless secured)
 * @param controller per node, the KRaft controller port (unused in ZooKeeper mode)
 */
record PortPlan(int zooKeeper, int[] client, int[] internal, int[] controller) {

    /**
     * Plans the ports of {@code definition}'s nodes. A secured node's two listeners, KRaft controllers (every voter
     * must know every other's port) and, where servers cannot report a port they bound, every listener get a port
     * that was free a moment ago; another process may still take it first, which the start retries.
     */
    static PortPlan of(ClusterDefinition definition, boolean bindsFreePorts, boolean secured) {
        int nodes = definition.brokers();
        int[] client = new int[nodes];
        int[] internal = new int[nodes];
        int[] controller = new int[nodes];
        for (int id = 0; id < nodes; id++) {
            int port = definition.brokerPort() == 0 ? 0 : definition.brokerPort() + id;
            if (port == 0 && (secured || !bindsFreePorts)) {
                port = Ports.free();
            }
            client[id] = port;
            internal[id] = secured ? Ports.free() : port;
            controller[id] = definition.mode() == Mode.KRAFT ? Ports.free() : 0;
        }
        int zooKeeper = definition.zookeeperPort();
        if (definition.mode() == Mode.ZOOKEEPER && zooKeeper == 0 && !bindsFreePorts) {
            zooKeeper = Ports.free();
        }
        return new PortPlan(zooKeeper, client, internal, controller);
    }

    /** Whether a port taken by someone else between planning and binding can make a start fail. */
    static boolean racesForPorts(ClusterDefinition definition, boolean bindsFreePorts, boolean secured) {
        return definition.mode() == Mode.KRAFT || definition.brokerPort() == 0 || secured || !bindsFreePorts;
    }
}
