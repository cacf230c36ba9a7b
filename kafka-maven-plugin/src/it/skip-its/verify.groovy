def checks = evaluate(new File(itSources, 'common/checks.groovy'))

checks.assertContains('Skipping: the integration tests are skipped (skipITs)')
checks.assertContains('Skipping: the integration tests are skipped (skipTests)')
checks.assertNotContains('ready in')
checks.assertNotContains('Nothing to stop')
return true
