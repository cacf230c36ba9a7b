def checks = evaluate(new File(itSources, 'common/checks.groovy'))

checks.assertContains("in ZooKeeper mode, 1 broker ('legacy'), ready in")
checks.assertContains("in KRaft mode, 1 broker ('current'), ready in")
checks.assertContains('Tests run: 2, Failures: 0, Errors: 0')
checks.assertContains("Kafka cluster 'legacy' (")
checks.assertContains("Kafka cluster 'current' (")
checks.assertNothingLeft()
return true
