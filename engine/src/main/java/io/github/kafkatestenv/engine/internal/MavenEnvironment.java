package io.github.kafkatestenv.engine.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * What Maven would use on this machine, found without Maven: the user's and the global {@code settings.xml}, the
 * local repository, and whether to stay offline. Both the look-up of built-in runtimes and the resolver take it from
 * here, so they always agree on where jars are.
 *
 * <ul>
 *   <li>user settings: {@code -Dorg.apache.maven.user-settings}, else {@code ~/.m2/settings.xml};</li>
 *   <li>global settings: {@code -Dorg.apache.maven.global-settings}, else {@code conf/settings.xml} of the Maven
 *       installation in {@code -Dmaven.home}, {@code $M2_HOME} or {@code $MAVEN_HOME};</li>
 *   <li>local repository: {@code -Dmaven.repo.local}, else {@code <localRepository>} of the user settings, then
 *       of the global ones, else {@code ~/.m2/repository};</li>
 *   <li>offline: {@code -Dkafka.testenv.offline=true|false}, else {@code <offline>} of the user settings, then of
 *       the global ones.</li>
 * </ul>
 */
public final class MavenEnvironment {

    /** The system property that makes the engine's resolution offline ({@code true}) or online ({@code false}). */
    public static final String OFFLINE_PROPERTY = "kafka.testenv.offline";

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]+)}");

    private final Path userSettings;
    private final Path globalSettings;
    private final Path settingsSecurity;
    private final Path localRepository;
    private final String offlineBecause;

    private MavenEnvironment(Path userSettings, Path globalSettings, Path settingsSecurity, Path localRepository,
                             String offlineBecause) {
        this.userSettings = userSettings;
        this.globalSettings = globalSettings;
        this.settingsSecurity = settingsSecurity;
        this.localRepository = localRepository;
        this.offlineBecause = offlineBecause;
    }

    /** Reads the environment as it is now (system properties, environment variables, settings files). */
    public static MavenEnvironment current() {
        Path home = Paths.get(System.getProperty("user.home"));
        Path userSettings = property("org.apache.maven.user-settings").map(Paths::get)
                .orElse(home.resolve(".m2").resolve("settings.xml")).toAbsolutePath();
        Path globalSettings = property("org.apache.maven.global-settings").map(Paths::get)
                .or(() -> property("maven.home").or(() -> environment("M2_HOME")).or(() -> environment("MAVEN_HOME"))
                        .map(mavenHome -> Paths.get(mavenHome).resolve("conf").resolve("settings.xml")))
                .map(Path::toAbsolutePath).orElse(null);
        Document user = read(userSettings);
        Document global = globalSettings == null ? null : read(globalSettings);

        Path localRepository = property("maven.repo.local")
                .or(() -> value(user, "localRepository"))
                .or(() -> value(global, "localRepository"))
                .map(Paths::get)
                .orElse(home.resolve(".m2").resolve("repository")).toAbsolutePath();

        String offlineBecause;
        Optional<String> offlineProperty = property(OFFLINE_PROPERTY);
        if (offlineProperty.isPresent()) {
            offlineBecause = Boolean.parseBoolean(offlineProperty.get()) ? "-D" + OFFLINE_PROPERTY + "=true" : null;
        } else if (value(user, "offline").isPresent()) {
            offlineBecause = "true".equals(value(user, "offline").get())
                    ? "<offline>true</offline> in " + userSettings : null;
        } else {
            offlineBecause = "true".equals(value(global, "offline").orElse(null))
                    ? "<offline>true</offline> in " + globalSettings : null;
        }
        return new MavenEnvironment(userSettings, globalSettings,
                property("settings.security").map(Paths::get).orElse(null), localRepository, offlineBecause);
    }

    public Path localRepository() {
        return localRepository;
    }

    /** The user's settings file, which may not exist. */
    public Path userSettings() {
        return userSettings;
    }

    /** The global settings file, if a Maven installation is known (it may not exist). */
    public Optional<Path> globalSettings() {
        return Optional.ofNullable(globalSettings);
    }

    /** The file with the master password of encrypted passwords, if {@code -Dsettings.security} names one. */
    public Optional<Path> settingsSecurity() {
        return Optional.ofNullable(settingsSecurity);
    }

    public boolean offline() {
        return offlineBecause != null;
    }

    /** Why resolution is offline, e.g. {@code -Dkafka.testenv.offline=true}, or null when it is online. */
    public String offlineBecause() {
        return offlineBecause;
    }

    /** The settings files Maven would read, for messages. */
    public String describeSettings() {
        return userSettings + (Files.isRegularFile(userSettings) ? "" : " (absent)")
                + (globalSettings == null ? "" : " and " + globalSettings
                + (Files.isRegularFile(globalSettings) ? "" : " (absent)"));
    }

    private static Optional<String> property(String name) {
        return Optional.ofNullable(System.getProperty(name)).map(String::trim).filter(value -> !value.isEmpty());
    }

    private static Optional<String> environment(String name) {
        return Optional.ofNullable(System.getenv(name)).map(String::trim).filter(value -> !value.isEmpty());
    }

    /** A settings file, or null if absent or unreadable (Maven would reject the latter; the resolver says why). */
    private static Document read(Path settings) {
        if (!Files.isRegularFile(settings)) {
            return null;
        }
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(settings.toFile());
        } catch (Exception e) {
            return null;
        }
    }

    /** A top-level element's text, with {@code ${...}} interpolated as Maven does in settings. */
    private static Optional<String> value(Document settings, String element) {
        if (settings == null) {
            return Optional.empty();
        }
        NodeList nodes = settings.getDocumentElement().getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (element.equals(nodes.item(i).getNodeName())) {
                String text = nodes.item(i).getTextContent().trim();
                return text.isEmpty() ? Optional.empty() : Optional.of(interpolate(text));
            }
        }
        return Optional.empty();
    }

    /** {@code ${env.NAME}} from the environment, any other {@code ${name}} from system properties. */
    private static String interpolate(String text) {
        Matcher matcher = EXPRESSION.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = name.startsWith("env.") ? System.getenv(name.substring(4)) : System.getProperty(name);
            matcher.appendReplacement(result, Matcher.quoteReplacement(value == null ? matcher.group() : value));
        }
        return matcher.appendTail(result).toString();
    }
}
