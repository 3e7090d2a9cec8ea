package vlmscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.cli.BadInputTest.Outcome;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static vlmscope.cli.BadInputTest.FIXTURE;
import static vlmscope.cli.BadInputTest.QUESTION;
import static vlmscope.cli.BadInputTest.assertOneLineError;
import static vlmscope.cli.BadInputTest.copyFixture;
import static vlmscope.cli.BadInputTest.run;

/**
 * A config.json that does not describe its weights must not load, and a --layers value the model cannot run must
 * not run: one line naming the problem and the fix, exit code 2.
 */
class ConfigMismatchTest {

    private static Outcome inspect(Path dir) {
        return run("inspect", "--model", dir.toString(), "--image", dir.resolve("images/shapes_500x375.png").toString(),
                "--prompt", QUESTION);
    }

    private static Path withConfig(Path tmp, String from, String to) throws IOException {
        Path dir = copyFixture(tmp);
        Path config = dir.resolve("config.json");
        String text = Files.readString(config);
        if (!text.contains(from)) throw new IllegalStateException("fixture config has no " + from);
        Files.writeString(config, text.replace(from, to));
        return dir;
    }

    @Test
    void fewerLayersThanTheCheckpointHoldsIsRefusedNamingAnUnusedTensor(@TempDir Path tmp) throws IOException {
        Path dir = withConfig(tmp, "\"num_hidden_layers\": 3,\n  \"rms_norm_eps\"", "\"num_hidden_layers\": 2,\n  \"rms_norm_eps\"");
        assertOneLineError(inspect(dir), "config.json does not match the weights", "language_model.model.layers.2.");
    }

    @Test
    void zeroLayersIsNotASize(@TempDir Path tmp) throws IOException {
        Path dir = withConfig(tmp, "\"num_hidden_layers\": 3,\n  \"rms_norm_eps\"", "\"num_hidden_layers\": 0,\n  \"rms_norm_eps\"");
        assertOneLineError(inspect(dir), "config.json", "'num_hidden_layers' should be a positive integer but is 0");
    }

    @Test
    void anEmptyConfigSaysItIsEmpty(@TempDir Path tmp) throws IOException {
        Path dir = copyFixture(tmp);
        Files.write(dir.resolve("config.json"), new byte[0]);
        assertOneLineError(inspect(dir), "config.json is empty (0 bytes)");
    }

    @Test
    void aMissingModelTypeIsNamed(@TempDir Path tmp) throws IOException {
        Path dir = withConfig(tmp, "\"model_type\": \"llava\",", "");
        assertOneLineError(inspect(dir), "config.json has no model_type key");
    }

    @Test
    void aHeadCountThatDoesNotDivideTheWidthSaysSo(@TempDir Path tmp) throws IOException {
        Path dir = withConfig(tmp, "\"num_attention_heads\": 4,\n  \"num_hidden_layers\": 3,\n  \"rms_norm_eps\"",
                "\"num_attention_heads\": 5,\n  \"num_hidden_layers\": 3,\n  \"rms_norm_eps\"");
        assertOneLineError(inspect(dir), "num_attention_heads 5 does not divide hidden_size 32");
    }

    @Test
    void anOpenLayerRangeIsAnErrorNotLayerTwoOnly(@TempDir Path tmp) {
        Path out = tmp.resolve("out");
        assertOneLineError(run("swap", "mirror", "--model", FIXTURE.toString(), "--n", "1", "--layers", "2-", "--out", out.toString()),
                "--layers '2-'", "Fix:");
        assertFalse(Files.exists(out.resolve("results.jsonl")), "nothing ran");
        assertOneLineError(run("swap", "mirror", "--model", FIXTURE.toString(), "--n", "1", "--layers", "1-3", "--out", out.toString()),
                "names block 3, outside the model's blocks 0..2");
    }
}
