def checks = evaluate(new File(itSources, 'common/checks.groovy'))

checks.assertContains('Produced 3 records to orders at 127.0.0.1:')
checks.assertContains('Consumed 3 records from orders at 127.0.0.1:')
def consumed = new File(basedir, 'target/consumed.txt').readLines()
assert consumed.size() == 3: "consumed.txt: $consumed"
['order-1': 'placed', 'order-2': 'paid', 'order-3': 'shipped'].each { key, value ->
    assert consumed.any { it.contains(key) && it.contains(value) }: "no line with $key and $value in $consumed"
}
checks.assertNothingLeft()
return true
