def checks = evaluate(new File(itSources, 'common/checks.groovy'))

def started = (checks.log =~ /ready in [0-9.]+ s at (127\.0\.0\.1:\d+)/).collect { it[1] }
assert started.size() == 2: "expected a cluster per module, saw $started"
assert started.unique().size() == 2: "the modules' clusters share an address: $started"
assert (checks.log =~ /Tests run: 1, Failures: 0, Errors: 0, Skipped: 0, Time/).count == 2
checks.assertContains('BUILD SUCCESS')
['module-a', 'module-b'].each { module ->
    def work = new File(basedir, "$module/target/kafka-testenv")
    def left = work.exists() ? work.list().toList() : []
    assert left.isEmpty(): "left behind in $module/target/kafka-testenv: $left"
}
checks.assertNothingLeft()
return true
