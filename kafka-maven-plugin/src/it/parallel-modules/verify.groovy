def checks = evaluate(new File(itSources, 'common/checks.groovy'))

// What each module's IT used, not the build log: with -T 2 the two modules' log lines may interleave.
def started = ['module-a', 'module-b'].collect { new File(basedir, "$it/target/used-bootstrap-servers.txt").text }
assert started.every { it ==~ /127\.0\.0\.1:\d+/ }: "each module's IT got its cluster's address: $started"
assert started.unique().size() == 2: "the modules' clusters share an address: $started"
// Each module's cluster is published for that module only (#project=<its directory>), so that an @EmbeddedKafka
// class of the other module, built at the same time, never attaches to it.
['module-a', 'module-b'].each { module ->
    def entries = new File(basedir, "$module/target/served-clusters.txt").text.split(',').toList()
    def projects = entries.collect { entry ->
        def at = entry.indexOf('#project=')
        assert at > 0: "$module's test JVM got an entry for every module of the build: $entry"
        new File(URLDecoder.decode(entry.substring(at + '#project='.length()), 'UTF-8')).canonicalPath
    }
    assert projects.contains(new File(basedir, module).canonicalPath): "$module's own cluster is not among $entries"
}
assert (checks.log =~ /Tests run: 1, Failures: 0, Errors: 0, Skipped: 0, Time/).count == 2
checks.assertContains('BUILD SUCCESS')
['module-a', 'module-b'].each { module ->
    def work = new File(basedir, "$module/target/kafka-testenv")
    def left = work.exists() ? work.list().toList() : []
    assert left.isEmpty(): "left behind in $module/target/kafka-testenv: $left"
}
checks.assertNothingLeft()
return true
