package io.github.kafkatestenv.engine.internal;

import io.github.kafkatestenv.bridge.BridgeException;
import io.github.kafkatestenv.bridge.ClientsBridge;
import io.github.kafkatestenv.bridge.KafkaBridge;
import io.github.kafkatestenv.engine.KafkaTestEnvException;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Kafka runtime in a class loader of its own. Its parent is the platform class loader, so nothing of the
 * caller's class path is visible to it except the bridge API; nothing of it is visible to the caller.
 *
 * <p>Every call into the runtime runs on this runtime's own threads, whose context class loader is the runtime's
 * loader (Kafka loads configured classes through it), so that no thread-local of Kafka or its logging stays on a
 * caller's thread. Threads Kafka starts from them inherit that loader and are daemons.
 */
public final class IsolatedRuntime implements AutoCloseable {

    private static final String BRIDGE_API_PACKAGE = KafkaBridge.class.getPackageName();
    private static final AtomicInteger RUNTIMES = new AtomicInteger();

    /** How long a closed runtime's threads get to end by themselves, then again once interrupted. */
    private static final long THREAD_END_WAIT_MS = 5_000;

    private final RuntimeClassLoader loader;
    private final ExecutorService executor;
    private final ClientsBridge bridge;

    private IsolatedRuntime(RuntimeClassLoader loader, ExecutorService executor, ClientsBridge bridge) {
        this.loader = loader;
        this.executor = executor;
        this.bridge = bridge;
    }

    /**
     * Loads the runtime made of the line's bridge and {@code jars}. A call on the bridge, or on what it returns,
     * that does not return within {@code callTimeout} fails, naming the method, and its thread is interrupted.
     */
    public static IsolatedRuntime load(KafkaLine line, List<Path> jars, Duration callTimeout) {
        return load(RuntimeLocator.manifest(line), line.bridgeClass(), KafkaBridge.class, jars, callTimeout);
    }

    /**
     * Loads the clients runtime ({@link ClientsBridge}, Kafka's clients only), which drives clusters whose servers
     * run in processes, with the same deadline on every call.
     */
    static IsolatedRuntime loadClients(Duration callTimeout) {
        return load(RuntimeLocator.manifest(RuntimeLocator.CLIENTS, "clients"),
                "io.github.kafkatestenv.bridge.clients.ProcessClientsBridge", ClientsBridge.class,
                RuntimeLocator.locateClients(), callTimeout);
    }

    private static IsolatedRuntime load(RuntimeLocator.Manifest manifest, String bridgeClass,
                                        Class<? extends ClientsBridge> type, List<Path> jars, Duration callTimeout) {
        long callTimeoutMs = callTimeout.toMillis();
        List<URL> urls = new ArrayList<>();
        urls.add(manifest.bridgeDirectory());
        for (Path jar : jars) {
            try {
                urls.add(jar.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new KafkaTestEnvException("Invalid runtime jar path " + jar + ": " + e.getMessage(), e);
            }
        }
        int number = RUNTIMES.incrementAndGet();
        RuntimeClassLoader loader = new RuntimeClassLoader("kafka-testenv-runtime-" + number, urls.toArray(URL[]::new),
                new BridgeApiLoader(IsolatedRuntime.class.getClassLoader()));
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "kafka-testenv-" + number + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(loader);
            return thread;
        };
        ExecutorService executor = Executors.newCachedThreadPool(factory);
        try {
            ClientsBridge bridge = call(executor, () -> type.cast(loader.loadClass(bridgeClass)
                    .getDeclaredConstructor().newInstance()), callTimeoutMs, "loading " + bridgeClass);
            return new IsolatedRuntime(loader, executor, confine(executor, type, bridge, callTimeoutMs));
        } catch (RuntimeException | Error e) {
            executor.shutdownNow();
            closeQuietly(loader);
            if (e instanceof KafkaTestEnvException) {
                throw e;
            }
            throw new KafkaTestEnvException("Cannot load the Kafka runtime from " + jars.size() + " jars: "
                    + e.getMessage() + ". The jars may not belong to one " + manifest.name() + " runtime.", e);
        }
    }

    /** The bridge of a line's runtime; every call on it and on what it returns runs on this runtime's threads. */
    public KafkaBridge bridge() {
        return (KafkaBridge) bridge;
    }

    /** The client side of the bridge, which every runtime has. */
    ClientsBridge clients() {
        return bridge;
    }

    public ClassLoader classLoader() {
        return loader;
    }

    /** The classes this runtime has defined so far. */
    List<String> definedClasses() {
        return loader.definedClasses();
    }

    /** Starts {@code task} on a thread of this runtime. */
    public <T> Future<T> submit(Callable<T> task) {
        return executor.submit(task);
    }

    private static <T> T call(ExecutorService executor, Callable<T> task, long timeoutMs, String what) {
        Future<T> future = executor.submit(task);
        try {
            return future.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw detach(e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new KafkaTestEnvException("The Kafka runtime did not finish " + what + " within "
                    + timeoutMs / 1000 + " s; its thread was interrupted", e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new KafkaTestEnvException("Interrupted while waiting for the Kafka runtime to finish " + what, e);
        }
    }

    /** A failure that holds no reference to the runtime's classes (which would pin its class loader). */
    static RuntimeException detach(Throwable failure) {
        if (failure instanceof InvocationTargetException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        if (failure instanceof BridgeException || failure instanceof KafkaTestEnvException) {
            return (RuntimeException) failure;
        }
        return BridgeException.from(failure.getClass().getSimpleName(), failure);
    }

    @SuppressWarnings("unchecked")
    private static <T> T confine(ExecutorService executor, Class<? extends T> type, T target, long timeoutMs) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(target, args);
            }
            Object result = call(executor, () -> {
                try {
                    return method.invoke(target, args);
                } catch (InvocationTargetException e) {
                    throw detach(e.getCause());
                }
            }, timeoutMs, type.getSimpleName() + "." + method.getName());
            Class<?> returned = method.getReturnType();
            if (result != null && returned.isInterface() && returned.getPackageName().equals(BRIDGE_API_PACKAGE)) {
                return confine(executor, (Class<Object>) returned, result, timeoutMs);
            }
            return result;
        };
        return (T) Proxy.newProxyInstance(IsolatedRuntime.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    /**
     * Stops this runtime's threads, waits for the threads its servers started to end, and closes its class loader.
     * Call {@link KafkaBridge#release()} first. A call or thread still running after {@value #THREAD_END_WAIT_MS} ms
     * (a server whose shutdown hangs) is interrupted; a thread that survives that too is named in the exception
     * thrown.
     */
    @Override
    public void close() {
        executor.shutdown();
        List<String> survivors;
        try {
            // A call still running is a server's start or stop: interrupted at once, it would skip the rest of
            // Kafka's shutdown (a thread pool that ignores interrupts stays behind). It gets one wait, then one
            // interrupt, which cuts only the step it hangs in.
            if (!executor.awaitTermination(THREAD_END_WAIT_MS, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
            // Some servers' threads end a moment after their shutdown returned (ZooKeeper's session tracker
            // waits out its tick): a closed runtime leaves no thread behind.
            List<Thread> lingering = awaitThreadsEnd(System.nanoTime()
                    + TimeUnit.MILLISECONDS.toNanos(THREAD_END_WAIT_MS));
            lingering.forEach(Thread::interrupt);
            survivors = awaitThreadsEnd(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(THREAD_END_WAIT_MS))
                    .stream().map(Thread::getName).sorted().toList();
        } catch (InterruptedException e) {
            // No time to wait: interrupt what still runs at once, as a close interrupted itself must.
            executor.shutdownNow();
            runtimeThreads().forEach(Thread::interrupt);
            Thread.currentThread().interrupt();
            survivors = List.of();
        } finally {
            SaslFactories.removeProvidersOf(loader);
            closeQuietly(loader);
        }
        if (!survivors.isEmpty()) {
            throw new KafkaTestEnvException("Threads of the Kafka runtime still run " + 3 * THREAD_END_WAIT_MS / 1000
                    + " s after its servers were stopped, though interrupted: " + survivors);
        }
    }

    /** Waits until {@code deadline} for this runtime's threads to end; returns those still alive. */
    private List<Thread> awaitThreadsEnd(long deadline) throws InterruptedException {
        for (Thread thread : runtimeThreads()) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        return runtimeThreads();
    }

    /** The live threads that run with this runtime's loader as context class loader: its own and its servers'. */
    private List<Thread> runtimeThreads() {
        List<Thread> threads = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getContextClassLoader() == loader && thread != Thread.currentThread() && thread.isAlive()) {
                threads.add(thread);
            }
        }
        return threads;
    }

    private static void closeQuietly(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException ignored) {
            // nothing else to release
        }
    }

    /** Shows the runtime the JDK and the bridge API only. */
    private static final class BridgeApiLoader extends ClassLoader {
        private final ClassLoader engineLoader;

        BridgeApiLoader(ClassLoader engineLoader) {
            super("kafka-testenv-bridge-api", ClassLoader.getPlatformClassLoader());
            this.engineLoader = engineLoader;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith(BRIDGE_API_PACKAGE + ".")
                    && name.lastIndexOf('.') == BRIDGE_API_PACKAGE.length()) {
                return engineLoader.loadClass(name);
            }
            return super.loadClass(name, resolve);
        }
    }
}
