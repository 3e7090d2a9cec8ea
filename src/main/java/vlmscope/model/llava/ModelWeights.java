package vlmscope.model.llava;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import vlmscope.VlmscopeException;
import vlmscope.model.Compute;
import vlmscope.model.DecoderWeights;
import vlmscope.model.Precision;
import vlmscope.model.WeightResidency;
import vlmscope.tensor.DType;
import vlmscope.tensor.WeightStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Loads a LLaVA checkpoint's tensors by their HF names, accepting both the hub layout
 * ({@code language_model.model.layers.N…}) and the transformers ≥ 4.52 layout ({@code model.language_model.layers.N…}),
 * checks each shape against config.json and converts it to the compute precision.
 */
final class ModelWeights implements DecoderWeights, AutoCloseable {

    private final WeightStore store;
    private final Path dir;
    private final Compute compute;
    private final NDManager manager;
    private final boolean hubLayout;
    private final WeightResidency residency;
    private final Set<String> used = new HashSet<>();
    private final List<String> unusedPrefixes = new ArrayList<>();

    ModelWeights(Path dir, Compute compute, NDManager manager, WeightResidency residency) {
        this.residency = residency;
        this.dir = dir;
        this.store = WeightStore.open(dir);
        this.compute = compute;
        this.manager = manager;
        if (store.contains("language_model.model.embed_tokens.weight")) {
            hubLayout = true;
        } else if (store.contains("model.language_model.embed_tokens.weight")) {
            hubLayout = false;
        } else {
            store.close();
            throw VlmscopeException.badInput(dir, "missing tensor language_model.model.embed_tokens.weight "
                    + "(or model.language_model.embed_tokens.weight)",
                    "check that the folder holds a complete LLaVA checkpoint (model.safetensors or model.safetensors.index.json)");
        }
    }

    /** Decoder tensor, name relative to the language model's {@code model.} (e.g. {@code layers.0.mlp.up_proj.weight}). */
    @Override
    public NDArray text(String name, long... shape) {
        return load(hubLayout ? "language_model.model." + name : "model.language_model." + name, shape);
    }

    @Override
    public NDArray lmHead(long... shape) {
        return load(hubLayout ? "language_model.lm_head.weight" : "lm_head.weight", shape);
    }

    @Override
    public boolean hasLmHead() {
        return store.contains(hubLayout ? "language_model.lm_head.weight" : "lm_head.weight");
    }

    /** Vision tensor, name relative to {@code vision_tower.vision_model.}. */
    NDArray vision(String name, long... shape) {
        return load(hubLayout ? "vision_tower.vision_model." + name : "model.vision_tower.vision_model." + name, shape);
    }

    /** Projector tensor, name relative to {@code multi_modal_projector.}. */
    NDArray projector(String name, long... shape) {
        return load(hubLayout ? "multi_modal_projector." + name : "model.multi_modal_projector." + name, shape);
    }

    boolean hasProjector(String name) {
        return store.contains(hubLayout ? "multi_modal_projector." + name : "model.multi_modal_projector." + name);
    }

    /**
     * Declares the vision tensors under {@code prefix} (relative to {@code vision_tower.vision_model.}) as present
     * but not used by this model, e.g. CLIP layers after the selected feature layer.
     */
    void skipVision(String prefix) {
        unusedPrefixes.add(hubLayout ? "vision_tower.vision_model." + prefix : "model.vision_tower.vision_model." + prefix);
    }

    /**
     * Refuses a checkpoint holding tensors no component loaded and none declared unused: a config.json that does
     * not match its weights (e.g. fewer num_hidden_layers than the checkpoint has) would otherwise run silently.
     */
    void requireAllUsed() {
        List<String> unused = store.names().stream().filter(n -> !used.contains(n))
                .filter(n -> unusedPrefixes.stream().noneMatch(n::startsWith)).sorted().toList();
        if (!unused.isEmpty()) {
            throw VlmscopeException.badInput(dir, "config.json does not match the weights: " + unused.size()
                            + " tensor(s) of the checkpoint are not used by the model it describes (first: " + unused.get(0) + ")",
                    "use the config.json saved with these weights (check num_hidden_layers, tie_word_embeddings and the vision settings)");
        }
    }

    private NDArray load(String fullName, long... shape) {
        used.add(fullName);
        if (!store.contains(fullName)) {
            throw VlmscopeException.badInput(dir, "missing tensor " + fullName,
                    "check that the checkpoint is complete and matches config.json");
        }
        NDArray weight;
        if (compute.precision() == Precision.BF16 && store.info(fullName).dtype() == DType.BF16) {
            weight = compute.weightFromBf16Bits(store.loadBits16(fullName, manager, shape));
        } else {
            weight = compute.weight(store.load(fullName, manager, shape));
        }
        if (residency == WeightResidency.MAPPED) return weight;
        NDArray owned = weight.duplicate(); // anonymous memory: no reference to the mapping remains
        weight.close();
        store.release(fullName); // keeps peak RSS near one copy of the weights while loading
        return owned;
    }

    List<String> names() {
        return List.copyOf(store.names());
    }

    static String shape(long... s) {
        return Arrays.toString(s);
    }

    /** Unmaps the checkpoint once every weight is copied (nothing refers to the mapping then). */
    void releaseMappingIfCopied() {
        if (residency == WeightResidency.COPIED) store.close();
    }

    @Override
    public void close() {
        store.close();
    }
}
