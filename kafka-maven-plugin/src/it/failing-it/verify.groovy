def checks = evaluate(new File(itSources, 'common/checks.groovy'))

checks.assertContains('ready in')
checks.assertContains('Tests run: 1, Failures: 1')
checks.assertContains('stopped in')
checks.assertContains('BUILD FAILURE')
checks.assertNothingLeft()
return true
