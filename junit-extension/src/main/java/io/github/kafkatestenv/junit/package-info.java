/**
 * {@link io.github.kafkatestenv.junit.EmbeddedKafka}: a real Kafka cluster for JUnit 5 test classes, shared by
 * classes with equal declarations, with the cluster, bootstrap servers, topic names and the test's own kafka-clients
 * (Admin, producers, consumers) injected, and {@link io.github.kafkatestenv.junit.Records} to send, read and wait.
 */
package io.github.kafkatestenv.junit;
