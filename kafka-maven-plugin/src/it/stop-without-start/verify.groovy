def checks = evaluate(new File(itSources, 'common/checks.groovy'))

checks.assertContains('[WARNING] Nothing to stop: kafka:start started no Kafka cluster in this build of')
checks.assertContains('BUILD SUCCESS')
return true
