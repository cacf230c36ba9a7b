package io.github.kafkatestenv.maven;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;

/** The plugin descriptor this build generated: what Maven and the {@code help} goal know of each goal. */
final class PluginDescriptor {

    private PluginDescriptor() {
    }

    /**
     * Each goal's editable parameters, in order, with the user property that sets each ({@code null} for none): the
     * {@code ${property}} of the parameter's configuration.
     */
    static Map<String, Map<String, String>> editableParameters() throws Exception {
        Map<String, Map<String, String>> goals = new TreeMap<>();
        try (InputStream in = PluginDescriptor.class.getResourceAsStream("/META-INF/maven/plugin.xml");
             Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            for (Xpp3Dom mojo : Xpp3DomBuilder.build(reader).getChild("mojos").getChildren("mojo")) {
                Xpp3Dom configuration = mojo.getChild("configuration");
                Map<String, String> parameters = new LinkedHashMap<>();
                for (Xpp3Dom parameter : mojo.getChild("parameters").getChildren("parameter")) {
                    if (Boolean.parseBoolean(parameter.getChild("editable").getValue())) {
                        String name = parameter.getChild("name").getValue();
                        Xpp3Dom configured = configuration == null ? null : configuration.getChild(name);
                        String expression = configured == null ? null : configured.getValue();
                        parameters.put(name, expression != null && expression.startsWith("${")
                                ? expression.substring(2, expression.length() - 1) : null);
                    }
                }
                goals.put(mojo.getChild("goal").getValue(), parameters);
            }
        }
        return goals;
    }
}
