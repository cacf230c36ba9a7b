package io.github.kafkatestenv.resolver;

import eu.maveniverse.maven.mima.context.Context;
import eu.maveniverse.maven.mima.context.ContextOverrides;
import eu.maveniverse.maven.mima.runtime.standalonestatic.StandaloneStaticRuntime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Consumer;
import java.util.function.Function;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositoryException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.eclipse.aether.util.repository.SimpleArtifactDescriptorPolicy;

/**
 * Resolves artifacts the way Maven would outside Maven: the user's and the global {@code settings.xml} (mirrors,
 * proxies, server credentials, encrypted passwords, profiles' repositories), the given local repository, online or
 * offline. The engine loads this class in a class loader of its own and calls {@link #apply} with JDK types only:
 *
 * <ul>
 *   <li>{@code "release"}: a {@code String} that names what is resolved, for progress lines;</li>
 *   <li>{@code "dependencies"}: {@code List<String>} of {@code groupId:artifactId:version}, resolved together with
 *       their runtime dependencies, as the dependencies of one project; or</li>
 *   <li>{@code "artifacts"}: {@code List<String>} of {@code groupId:artifactId[:extension[:classifier]]:version},
 *       each resolved alone;</li>
 *   <li>{@code "localRepository"}, {@code "userSettings"}: {@code Path}; {@code "globalSettings"},
 *       {@code "settingsSecurity"}: {@code Path} or absent;</li>
 *   <li>{@code "offline"}: {@code Boolean}; {@code "progress"}: {@code Consumer<String>} for progress lines.</li>
 * </ul>
 *
 * <p>It returns the files in resolution order. A failure is an {@link IllegalStateException} whose message names
 * the artifact, the repository (id and URL) and the reason, with no cause: nothing of this class loader escapes.
 */
public final class StandaloneResolver implements Function<Map<String, Object>, List<Path>> {

    private static final String COLLECTOR = "aether.dependencyCollector.impl";

    @Override
    public List<Path> apply(Map<String, Object> request) {
        String release = (String) request.get("release");
        Path localRepository = (Path) request.get("localRepository");
        @SuppressWarnings("unchecked")
        Consumer<String> progressLines = (Consumer<String>) request.get("progress");
        DownloadProgress progress = new DownloadProgress(release, localRepository, progressLines);
        ContextOverrides.Builder overrides = ContextOverrides.create()
                .withUserSettings(true)
                .withUserSettingsXmlOverride((Path) request.get("userSettings"))
                .withLocalRepositoryOverride(localRepository)
                .offline((Boolean) request.get("offline"))
                .transferListener(progress);
        Path globalSettings = (Path) request.get("globalSettings");
        if (globalSettings != null) {
            // MIMA reads global settings from a Maven installation's conf/settings.xml unless told where they are.
            overrides.withMavenSystemHomeOverride(globalSettings.toAbsolutePath().getParent())
                    .withGlobalSettingsXmlOverride(globalSettings);
        }
        Path settingsSecurity = (Path) request.get("settingsSecurity");
        if (settingsSecurity != null) {
            overrides.withUserSettingsSecurityXmlOverride(settingsSecurity);
        }
        Context context;
        try {
            context = new StandaloneStaticRuntime().create(overrides.build());
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot read the Maven settings (" + request.get("userSettings")
                    + (globalSettings == null ? "" : ", " + globalSettings) + "): " + messages(e));
        }
        try (context) {
            DefaultRepositorySystemSession session = new DefaultRepositorySystemSession(
                    context.repositorySystemSession());
            // A POM that cannot be read would silently drop its dependencies from the runtime: fail instead.
            session.setArtifactDescriptorPolicy(new SimpleArtifactDescriptorPolicy(false, false));
            // A cold resolution spends most of its time reading some 110 POMs; breadth-first collection reads them
            // on several threads (same graph as Maven's depth-first one). A user's -D setting wins.
            if (session.getConfigProperties().get(COLLECTOR) == null) {
                session.setConfigProperty(COLLECTOR, "bf");
            }
            List<Path> files = resolve(context.repositorySystem(), session, context.remoteRepositories(), request);
            progress.finished();
            return files;
        } catch (RepositoryException | RuntimeException e) {
            throw new IllegalStateException(reason(e) + " (repositories: " + describe(context.remoteRepositories())
                    + ")");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Path> resolve(RepositorySystem system, DefaultRepositorySystemSession session,
                                      List<RemoteRepository> repositories, Map<String, Object> request)
            throws RepositoryException {
        List<ArtifactResult> results;
        List<String> dependencies = (List<String>) request.get("dependencies");
        if (dependencies != null) {
            CollectRequest collect = new CollectRequest();
            for (String coordinates : dependencies) {
                collect.addDependency(new Dependency(new DefaultArtifact(coordinates), JavaScopes.RUNTIME));
            }
            collect.setRepositories(repositories);
            collect.setRequestContext("kafka-runtime");
            results = system.resolveDependencies(session, new DependencyRequest(collect,
                    DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME))).getArtifactResults();
        } else {
            List<ArtifactRequest> requests = new ArrayList<>();
            for (String coordinates : (List<String>) request.get("artifacts")) {
                requests.add(new ArtifactRequest(new DefaultArtifact(coordinates), repositories, "kafka-runtime"));
            }
            results = system.resolveArtifacts(session, requests);
        }
        List<Path> files = new ArrayList<>();
        for (ArtifactResult result : results) {
            files.add(result.getArtifact().getFile().toPath());
        }
        return files;
    }

    /**
     * The outermost transfer failure's message, which names the artifact, the repository (id and URL) and the reason
     * (offline, not found, status 401, ...); else every message along the cause chain.
     */
    private static String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause.getClass().getName().startsWith("org.eclipse.aether.transfer.")) {
                return messages(cause);
            }
        }
        return messages(failure);
    }

    /** Each distinct message along the cause chain, outermost first. */
    private static String messages(Throwable failure) {
        StringJoiner joined = new StringJoiner(": ");
        String previous = "";
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName()
                    : cause.getMessage().replaceAll("\\s*\\R\\s*", " ");
            if (cause.getCause() == null && cause.getClass().getName().startsWith("java.net.")) {
                message = cause.getClass().getSimpleName() + ": " + message;
            }
            if (!previous.contains(message)) {
                joined.add(message);
            }
            previous = message;
        }
        return joined.toString();
    }

    private static String describe(List<RemoteRepository> repositories) {
        StringJoiner described = new StringJoiner(", ");
        for (RemoteRepository repository : repositories) {
            StringJoiner mirrorOf = new StringJoiner(", ");
            repository.getMirroredRepositories().forEach(mirrored -> mirrorOf.add(mirrored.getId()));
            described.add(repository.getId() + " (" + repository.getUrl()
                    + (mirrorOf.length() == 0 ? "" : ", mirror of " + mirrorOf)
                    + (repository.getProxy() == null ? "" : ", through proxy " + repository.getProxy().getHost()
                    + ":" + repository.getProxy().getPort()) + ")");
        }
        return described.length() == 0 ? "none" : described.toString();
    }
}
