package io.github.kafkatestenv.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The extension without Spring: everything this module's tests see, in a class loader of its own that lacks only
 * Spring (whose jars are {@code provided} dependencies of the extension), runs a test class through the
 * EngineTestKit there ({@link NoSpringRunner}), and no Spring class is even asked for.
 */
@SharedKafka
class NoSpringTest {

    @Test
    void worksWithoutSpringAndNeverAsksForASpringClass(@BootstrapServers String servers) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!Path.of(entry).getFileName().toString().startsWith("spring-")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (RecordingLoader withoutSpring = new RecordingLoader(urls.toArray(new URL[0]))) {
            assertThrows(ClassNotFoundException.class,
                    () -> withoutSpring.loadClass("org.springframework.test.context.ContextCustomizerFactory"));
            withoutSpring.askedFor.clear();
            Thread.currentThread().setContextClassLoader(withoutSpring);
            @SuppressWarnings("unchecked")
            List<String> outcome = (List<String>) withoutSpring.loadClass(NoSpringRunner.class.getName())
                    .getMethod("run", String.class).invoke(null, servers);

            assertEquals(List.of("roundTrip(String, Consumer): succeeded"), outcome);
            assertEquals(Set.of(), withoutSpring.askedFor, "Spring classes the extension asked for");
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** Notes every Spring class anything in it asks for. */
    private static final class RecordingLoader extends URLClassLoader {

        final Set<String> askedFor = ConcurrentHashMap.newKeySet();

        RecordingLoader(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("org.springframework.")) {
                askedFor.add(name);
            }
            return super.loadClass(name, resolve);
        }
    }
}
