def checks = evaluate(new File(itSources, 'common/checks.groovy'))

checks.assertContains('in KRaft mode, 3 brokers, ready in')
checks.assertContains('topics payments:3:3')
checks.assertContains('Tests run: 2, Failures: 0, Errors: 0')
checks.assertContains('stopped in')
checks.assertNothingLeft()
return true
