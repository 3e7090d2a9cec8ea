package vlmscope.experiments.steer;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.Json;
import vlmscope.cli.Main;
import vlmscope.results.ResultStore;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code vlmscope steer} commands end to end on the fixture. */
class SteerCommandTest {

    @Test
    void adversarialThenSummaryThenSingle(@TempDir Path dir) throws IOException {
        Path ids = SteerFixture.linearIds(dir);
        String model = SteerFixture.MODEL.toString();
        Path adv = dir.resolve("adv");
        assertEquals(0, Main.run("steer", "adversarial", "--model", model, "--ids", ids.toString(), "--out", adv.toString(),
                "--n", "2", "--layers", "1-2", "--background", "black", "--direction", "belief", "--conditions", "id,noise,cross"));
        JsonNode header = ResultStore.read(adv.resolve("results.jsonl")).header();
        assertEquals("steer-adversarial", header.path("experiment").asText());
        assertEquals("vlmscope steer adversarial --model", String.join(" ", java.util.stream.StreamSupport
                .stream(header.path("command").spliterator(), false).limit(4).map(JsonNode::asText).toList()));
        assertEquals(2 + 2 * 2 * 3, ResultStore.read(adv.resolve("results.jsonl")).records().size());
        JsonNode summary = Json.MAPPER.readTree(adv.resolve("summary.json").toFile());
        assertTrue(java.nio.file.Files.size(adv.resolve("figures/fig2_adversarial_steering.png")) > 0);
        assertTrue(java.nio.file.Files.size(adv.resolve("figures/fig2_adversarial_steering.svg")) > 0);
        assertEquals(2, summary.path("top3").path("layers").size());

        Path fig9 = dir.resolve("fig9");
        assertEquals(0, Main.run("steer", "summary", adv.toString(), "--out", fig9.toString()));
        JsonNode models = Json.MAPPER.readTree(fig9.resolve("summary.json").toFile()).path("models");
        assertEquals("llava-tiny-5678", models.get(0).path("model").asText());
        assertTrue(java.nio.file.Files.exists(fig9.resolve("figures/fig9_accuracy_vs_steerability.png")));
        assertEquals(1, ResultStore.read(fig9.resolve("results.jsonl")).records().size());
        assertEquals(2, Main.run("steer", "summary", adv.toString(), "--out", adv.toString()), "would replace its own input");
        assertEquals(2 + 2 * 2 * 3, ResultStore.read(adv.resolve("results.jsonl")).records().size());
        // the summary folder is a first-class results folder: the report re-makes Fig 9 from it, beside a non-experiment folder
        Path notAnExperiment = java.nio.file.Files.createDirectories(dir.resolve("world-render"));
        Path report = dir.resolve("report");
        assertEquals(0, Main.run("report", adv.toString(), notAnExperiment.toString(), fig9.toString(), "--out", report.toString()));
        String page = java.nio.file.Files.readString(report.resolve("index.html"));
        assertTrue(page.contains("<h2>Fig 9 — accuracy vs steerability</h2>") && page.contains("not testable with 1 model(s)") && page.contains("fig9_accuracy_vs_steerability.svg"), page);
        assertTrue(java.nio.file.Files.exists(report.resolve("fig9/fig9_accuracy_vs_steerability.png")));

        Path single = dir.resolve("single");
        assertEquals(0, Main.run("steer", "arbitrary", "--mode", "single", "--model", model, "--ids", ids.toString(),
                "--out", single.toString(), "--layers", "2", "--background", "black"));
        JsonNode grid = Json.MAPPER.readTree(single.resolve("summary.json").toFile()).path("layers").path("2").path("p_left");
        assertEquals(4, grid.size());
        assertTrue(grid.get(0).get(0).asDouble() > 0);
        assertTrue(java.nio.file.Files.exists(single.resolve("figures/fig6_single.svg")));
        assertEquals(2, Main.run("steer", "adversarial", "--model", dir.resolve("nope").toString(), "--ids", ids.toString(),
                "--out", adv.toString()));
    }
}
