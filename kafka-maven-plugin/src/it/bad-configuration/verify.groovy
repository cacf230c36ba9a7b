def checks = evaluate(new File(itSources, 'common/checks.groovy'))

checks.assertContains("Unknown mode 'raft': use 'zookeeper' (Kafka 3.9.x) or 'kraft'")
checks.assertContains("Unsupported Kafka version '3.8.1'")
checks.assertContains("Invalid topic 'orders:three': partitions 'three' is not a number")
checks.assertContains("Topic 'orders' has replication factor 2 but the cluster has 1 broker")
checks.assertContains("Invalid broker property 'num.io.threads': write key=value")
checks.assertContains("Invalid topic name 'bad/name'")
checks.assertContains('Invalid value many for configuration num.io.threads')
checks.assertContains('Kafka rejected a broker property')
checks.assertContains("Unknown security protocol 'SASL_TLS': use PLAINTEXT, SASL_PLAINTEXT, SSL or SASL_SSL")
checks.assertContains('Users [alice] are declared, but with security protocol PLAINTEXT nobody logs in: use'
        + ' SASL_PLAINTEXT, SASL_SSL, or SSL with mutual TLS, or remove the users')
checks.assertContains("Unknown operation 'rede' in a grant to User:alice: use all, read, write, create, delete,"
        + ' alter, describe, cluster_action, describe_configs, alter_configs, idempotent_write')
checks.assertNotContains('alice-secret')
checks.assertNotContains('ready in')
def work = new File(basedir, 'target/kafka-testenv')
def left = work.exists() ? work.list().toList() : []
assert left.isEmpty(): "left behind in target/kafka-testenv: $left"
return true
