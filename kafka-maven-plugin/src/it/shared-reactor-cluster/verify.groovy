def checks = evaluate(new File(itSources, 'common/checks.groovy'))

checks.assertContains('BUILD SUCCESS')
def starts = (checks.log =~ /Kafka 3\.9\.2 \(ZooKeeper, 1 broker\) starting in the background; it serves every project of this build/).count
assert starts == 1: "kafka:start ran $starts times: once, in the parent, is the recipe"
assert (checks.log =~ /Tests run: 1, Failures: 0, Errors: 0, Skipped: 0, Time/).count == 3

// What each module's test JVM was served and what its @EmbeddedKafka test used (with -T 2 the log may interleave).
def modules = ['module-a', 'module-b', 'module-c']
def evidence = modules.collectEntries { module ->
    def file = new File(basedir, "$module/target/kafka-evidence.properties")
    assert file.exists(): "$module's IT wrote no evidence"
    def properties = new Properties()
    file.withInputStream { properties.load(it) }
    [(module): properties]
}
evidence.each { module, properties ->
    assert properties.getProperty('served.count') == '1': "$module's test JVM was served ${properties.getProperty('served.count')} clusters (kafka.testenv.clusters), not the build's one"
}
def served = evidence.values().collect { it.getProperty('served') }.unique()
assert served.size() == 1: "the modules' test JVMs were served different clusters: $served"
def used = evidence.collectEntries { module, properties -> [(module): properties.getProperty('used')] }
def clusters = (served + used.values()).unique()
assert clusters.size() == 1: "one cluster start for the build, not ${clusters.size()}: the build's cluster is ${served[0]}, the modules' @EmbeddedKafka tests used $used"

// It stopped when the build ended, and nothing is left: no port (brokers', the server's), no directory.
checks.assertContains('The build has ended: the Kafka cluster (')
def ports = evidence.values().collectMany { properties ->
    (properties.getProperty('used.bootstrap.servers') + ',' + properties.getProperty('served.bootstrap.servers'))
            .split(',').collect { it.substring(it.lastIndexOf(':') + 1) as int } + [properties.getProperty('served.port') as int]
}.unique()
checks.assertClosed(ports)
(modules + ['.']).each { module ->
    def work = new File(basedir, "$module/target/kafka-testenv")
    def left = work.exists() ? work.list().toList() : []
    assert left.isEmpty(): "left behind in $module/target/kafka-testenv: $left"
}
return true
