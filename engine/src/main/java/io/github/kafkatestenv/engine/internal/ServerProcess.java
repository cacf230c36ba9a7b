package io.github.kafkatestenv.engine.internal;

import io.github.kafkatestenv.bridge.BrokerView;
import io.github.kafkatestenv.bridge.RunningServer;
import io.github.kafkatestenv.engine.KafkaTestEnvException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A server in a JVM process of its own. {@link #stop()} is a clean shutdown (SIGTERM, which runs Kafka's own
 * shutdown), {@link #kill()} a real crash (SIGKILL: nothing is flushed, and the next start runs Kafka's log
 * recovery). What the broker itself knows is asked over the network, through a {@link BrokerView}.
 */
final class ServerProcess implements RunningServer {

    private static final long STOP_TIMEOUT_MS = 60_000;

    private final String name;
    private final Process process;
    private final int port;
    private final ServerJvm.Archive archive;
    private final Supplier<BrokerView> viewFactory;
    private final ProcessRuntime runtime;
    private BrokerView view;

    ServerProcess(String name, Process process, int port, ServerJvm.Archive archive,
                  Supplier<BrokerView> viewFactory, ProcessRuntime runtime) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.archive = archive;
        this.viewFactory = viewFactory;
        this.runtime = runtime;
    }

    @Override
    public int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    private synchronized BrokerView view() {
        if (view == null) {
            view = viewFactory.get();
        }
        return view;
    }

    @Override
    public int knownPartitions(String topic) {
        return viewFactory == null ? -1 : view().knownPartitions(topic);
    }

    @Override
    public int knownBrokers() {
        return viewFactory == null ? -1 : view().knownBrokers();
    }

    @Override
    public int knownAcls() {
        return viewFactory == null ? -1 : view().knownAcls();
    }

    /**
     * Stops the process. When the whole cluster closes and nothing needs a clean shutdown (the directory is deleted
     * anyway, and no class-data archive is being recorded), it ends at once; otherwise Kafka shuts down cleanly.
     */
    @Override
    public void stop() throws Exception {
        if (runtime.fastClose() && !archive.recording()) {
            kill();
            return;
        }
        closeView();
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            archive.finish(false);
            throw new KafkaTestEnvException(name + " (pid " + process.pid() + ") did not stop within "
                    + STOP_TIMEOUT_MS / 1000 + " s of SIGTERM, and was killed");
        }
        archive.finish(true);
    }

    @Override
    public void kill() throws InterruptedException {
        closeView();
        process.destroyForcibly().waitFor();
        archive.finish(false);
    }

    private synchronized void closeView() {
        if (view != null) {
            try {
                view.close();
            } catch (RuntimeException ignored) {
                // the broker is going away: nothing to tell it
            }
            view = null;
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", port " + port + ")";
    }

    /** Names of servers whose processes are still alive, for messages. */
    static List<String> alive(List<ServerProcess> servers) {
        return servers.stream().filter(ServerProcess::alive).map(ServerProcess::toString).toList();
    }
}
