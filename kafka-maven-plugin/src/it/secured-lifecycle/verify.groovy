def checks = evaluate(new File(itSources, 'common/checks.groovy'))

checks.assertContains('in KRaft mode, 1 broker, ready in')
checks.assertContains('topics orders:3:1; SASL_SSL (SCRAM-SHA-256), users alice, bob, ACLs')
checks.assertContains('Produced 2 records to orders at 127.0.0.1:')
checks.assertContains('Consumed 2 records from orders at 127.0.0.1:')
def consumed = new File(basedir, 'target/consumed.txt').readLines()
assert consumed.size() == 2: "consumed.txt: $consumed"
['order-1': 'placed', 'order-2': 'paid'].each { key, value ->
    assert consumed.any { it.contains("key=$key") && it.contains("value=$value") }: "no $key=$value in $consumed"
}
checks.assertContains('Tests run: 4, Failures: 0, Errors: 0')
checks.assertContains('stopped in')
// The passwords are in the pom and in the client properties files, never in the build's output.
checks.assertNotContains('alice-secret')
checks.assertNotContains('bob-secret')
checks.assertNothingLeft()
return true
