package io.github.kafkatestenv.maven;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code mvn} process, as a user starts it, run against a test repository into which this build installed the
 * plugin. Its settings mirror every repository to this build's local repository, so nothing is downloaded. Its output
 * is kept, streamed line by line to whoever waits for a line, and written to {@code build.log} in its directory.
 */
final class ChildMaven implements AutoCloseable {

    private static final String END_OF_OUTPUT = "\u0000end";

    static final String PLUGIN = System.getProperty("it.plugin");
    private static final Path MAVEN_HOME = Paths.get(System.getProperty("it.mavenHome"));
    private static final Path REPOSITORY = Paths.get(System.getProperty("it.repository"));
    private static final Path MIRRORED_REPOSITORY = Paths.get(System.getProperty("it.mirroredRepository"));
    static final Path IT_DIRECTORY = Paths.get(System.getProperty("it.directory"));

    private final Process process;
    private final Path directory;
    private final StringBuffer output = new StringBuffer();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;

    private ChildMaven(Process process, Path directory, Path log) {
        this.process = process;
        this.directory = directory;
        this.reader = new Thread(() -> read(log), "child-maven-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code mvn -B -s <settings> -Dmaven.repo.local=<test repository> arguments...} in {@code directory},
     * with SIGINT at its default action even when this JVM inherited it ignored (as jobs started in the background
     * by a non-interactive shell do), so that a SIGINT does to it what Ctrl-C does to a user's.
     */
    static ChildMaven start(Path directory, String... arguments) throws IOException {
        Files.createDirectories(directory);
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT",
                MAVEN_HOME.resolve("bin").resolve("mvn").toString(), "-B", "-s", settings().toString(),
                "-Dmaven.repo.local=" + REPOSITORY));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        return new ChildMaven(process, directory, directory.resolve("build.log"));
    }

    /**
     * Writes {@code directory/pom.xml}: a project of packaging {@code pom} whose only plugin is the one under test,
     * with {@code pluginContent} (its {@code <executions>}, {@code <configuration>}) inside its element.
     */
    static void writePluginProject(Path directory, String pluginContent) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>example</groupId>
                  <artifactId>%s</artifactId>
                  <version>1</version>
                  <packaging>pom</packaging>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>io.github.kafkatestenv</groupId>
                        <artifactId>kafka-maven-plugin</artifactId>
                        <version>%s</version>
                %s
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(directory.getFileName(), PLUGIN.substring(PLUGIN.lastIndexOf(':') + 1),
                pluginContent.indent(8).stripTrailing()), StandardCharsets.UTF_8);
    }

    /** Settings whose mirror of every repository is this build's local repository, checksums not asked for. */
    private static synchronized Path settings() throws IOException {
        Path settings = IT_DIRECTORY.resolve("settings.xml");
        String url = MIRRORED_REPOSITORY.toUri().toString();
        String policies = "<releases><checksumPolicy>ignore</checksumPolicy></releases>"
                + "<snapshots><enabled>false</enabled></snapshots>";
        Files.createDirectories(IT_DIRECTORY);
        Files.writeString(settings, """
                <settings>
                  <mirrors>
                    <mirror><id>local-repository</id><mirrorOf>*</mirrorOf><url>%1$s</url></mirror>
                  </mirrors>
                  <profiles>
                    <profile>
                      <!-- The local repository holds no checksum files; do not warn about each artifact. -->
                      <id>local-repository</id>
                      <repositories><repository><id>central</id><url>%1$s</url>%2$s</repository></repositories>
                      <pluginRepositories>
                        <pluginRepository><id>central</id><url>%1$s</url>%2$s</pluginRepository>
                      </pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>local-repository</activeProfile></activeProfiles>
                </settings>
                """.formatted(url, policies), StandardCharsets.UTF_8);
        return settings;
    }

    /**
     * The first output line from now on that {@code pattern} finds something in, and the match.
     *
     * @throws AssertionError if the process ends or {@code timeout} passes first, with its output so far
     */
    Matcher awaitLine(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("mvn printed no line matching '" + pattern + "' within "
                        + timeout.toSeconds() + " s. Its output:\n" + output);
            }
            if (line.equals(END_OF_OUTPUT)) {
                lines.add(END_OF_OUTPUT);
                throw new AssertionError("mvn ended without printing a line matching '" + pattern
                        + "'. Its output:\n" + output);
            }
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                return matcher;
            }
        }
    }

    /** Waits for the process to end and its output to be read; its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("mvn did not end within " + timeout.toSeconds() + " s. Its output:\n" + output);
        }
        reader.join(timeout.toMillis());
        return process.exitValue();
    }

    /** Sends SIGINT, as Ctrl-C in a terminal does, to the Maven JVM. */
    void interrupt() throws IOException, InterruptedException {
        ProcessHandle jvm = process.toHandle();
        String command = jvm.info().command().orElse("?");
        if (!command.endsWith("java")) {
            throw new AssertionError("Expected the mvn script to have become the Maven JVM (exec), but "
                    + jvm.pid() + " runs " + command);
        }
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(jvm.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill -INT " + jvm.pid() + " failed");
        }
    }

    /** Whether SIGINT is ignored in the process (Linux: the SigIgn mask in /proc). */
    boolean ignoresSigint() throws IOException {
        for (String line : Files.readAllLines(Paths.get("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseLong(line.substring("SigIgn:".length()).trim(), 16) & (1L << (2 - 1))) != 0;
            }
        }
        return false;
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    Path directory() {
        return directory;
    }

    String output() {
        return output.toString();
    }

    /** Ends the process if a failed test left it running. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private void read(Path log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
             Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                output.append(line).append('\n');
                lines.add(line);
                out.write(line);
                out.write('\n');
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lines.add(END_OF_OUTPUT);
        }
    }
}
