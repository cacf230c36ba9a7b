package io.github.kafkatestenv.junit.internal;

import io.github.kafkatestenv.engine.ClusterDefinition;
import io.github.kafkatestenv.engine.Placement;
import io.github.kafkatestenv.engine.internal.DefinitionText;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a cluster another JVM serves can stand in for the one a class declares: equal in everything that shapes
 * the cluster a client sees (mode, version, brokers, broker properties, security, users, grants, and any setting
 * added later), whatever its topics (the class creates its own there) and wherever it runs (ports, directories,
 * timeouts, runtime jars; in the JVM or in processes, unless the class asks for processes or a Java home).
 *
 * <p>Read from the engine's canonical text of a definition ({@link DefinitionText}), so that a setting the engine
 * gains counts without a change here.
 */
final class ClusterShape {

    /** Lines of the canonical text that do not count. */
    private static final Set<String> IGNORED = Set.of("topic", "topicConfig", "placement", "javaHome", "brokerPort",
            "zookeeperPort", "runtimeJar", "startTimeout", "workDirectory", "keepDirectory");

    /** Lines whose order means nothing (the users' order does: the first is the clients' default). */
    private static final Set<String> UNORDERED = Set.of("brokerProperty", "superUser", "grant");

    private ClusterShape() {
    }

    /**
     * What differs between a served and a declared cluster, one entry per setting, in the settings' names, for
     * example {@code "brokers (served 3, declared 1)"}; empty when the served one will do. Never shows a password.
     */
    static List<String> differences(ClusterDefinition served, ClusterDefinition declared) {
        Map<String, List<String[]>> servedLines = lines(served);
        Map<String, List<String[]>> declaredLines = lines(declared);
        Set<String> names = new java.util.LinkedHashSet<>(servedLines.keySet());
        names.addAll(declaredLines.keySet());
        List<String> differences = new ArrayList<>();
        for (String name : names) {
            List<String[]> a = servedLines.getOrDefault(name, List.of());
            List<String[]> b = declaredLines.getOrDefault(name, List.of());
            if (!text(a).equals(text(b))) {
                differences.add(describe(name, a, b));
            }
        }
        // Where it runs counts only when the class asks for processes or a Java home (a real SIGKILL, another JDK).
        if (declared.placement() == Placement.PROCESSES && served.placement() != Placement.PROCESSES) {
            differences.add("placement (served " + served.placement() + ", declared PROCESSES)");
        }
        if (declared.javaHome() != null && !declared.javaHome().equals(served.javaHome())) {
            differences.add("javaHome (served " + served.javaHome() + ", declared " + declared.javaHome() + ")");
        }
        return differences;
    }

    /** The counted lines by setting name, each split into its decoded fields (the name dropped). */
    private static Map<String, List<String[]>> lines(ClusterDefinition definition) {
        Map<String, List<String[]>> lines = new LinkedHashMap<>();
        String[] all = DefinitionText.write(definition).split("\n");
        for (int i = 1; i < all.length; i++) { // the first line names the form
            String[] fields = all[i].split(" ", -1);
            if (IGNORED.contains(fields[0])) {
                continue;
            }
            String[] values = Arrays.stream(fields).skip(1)
                    .map(value -> URLDecoder.decode(value, StandardCharsets.UTF_8)).toArray(String[]::new);
            lines.computeIfAbsent(fields[0], key -> new ArrayList<>()).add(values);
        }
        lines.forEach((name, values) -> {
            if (UNORDERED.contains(name)) {
                values.sort((x, y) -> String.join(" ", x).compareTo(String.join(" ", y)));
            }
        });
        return lines;
    }

    private static List<String> text(List<String[]> lines) {
        return lines.stream().map(fields -> String.join("\u0000", fields)).collect(Collectors.toList());
    }

    private static String describe(String name, List<String[]> served, List<String[]> declared) {
        switch (name) {
            case "user":
                List<String> servedNames = served.stream().map(fields -> fields[0]).collect(Collectors.toList());
                List<String> declaredNames = declared.stream().map(fields -> fields[0]).collect(Collectors.toList());
                return servedNames.equals(declaredNames)
                        ? "users (the same names " + servedNames + ", other passwords)"
                        : "users (served " + servedNames + ", declared " + declaredNames + ")";
            case "brokerProperty":
                return "brokerProperties (served " + pairs(served) + ", declared " + pairs(declared) + ")";
            case "superUser":
                return "superUsers (served " + values(served) + ", declared " + values(declared) + ")";
            case "grant":
                return "grants (served " + values(served) + ", declared " + values(declared) + ")";
            default:
                return name + " (served " + single(served) + ", declared " + single(declared) + ")";
        }
    }

    private static String single(List<String[]> lines) {
        return lines.isEmpty() ? "none" : String.join(" ", lines.get(0));
    }

    private static List<String> values(List<String[]> lines) {
        return lines.stream().map(fields -> String.join(" ", fields)).collect(Collectors.toList());
    }

    private static Map<String, String> pairs(List<String[]> lines) {
        Map<String, String> pairs = new LinkedHashMap<>();
        lines.forEach(fields -> pairs.put(fields[0], fields.length > 1 ? fields[1] : ""));
        return pairs;
    }
}
