// Checks shared by the verify.groovy scripts of the src/it builds (this directory has no pom: it is not a build).
// Use: def checks = evaluate(new File(itSources, 'common/checks.groovy'))

def log = new File(basedir, 'build.log').text

def checks = [:]
checks.log = log

checks.assertContains = { String text ->
    assert log.contains(text): "build.log does not contain: $text"
}

checks.assertNotContains = { String text ->
    assert !log.contains(text): "build.log contains: $text"
}

// Nothing left of the clusters the build started: no port that accepts connections (the broker addresses its log
// names), nothing in target/kafka-testenv (cluster directories, properties files).
// No port of these accepts connections on 127.0.0.1.
checks.assertClosed = { Collection<Integer> ports ->
    ports.each { port ->
        def accepted = false
        try {
            new Socket('127.0.0.1', port).close()
            accepted = true
        } catch (ConnectException expected) {
        }
        assert !accepted: "port $port still accepts connections after the build"
    }
}

checks.assertNothingLeft = { ->
    def ports = (log =~ /127\.0\.0\.1:(\d+)/).collect { it[1] as int }.unique()
    assert !ports.isEmpty(): 'build.log names no broker address'
    checks.assertClosed(ports)
    def work = new File(basedir, 'target/kafka-testenv')
    def left = work.exists() ? work.list().toList() : []
    assert left.isEmpty(): "left behind in target/kafka-testenv: $left"
}

return checks
