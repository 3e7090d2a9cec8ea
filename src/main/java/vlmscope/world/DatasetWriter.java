package vlmscope.world;

import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import vlmscope.VlmscopeException;

/**
 * Writes a world dataset: PNGs at each sample's relative paths (each written to a temp file and renamed) and
 * {@value #ANNOTATIONS} (header line, then one {@link WorldSample} per line), which appears only when
 * {@link #finish()} renames it into place. Closing without finishing removes the partial JSONL.
 * A folder that is not empty and does not hold the same dataset (equal header) is refused unless
 * {@code overwrite} is set.
 */
public final class DatasetWriter implements AutoCloseable {

    public static final String ANNOTATIONS = "annotations.jsonl";

    private final Path dir;
    private final Path tmp;
    private final BufferedWriter lines;
    private int count;
    private boolean finished;

    private DatasetWriter(Path dir, DatasetHeader header) throws IOException {
        this.dir = dir;
        this.tmp = AtomicFiles.tempBeside(dir.resolve(ANNOTATIONS));
        this.lines = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
        lines.write(WorldJson.MAPPER.writeValueAsString(Map.of("header", header)));
        lines.newLine();
    }

    public static DatasetWriter create(Path dir, DatasetHeader header, boolean overwrite) {
        try {
            if (!overwrite) refuseOtherContents(dir, header);
            Files.createDirectories(dir);
            return new DatasetWriter(dir, header);
        } catch (IOException e) {
            throw VlmscopeException.badInput(dir, "cannot write the dataset (" + e.getMessage() + ")",
                    "check that the folder is writable", e);
        }
    }

    /** Writes the sample's images (same order as {@code sample.images()}) and appends its line. */
    public void add(WorldSample sample, List<BufferedImage> images) {
        if (images.size() != sample.images().size())
            throw new IllegalArgumentException(sample.id() + ": " + images.size() + " images for "
                    + sample.images().size() + " paths");
        try {
            for (int i = 0; i < images.size(); i++) AtomicFiles.writePng(images.get(i), dir.resolve(sample.images().get(i)));
            lines.write(WorldJson.MAPPER.writeValueAsString(sample));
            lines.newLine();
            count++;
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": writing " + sample.id(), e);
        }
    }

    public int count() {
        return count;
    }

    /** Flushes the JSONL and renames it into place. */
    public void finish() {
        try {
            lines.close();
            AtomicFiles.moveInto(tmp, dir.resolve(ANNOTATIONS));
            finished = true;
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": finishing " + ANNOTATIONS, e);
        }
    }

    @Override
    public void close() {
        if (finished) return;
        try {
            lines.close();
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": removing the partial " + ANNOTATIONS, e);
        }
    }

    private static void refuseOtherContents(Path dir, DatasetHeader header) throws IOException {
        if (!Files.isDirectory(dir)) return;
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isEmpty()) return;
        }
        Path annotations = dir.resolve(ANNOTATIONS);
        if (Files.isRegularFile(annotations) && header.equals(DatasetReader.readHeader(annotations))) return;
        throw VlmscopeException.badInput(dir, "the folder is not empty and does not hold this same dataset",
                "choose an empty --out folder, or pass --force to write over it");
    }
}
