package vlmscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vlmscope.cli.Cli.assertUserError;
import static vlmscope.cli.Cli.run;

/**
 * Every experiment command runs end to end on a Qwen2-VL checkpoint given by {@code --model} (plumbing, not
 * meaning: a random-weight fixture, tiny sizes). The fixture's built vocabulary lacks some answer words of the
 * paper's prompts (behind, near, yes, colours …), so the test copy gives those words vocabulary entries that no
 * merge produces; nothing else of the checkpoint changes.
 */
class QwenExperimentsTest {

    private static final Path FIXTURE = Path.of("fixtures/qwen2-vl-tiny");
    private static final List<String> ANSWER_WORDS = List.of("behind", "front", "above", "below", "near", "far", "yes", "no",
            "red", "orange", "yellow", "green", "blue", "purple", "pink", "white", "before", "after");

    @Test
    void everyExperimentCommandRunsOnAQwenCheckpoint(@TempDir Path tmp) throws IOException {
        String m = withAnswerWords(tmp).toString();
        Path ids = tmp.resolve("ids");
        Path adversarial = tmp.resolve("adversarial");
        Path temporalIds = tmp.resolve("temporal-ids");
        List<String[]> commands = new ArrayList<>(List.of(
                new String[]{"swap", "mirror", "--n", "1"},
                new String[]{"swap", "attribute", "--n", "1"},
                new String[]{"swap", "colour", "--n", "1"},
                new String[]{"ids", "extract", "--pairs", "dog,cat", "--cells", "2", "--sizes", "112",
                        "--anchor", "plain=Say {word}|left,right", "--out", ids.toString()},
                new String[]{"steer", "adversarial", "--ids", ids + "/ids.safetensors", "--n", "1", "--conditions", "id,noise",
                        "--out", adversarial.toString()},
                new String[]{"diagnose", "depth", "--ids", ids + "/ids.safetensors", "--n", "1", "--layers", "1"},
                new String[]{"diagnose", "deviation", "--ids", ids + "/ids.safetensors", "--n", "1", "--layers", "1"},
                new String[]{"diagnose", "blur", "--n", "1"},
                new String[]{"temporal", "swap", "--n", "1", "--frames", "2"},
                new String[]{"temporal", "ids", "--frames", "2", "--pairs", "1", "--out", temporalIds.toString()},
                new String[]{"temporal", "steer", "--ids", temporalIds.toString(), "--n", "1"},
                new String[]{"temporal", "grid", "--frames", "2", "--cells", "2", "--kinds", "1"}));
        for (String mode : List.of("single", "batch-lr", "near-far", "in-between")) {
            commands.add(new String[]{"steer", "arbitrary", "--mode", mode, "--ids", ids + "/ids.safetensors", "--n", "1"});
        }
        int k = 0;
        for (String[] command : commands) {
            List<String> args = new ArrayList<>(List.of(command));
            args.addAll(List.of("--model", m));
            if (!args.contains("--out")) args.addAll(List.of("--out", tmp.resolve("run" + k++).toString()));
            long start = System.nanoTime();
            Cli.Outcome o = run(args.toArray(String[]::new));
            System.out.printf("qwen %s: %.1f s%n", String.join(" ", command), (System.nanoTime() - start) / 1e9);
            assertEquals(0, o.exit(), String.join(" ", command) + ": " + o.err());
            Path out = Path.of(args.get(args.indexOf("--out") + 1));
            assertTrue(Files.isRegularFile(out.resolve("summary.json")), String.join(" ", command) + " wrote no summary");
        }
        Cli.Outcome anchors = run("ids", "anchors", "--anchor", "spatial=It is to the {word}|left,right", "--out", ids.toString());
        assertEquals(0, anchors.exit(), anchors.err());
        Cli.Outcome summary = run("steer", "summary", adversarial.toString(), "--out", tmp.resolve("fig9").toString());
        assertEquals(0, summary.exit(), summary.err());
        assertUserError(run("finetune", "--model", m, "--ids", ids + "/ids.safetensors", "--steps", "1", "--out",
                tmp.resolve("ft").toString()), "not an architecture the training engine implements");
    }

    /** A copy of the fixture whose vocabulary also holds {@link #ANSWER_WORDS} (replacing pieces no merge touches). */
    private static Path withAnswerWords(Path tmp) throws IOException {
        Path dir = tmp.resolve("qwen");
        try (Stream<Path> files = Files.walk(FIXTURE)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = dir.resolve(FIXTURE.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(target);
                else Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path file = dir.resolve("tokenizer.json");
        ObjectNode tokenizer = (ObjectNode) Json.MAPPER.readTree(file.toFile());
        ObjectNode model = (ObjectNode) tokenizer.get("model");
        Set<String> used = new HashSet<>();
        for (JsonNode merge : model.get("merges")) {
            String[] pair = merge.asText().split(" ");
            used.add(pair[0]);
            used.add(pair[1]);
            used.add(pair[0] + pair[1]);
        }
        ObjectNode vocab = (ObjectNode) model.get("vocab");
        List<String> words = new ArrayList<>();
        for (String w : ANSWER_WORDS) {
            for (String form : List.of(w, Character.toUpperCase(w.charAt(0)) + w.substring(1), "Ġ" + w)) {
                if (!vocab.has(form)) words.add(form);
            }
        }
        ObjectNode renamed = Json.MAPPER.createObjectNode();
        Iterator<Map.Entry<String, JsonNode>> it = vocab.fields();
        int next = 0;
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            boolean spare = next < words.size() && e.getKey().length() > 3 && !used.contains(e.getKey())
                    && e.getValue().asInt() > 1000 && e.getValue().asInt() < 150000;
            renamed.set(spare ? words.get(next++) : e.getKey(), e.getValue());
        }
        assertEquals(words.size(), next, "spare vocabulary entries for the answer words");
        model.set("vocab", renamed);
        Files.writeString(file, Json.MAPPER.writeValueAsString(tokenizer));
        return dir;
    }
}
