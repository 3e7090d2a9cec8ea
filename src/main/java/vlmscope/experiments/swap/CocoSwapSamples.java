package vlmscope.experiments.swap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.VlmscopeException;
import vlmscope.data.CaptionParser;
import vlmscope.data.CocoImages;
import vlmscope.data.LabelledRow;
import vlmscope.data.PaperSample;
import vlmscope.data.WhatsUpDataset;
import vlmscope.experiments.ExperimentOutput;
import vlmscope.world.Transforms;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/**
 * Swap samples from What'sUp COCO-spatial (docs/paper-mapping.md#swap): the left/right rows, the paper's seed-42 sample of 100
 * (or an index list), the P1 unified query, the label as truth; the counterfactual is the horizontal flip or the
 * rainbow recolour (seeded per sample; the paper's was unseeded). Ids are "{image_id}-{direction}" as the paper
 * keys its results.
 */
public final class CocoSwapSamples implements SwapSampleSource {

    private final SwapMode mode;
    private final WhatsUpDataset data;
    private final CocoImages images;
    private final List<LabelledRow> rows;
    private final int[] indices;
    private final Path indexFile;
    private final long seed;

    /** @param indexFile an index list into the left/right subset, or null for the paper's seed-42 sample */
    public CocoSwapSamples(SwapMode mode, Path json, Path imageDir, Path indexFile, long seed) {
        if (mode == SwapMode.COLOUR) {
            throw new VlmscopeException("colour swapping needs re-rendered scenes, which COCO photos are not. "
                    + "Fix: run 'swap colour' on world data (drop --whatsup)");
        }
        this.mode = mode;
        this.data = WhatsUpDataset.read(json);
        this.images = new CocoImages(imageDir);
        this.rows = data.leftRight();
        this.indexFile = indexFile;
        this.indices = indexFile == null
                ? PaperSample.indices(rows.size(), PaperSample.PAPER_SIZE, PaperSample.PAPER_SEED)
                : PaperSample.readIndices(indexFile, rows.size());
        this.seed = seed;
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public SwapSample sample(int i) {
        LabelledRow lr = rows.get(indices[i]);
        CaptionParser.Query q = CaptionParser.unifiedQuery(lr.row().trueCaption(), lr.row().falseCaption());
        BufferedImage clean = images.read(lr.row().imageId());
        BufferedImage counterfactual = mode == SwapMode.MIRROR
                ? Transforms.mirror(clean)
                : Transforms.recolour(clean, WorldSwapSamples.recolourSeed(seed, i));
        return new SwapSample(lr.row().imageId() + "-" + lr.direction(), clean, counterfactual, q.query(),
                List.of("left", "right"), lr.direction(), List.of(q.subject(), q.object()), List.of());
    }

    @Override
    public ObjectNode settings() {
        ObjectNode s = ExperimentOutput.object();
        s.put("data", "whatsup");
        s.put("whatsup", data.file().toString());
        s.put("left_right_rows", rows.size());
        s.put("selection", indexFile == null ? "random.seed(42); random.sample(range(n_lr), 100)" : indexFile.toString());
        s.put("seed", seed);
        return s;
    }
}
