package io.github.kafkatestenv.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;

/**
 * Runs one Kafka or ZooKeeper server in a JVM the engine started:
 * {@code java ... io.github.kafkatestenv.launcher.ServerMain <main class> <arguments...>}, for example
 * {@code kafka.Kafka server.properties} or {@code org.apache.zookeeper.server.ZooKeeperServerMain zookeeper.properties}.
 *
 * <p><b>It dies with its owner.</b> The engine keeps this JVM's standard input open and never writes to it. When the
 * engine's JVM ends, however it ends (SIGKILL too), the operating system closes that pipe; this JVM then reads end
 * of file, deletes the cluster's directory if {@value #ORPHAN_DELETE} names one, and halts at once.
 *
 * <p><b>It formats KRaft storage first</b> when {@value #FORMAT} names a file of arguments, one per line, for Kafka's
 * own storage tool ({@code kafka.tools.StorageTool}). That tool ends by exiting the JVM; its exit is caught through
 * Kafka's public {@code Exit} hook, so that the same JVM goes on to run the server.
 */
public final class ServerMain {

    /** System property: the directory to delete when the owner is gone. */
    public static final String ORPHAN_DELETE = "kafka.testenv.orphan.delete";
    /** System property: a file of storage tool arguments to run before the server. */
    public static final String FORMAT = "kafka.testenv.format";

    private static final String STORAGE_TOOL = "kafka.tools.StorageTool";
    private static final List<String> EXIT_CLASSES = List.of("org.apache.kafka.common.utils.Exit",
            "org.apache.kafka.common.utils.internals.Exit");

    private ServerMain() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("usage: ServerMain <main class> [arguments...]");
            System.exit(2);
        }
        watchOwner(System.in);
        String format = System.getProperty(FORMAT);
        if (format != null) {
            formatStorage(Files.readAllLines(Paths.get(format)));
        }
        run(args[0], Arrays.copyOfRange(args, 1, args.length));
    }

    private static void watchOwner(InputStream owner) {
        Thread watch = new Thread(() -> {
            try {
                byte[] buffer = new byte[64];
                while (owner.read(buffer) >= 0) {
                    // the engine never writes; anything read is ignored
                }
            } catch (IOException e) {
                // a broken pipe means the same: the owner is gone
            }
            orphaned();
        }, "kafka-testenv-owner-watch");
        watch.setDaemon(true);
        watch.start();
    }

    private static void orphaned() {
        String directory = System.getProperty(ORPHAN_DELETE);
        if (directory != null && !directory.isEmpty()) {
            deleteQuietly(Paths.get(directory));
        }
        Runtime.getRuntime().halt(143);
    }

    /** Deletes a tree whose files this and other server JVMs may still hold open (POSIX allows it). */
    private static void deleteQuietly(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    try {
                        Files.deleteIfExists(file);
                    } catch (IOException e) {
                        // another server JVM deletes the same tree at the same moment
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    try {
                        Files.deleteIfExists(dir);
                    } catch (IOException ignored) {
                        // not empty yet: a file appeared meanwhile, or another JVM is on it
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // gone already
        }
    }

    private static void formatStorage(List<String> arguments) throws Throwable {
        Class<?> exit = exitClass();
        Class<?> procedure = Class.forName(exit.getName() + "$Procedure");
        Object throwing = Proxy.newProxyInstance(ServerMain.class.getClassLoader(), new Class<?>[] {procedure},
                (proxy, method, methodArgs) -> {
                    if (method.getName().equals("execute")) {
                        throw new ToolExit((Integer) methodArgs[0], (String) methodArgs[1]);
                    }
                    return method.getDeclaringClass() == Object.class ? method.invoke(procedure, methodArgs) : null;
                });
        exit.getMethod("setExitProcedure", procedure).invoke(null, throwing);
        try {
            run(STORAGE_TOOL, arguments.toArray(String[]::new));
        } catch (ToolExit e) {
            if (e.status != 0) {
                System.err.println("kafka-testenv: formatting the storage failed (status " + e.status + ")"
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()));
                System.exit(e.status);
            }
        } finally {
            exit.getMethod("resetExitProcedure").invoke(null);
        }
    }

    private static Class<?> exitClass() throws ClassNotFoundException {
        for (String name : EXIT_CLASSES) {
            try {
                return Class.forName(name);
            } catch (ClassNotFoundException e) {
                // moved in this release: try the next place
            }
        }
        throw new ClassNotFoundException("Kafka's Exit class, as any of " + EXIT_CLASSES);
    }

    private static void run(String mainClass, String[] arguments) throws Throwable {
        Method main = Class.forName(mainClass).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Kafka's storage tool asked to exit: carried up, out of the tool, instead. */
    private static final class ToolExit extends RuntimeException {
        final int status;

        ToolExit(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
