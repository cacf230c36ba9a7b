def checks = evaluate(new File(itSources, 'common/checks.groovy'))

// Each message names the parameter and its property, the value and what to do.
checks.assertContains("Invalid parameter mode (-Dkafka.testenv.mode): Unknown mode 'raft': use ZOOKEEPER (Kafka 3.x)"
        + ' or KRAFT (Kafka 3.3 and newer)')
checks.assertContains("Invalid parameter kafkaVersion (-Dkafka.testenv.kafkaVersion): Unsupported Kafka version '2.8.2'")
checks.assertContains("Invalid parameter topics (-Dkafka.testenv.topics): Invalid topic 'orders:three': partitions"
        + " 'three' is not a number")
checks.assertContains('Invalid parameters topics (-Dkafka.testenv.topics), brokers (-Dkafka.testenv.brokers): Topic'
        + " 'orders' has replication factor 2 but the cluster has 1 broker: lower its replicationFactor or raise brokers")
checks.assertContains('Invalid parameter brokerProperties (-Dkafka.testenv.brokerProperties): Invalid broker property'
        + " 'num.io.threads': write key=value")
checks.assertContains("Invalid parameter topics (-Dkafka.testenv.topics): Invalid topic name 'bad/name'")
checks.assertContains('Invalid value many for configuration num.io.threads')
checks.assertContains('Kafka rejected a broker property')
checks.assertContains('Invalid parameter securityProtocol (-Dkafka.testenv.securityProtocol): Unknown security protocol'
        + " 'SASL_TLS': use PLAINTEXT, SASL_PLAINTEXT, SSL or SASL_SSL")
checks.assertContains('Invalid parameters users (-Dkafka.testenv.users), securityProtocol'
        + ' (-Dkafka.testenv.securityProtocol), mutualTls (-Dkafka.testenv.mutualTls): Users [alice] are declared, but'
        + ' with securityProtocol PLAINTEXT nobody logs in: use SASL_PLAINTEXT, SASL_SSL, or SSL with mutualTls, or'
        + ' remove the users')
checks.assertContains("Invalid parameter grants (-Dkafka.testenv.grants): Invalid grant 'alice topic:audit rede':"
        + " unknown operation 'rede'; use all, read, write, create, delete, alter, describe, cluster_action,"
        + ' describe_configs, alter_configs, idempotent_write')
checks.assertContains("Invalid parameter saslMechanism (-Dkafka.testenv.saslMechanism): Unknown SASL mechanism"
        + " 'GSSAPI': use PLAIN, SCRAM-SHA-256, SCRAM-SHA-512")
// Invocation 12 also sets -Dkafka.version=2.8.2 and -Dkafka.mode=raft, which would fail first if a goal took them.
checks.assertContains('Invalid parameter brokers (-Dkafka.testenv.brokers): A cluster has 1 to 9 brokers, not 0')
checks.assertContains("Invalid parameter clusterName (-Dkafka.testenv.clusterName): 'orders.eu' has characters other"
        + " than letters, digits, '_' and '-'")
checks.assertNotContains('alice-secret')
checks.assertNotContains('ready in')
def work = new File(basedir, 'target/kafka-testenv')
def left = work.exists() ? work.list().toList() : []
assert left.isEmpty(): "left behind in target/kafka-testenv: $left"
return true
