package io.github.kafkatestenv.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects the cluster's {@code bootstrap.servers} ({@code host:port,...}) into a {@code String} parameter or field
 * of an {@link EmbeddedKafka} test class.
 *
 * <pre>{@code
 * @Test
 * void connects(@BootstrapServers String bootstrapServers) { ... }
 * }</pre>
 *
 * @since 0.1.0
 */
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface BootstrapServers {
}
