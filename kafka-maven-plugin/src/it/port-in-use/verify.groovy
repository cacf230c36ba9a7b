def checks = evaluate(new File(itSources, 'common/checks.groovy'))

checks.assertContains("Kafka 3.9.2 in KRaft mode, 1 broker ('first'), ready in")
checks.assertContains('23517')
checks.assertContains('in use')
checks.assertContains('ended before kafka:stop ran: stopping the Kafka cluster \'first\'')
checks.assertNothingLeft()
return true
