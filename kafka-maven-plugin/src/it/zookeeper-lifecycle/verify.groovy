def checks = evaluate(new File(itSources, 'common/checks.groovy'))

checks.assertContains('in ZooKeeper mode, 1 broker, ready in')
checks.assertContains('topics orders:3:1, customers:1:1')
checks.assertContains('Tests run: 2, Failures: 0, Errors: 0')
checks.assertContains('stopped in')
checks.assertNothingLeft()
return true
