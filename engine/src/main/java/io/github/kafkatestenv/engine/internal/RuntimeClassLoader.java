package io.github.kafkatestenv.engine.internal;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** The isolated runtime's class loader; it notes the classes it defines so that the next start can preload them. */
final class RuntimeClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final Queue<String> defined = new ConcurrentLinkedQueue<>();

    RuntimeClassLoader(String name, URL[] urls, ClassLoader parent) {
        super(name, urls, parent);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> type = super.findClass(name);
        defined.add(name);
        return type;
    }

    /** The names of the classes defined so far, in the order they were defined. */
    List<String> definedClasses() {
        return List.copyOf(defined);
    }
}
