package io.github.kafkatestenv.maven;

import java.io.StringReader;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.testing.AbstractMojoTestCase;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;

/**
 * Configures a goal as Maven does, through maven-plugin-testing-harness, for JUnit 5 tests: the plugin descriptor
 * this build generated (each parameter's user property and default value), the {@code <configuration>} a pom would
 * give, and {@code -D} user properties; with no pom, as a goal with {@code requiresProject = false} runs from the
 * command line. One Plexus container serves every test of the JVM.
 */
final class GoalHarness extends AbstractMojoTestCase {

    private static GoalHarness shared;

    private GoalHarness() {
    }

    /**
     * The goal, configured.
     *
     * @param pomConfiguration the inside of a {@code <configuration>} element; empty for none
     * @param userProperties   what {@code -Dkey=value} would set
     */
    @SuppressWarnings("unchecked")
    static <T extends Mojo> T configure(String goal, String pomConfiguration, Map<String, String> userProperties)
            throws Exception {
        return (T) harness().configured(goal, pomConfiguration, userProperties);
    }

    private static synchronized GoalHarness harness() throws Exception {
        if (shared == null) {
            GoalHarness harness = new GoalHarness();
            harness.setUp(); // starts the container with this build's plugin descriptor
            shared = harness;
        }
        return shared;
    }

    private synchronized Mojo configured(String goal, String pomConfiguration, Map<String, String> userProperties)
            throws Exception {
        MavenProject standalone = new MavenProject(); // Maven's stand-in when there is no pom: no file
        MavenSession session = newMavenSession(standalone);
        Properties properties = new Properties();
        properties.putAll(userProperties);
        session.getRequest().setUserProperties(properties);
        MojoExecution execution = newMojoExecution(goal);
        Xpp3Dom pom = Xpp3DomBuilder.build(new StringReader("<configuration>" + pomConfiguration + "</configuration>"));
        execution.setConfiguration(Xpp3Dom.mergeXpp3Dom(pom, execution.getConfiguration()));
        return lookupConfiguredMojo(session, execution);
    }
}
