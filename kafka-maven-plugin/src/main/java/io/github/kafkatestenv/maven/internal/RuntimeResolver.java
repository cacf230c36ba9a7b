package io.github.kafkatestenv.maven.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.apache.maven.plugin.MojoExecutionException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * Resolves a Kafka runtime's jars through Maven's own resolver and the build's repository session, so that the local
 * repository, mirrors, proxies, authentication and offline mode of the build apply to it.
 */
public final class RuntimeResolver {

    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;

    public RuntimeResolver(RepositorySystem system, RepositorySystemSession session,
                           List<RemoteRepository> repositories) {
        this.system = system;
        this.session = session;
        this.repositories = List.copyOf(repositories);
    }

    /**
     * The jars of {@code coordinates} ({@code groupId:artifactId:version}) and of their runtime dependencies. They are
     * resolved together, as the dependencies of one project, so that Maven picks one version of each library.
     *
     * @throws MojoExecutionException naming the coordinates, the repositories tried and the resolver's reason
     */
    public List<Path> resolve(String kafkaVersion, List<String> coordinates) throws MojoExecutionException {
        CollectRequest collect = new CollectRequest();
        for (String coordinate : coordinates) {
            collect.addDependency(new Dependency(new DefaultArtifact(coordinate), JavaScopes.RUNTIME));
        }
        collect.setRepositories(repositories);
        collect.setRequestContext("kafka-runtime");
        DependencyRequest request = new DependencyRequest(collect,
                DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
        List<ArtifactResult> results;
        try {
            results = system.resolveDependencies(session, request).getArtifactResults();
        } catch (DependencyResolutionException e) {
            throw new MojoExecutionException("Cannot resolve the Kafka " + kafkaVersion + " runtime "
                    + String.join(", ", coordinates) + " (with their runtime dependencies) from "
                    + describeRepositories() + ": " + rootMessage(e) + ". Check that kafkaVersion names a"
                    + " released Kafka version (3.0.0 to 4.x), and that these repositories (settings.xml, mirrors)"
                    + " serve it" + (session.isOffline() ? "; the build is offline (-o), so only the local repository "
                    + session.getLocalRepository().getBasedir() + " was used" : ""), e);
        }
        List<Path> jars = new ArrayList<>();
        for (ArtifactResult result : results) {
            jars.add(result.getArtifact().getFile().toPath());
        }
        return jars;
    }

    private String describeRepositories() {
        if (repositories.isEmpty()) {
            return "the local repository " + session.getLocalRepository().getBasedir() + " (no remote repositories)";
        }
        StringJoiner described = new StringJoiner(", ", "the repositories ", "");
        for (RemoteRepository repository : repositories) {
            StringJoiner mirrorOf = new StringJoiner(", ");
            repository.getMirroredRepositories().forEach(mirrored -> mirrorOf.add(mirrored.getId()));
            described.add(repository.getId() + " (" + repository.getUrl()
                    + (mirrorOf.length() == 0 ? "" : ", mirror of " + mirrorOf) + ")");
        }
        return described.toString();
    }

    /** The innermost cause's message: the resolver's own says which artifact was missing from where. */
    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
