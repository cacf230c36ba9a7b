package io.github.kafkatestenv.maven;

import java.io.File;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.plugin.Mojo;
import org.codehaus.plexus.classworlds.ClassWorld;
import org.codehaus.plexus.component.configurator.BasicComponentConfigurator;
import org.codehaus.plexus.component.configurator.expression.TypeAwareExpressionEvaluator;
import org.codehaus.plexus.configuration.xml.XmlPlexusConfiguration;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;

/**
 * Configures a goal the way Maven does: the plugin descriptor this build generated (each parameter's user property
 * and default value) under the pom's {@code <configuration>}, converted by Maven's own configurator, with user
 * properties as {@code -D} gives them. No project, as with {@code requiresProject = false} and no pom.
 */
final class MojoConfigurator {

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]+)}");

    private MojoConfigurator() {
    }

    static <T extends Mojo> T configure(T mojo, String goal, String pomConfiguration, Map<String, String> properties)
            throws Exception {
        Xpp3Dom defaults = descriptorConfiguration(goal);
        Xpp3Dom pom = Xpp3DomBuilder.build(new StringReader("<configuration>" + pomConfiguration + "</configuration>"));
        Xpp3Dom merged = new Xpp3Dom("configuration");
        for (Xpp3Dom parameter : defaults.getChildren()) {
            Xpp3Dom configured = pom.getChild(parameter.getName());
            merged.addChild(configured == null ? new Xpp3Dom(parameter)
                    : Xpp3Dom.mergeXpp3Dom(new Xpp3Dom(configured), new Xpp3Dom(parameter), Boolean.TRUE));
        }
        TypeAwareExpressionEvaluator evaluator = new TypeAwareExpressionEvaluator() {
            @Override
            public Object evaluate(String expression, Class<?> type) {
                return evaluate(expression);
            }

            @Override
            public Object evaluate(String expression) {
                if (expression == null) {
                    return null;
                }
                Matcher matcher = EXPRESSION.matcher(expression);
                return matcher.matches() ? properties.get(matcher.group(1)) : expression;
            }

            @Override
            public File alignToBaseDirectory(File file) {
                return file;
            }
        };
        ClassWorld world = new ClassWorld("test", MojoConfigurator.class.getClassLoader());
        new BasicComponentConfigurator().configureComponent(mojo, new XmlPlexusConfiguration(merged), evaluator,
                world.getRealm("test"));
        return mojo;
    }

    private static Xpp3Dom descriptorConfiguration(String goal) throws Exception {
        try (InputStream in = MojoConfigurator.class.getResourceAsStream("/META-INF/maven/plugin.xml");
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            for (Xpp3Dom mojo : Xpp3DomBuilder.build(reader).getChild("mojos").getChildren("mojo")) {
                if (goal.equals(mojo.getChild("goal").getValue())) {
                    return mojo.getChild("configuration");
                }
            }
        }
        throw new IllegalArgumentException("No goal " + goal + " in the plugin descriptor");
    }
}
