package vlmscope.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packages of src/main import each other without cycles (README "Architecture"). Dependencies are read from
 * the source: every {@code import vlmscope.…} line and every fully qualified {@code vlmscope.x.Y} name in code.
 */
class PackageCycleTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+);");
    /** A qualified reference: package segments (lower case) followed by a type name (upper case) or an import's *. */
    private static final Pattern REFERENCE = Pattern.compile("\\bvlmscope((?:\\.[a-z]\\w*)*)\\.(?:[A-Z]|\\*)");

    @Test
    void thePackageImportGraphHasNoCycle() throws IOException {
        Map<String, Set<String>> graph = graph();
        assertTrue(graph.size() > 10, "scanned " + graph.size() + " packages");
        List<List<String>> cycles = new ArrayList<>();
        for (Set<String> component : new Tarjan(graph).components()) {
            if (component.size() > 1) cycles.add(cycleWithin(graph, component));
        }
        assertEquals(List.of(), cycles.stream().map(c -> String.join(" -> ", c)).toList(),
                "package cycles in src/main (break each by moving the shared type down or inverting the call)");
    }

    @Test
    void theEngineLayersPointDownward() throws IOException {
        Map<String, Set<String>> graph = graph();
        Set<String> hooks = new TreeSet<>(graph.get("vlmscope.hooks"));
        hooks.remove("vlmscope"); // the root package (VlmscopeException, Json) is usable everywhere
        assertEquals(Set.of(), hooks, "hooks imports nothing of vlmscope but the root package (it sits just above the tensors)");
        for (Map.Entry<String, Set<String>> e : graph.entrySet()) {
            String pkg = e.getKey();
            if (!pkg.equals("vlmscope.tensor") && !pkg.equals("vlmscope.model") && !pkg.startsWith("vlmscope.model.")) continue;
            Set<String> up = new TreeSet<>(e.getValue());
            up.removeIf(p -> p.equals("vlmscope") || p.equals("vlmscope.tensor") || p.equals("vlmscope.hooks")
                    || !pkg.equals("vlmscope.tensor") && (p.equals("vlmscope.model") || p.startsWith("vlmscope.model.")));
            assertEquals(Set.of(), up, pkg + " must not import packages above it");
        }
        Set<String> families = new TreeSet<>(graph.get("vlmscope.model"));
        families.removeIf(p -> !p.startsWith("vlmscope.model."));
        assertEquals(Set.of(), families, "the shared model parts know no family (families import them, not the reverse)");
    }

    @Test
    void codeNamesVlmscopeTypesThroughImportsOnly() throws IOException {
        List<String> inline = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                String code = withoutComments(Files.readString(file))
                        .replaceAll("(?m)^\\s*(package|import)\\s[^\\n]*", " ")
                        .replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\"");
                Matcher m = REFERENCE.matcher(code);
                while (m.find()) inline.add(SOURCES.relativize(file) + ": " + m.group());
            }
        }
        assertEquals(List.of(), inline, "inline fully qualified vlmscope names: import the type instead");
    }

    /** package → packages it refers to (itself excluded). */
    static Map<String, Set<String>> graph() throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                String text = Files.readString(file);
                Matcher p = PACKAGE.matcher(text);
                if (!p.find()) continue;
                String pkg = p.group(1);
                Set<String> deps = graph.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher m = REFERENCE.matcher(withoutComments(text.substring(p.end())));
                while (m.find()) {
                    String target = "vlmscope" + m.group(1);
                    if (!target.equals(pkg)) deps.add(target);
                }
            }
        }
        for (Set<String> deps : List.copyOf(graph.values())) deps.retainAll(graph.keySet());
        return graph;
    }

    private static String withoutComments(String code) {
        return code.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
    }

    /** One concrete cycle through the first package of a strongly connected component, for the message. */
    private static List<String> cycleWithin(Map<String, Set<String>> graph, Set<String> component) {
        String start = new TreeSet<>(component).first();
        Map<String, String> parent = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String at = queue.poll();
            for (String next : graph.get(at)) {
                if (!component.contains(next)) continue;
                if (next.equals(start)) {
                    List<String> path = new ArrayList<>(List.of(start));
                    for (String p = at; !p.equals(start); p = parent.get(p)) path.add(1, p);
                    path.add(start);
                    return path;
                }
                if (!parent.containsKey(next)) {
                    parent.put(next, at);
                    queue.add(next);
                }
            }
        }
        throw new IllegalStateException("no cycle through " + start);
    }

    /** Strongly connected components (Tarjan). */
    private static final class Tarjan {
        private final Map<String, Set<String>> graph;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new HashSet<>();
        private final List<Set<String>> components = new ArrayList<>();

        Tarjan(Map<String, Set<String>> graph) {
            this.graph = graph;
        }

        List<Set<String>> components() {
            for (String v : graph.keySet()) if (!index.containsKey(v)) visit(v);
            return components;
        }

        private void visit(String v) {
            index.put(v, index.size());
            low.put(v, index.get(v));
            stack.push(v);
            onStack.add(v);
            for (String w : graph.get(v)) {
                if (!index.containsKey(w)) {
                    visit(w);
                    low.put(v, Math.min(low.get(v), low.get(w)));
                } else if (onStack.contains(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            }
            if (low.get(v).equals(index.get(v))) {
                Set<String> component = new TreeSet<>();
                String w;
                do {
                    w = stack.pop();
                    onStack.remove(w);
                    component.add(w);
                } while (!w.equals(v));
                components.add(component);
            }
        }
    }
}
