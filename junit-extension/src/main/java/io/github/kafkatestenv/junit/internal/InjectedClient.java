package io.github.kafkatestenv.junit.internal;

import org.junit.jupiter.api.extension.ExtensionContext;

/** A client the extension made, kept in the store of its scope, which closes it when the scope ends. */
// AutoCloseable is what JUnit 5.13+ and 6 close; CloseableResource what older JUnit 5 closes. Either closes it once.
@SuppressWarnings("deprecation")
final class InjectedClient implements AutoCloseable,
        ExtensionContext.Store.CloseableResource {

    private final Object client;
    private final Runnable closer;

    InjectedClient(Object client, Runnable closer) {
        this.client = client;
        this.closer = closer;
    }

    Object client() {
        return client;
    }

    @Override
    public void close() {
        closer.run();
    }
}
