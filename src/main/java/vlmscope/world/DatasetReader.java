package vlmscope.world;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import vlmscope.VlmscopeException;

/** Reads a world dataset written by {@link DatasetWriter}. */
public final class DatasetReader {

    /** A dataset folder, its header and its samples in file order. */
    public record WorldDataset(Path dir, DatasetHeader header, List<WorldSample> samples) {

        /** Loads one of a sample's images by its relative path. */
        public BufferedImage image(String relativePath) {
            Path file = dir.resolve(relativePath);
            try {
                BufferedImage image = ImageIO.read(file.toFile());
                if (image == null) throw VlmscopeException.badInput(file, "not a readable image", "re-render the dataset");
                return image;
            } catch (IOException e) {
                throw VlmscopeException.badInput(file, "cannot read the image (" + e.getMessage() + ")",
                        "re-render the dataset", e);
            }
        }
    }

    private DatasetReader() {
    }

    public static WorldDataset read(Path dir) {
        Path file = dir.resolve(DatasetWriter.ANNOTATIONS);
        if (!Files.isRegularFile(file))
            throw VlmscopeException.badInput(file, "missing", "point to a folder written by `vlmscope world render`");
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            DatasetHeader header = parseHeader(file, in.readLine());
            List<WorldSample> samples = new ArrayList<>();
            int lineNumber = 1;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (line.isBlank()) continue;
                try {
                    samples.add(WorldJson.MAPPER.readValue(line, WorldSample.class));
                } catch (JsonProcessingException e) {
                    throw VlmscopeException.badInput(file, "line " + lineNumber + " is not a world sample ("
                            + e.getOriginalMessage() + ")", "re-render the dataset", e);
                }
            }
            return new WorldDataset(dir, header, samples);
        } catch (IOException e) {
            throw VlmscopeException.badInput(file, "cannot read (" + e.getMessage() + ")", "check the file", e);
        }
    }

    /** The header line of an annotations file. */
    public static DatasetHeader readHeader(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parseHeader(file, in.readLine());
        }
    }

    private static DatasetHeader parseHeader(Path file, String line) {
        try {
            JsonNode node = line == null ? null : WorldJson.MAPPER.readTree(line).get("header");
            if (node == null) throw VlmscopeException.badInput(file, "first line is not a dataset header",
                    "point to a folder written by `vlmscope world render`");
            return WorldJson.MAPPER.treeToValue(node, DatasetHeader.class);
        } catch (JsonProcessingException e) {
            throw VlmscopeException.badInput(file, "first line is not a dataset header (" + e.getOriginalMessage() + ")",
                    "point to a folder written by `vlmscope world render`", e);
        }
    }
}
