/**
 * The extension behind {@code @EmbeddedKafka}. Internal: nothing here is promised to stay. Only
 * {@code ClientFactory}, {@code ExternalTopics} and the public helpers refer to Kafka types, so the extension loads
 * without kafka-clients.
 */
package io.github.kafkatestenv.junit.internal;
