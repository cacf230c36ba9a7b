package io.github.kafkatestenv.engine.internal;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The isolated runtime's class loader; it notes the classes it defines so that the next start can preload them. */
final class RuntimeClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final Set<String> defined = ConcurrentHashMap.newKeySet();

    RuntimeClassLoader(String name, URL[] urls, ClassLoader parent) {
        super(name, urls, parent);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> type = super.findClass(name);
        defined.add(name);
        return type;
    }

    /** The names of the classes defined so far, in no order. */
    List<String> definedClasses() {
        return List.copyOf(defined);
    }
}
