package vlmscope.organism;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vlmscope.Json;

/**
 * The organism's architecture: a LLaVA-1.5 in miniature. A CLIP-style ViT whose patch is one grid cell
 * (canvas / patch = cells per side), a two-layer GELU projector and a Llama decoder (RMSNorm, RoPE, SwiGLU).
 *
 * @param canvas             image side in pixels (the world's canvas; the preprocessor's resize is the identity)
 * @param patch              ViT patch side in pixels (= one grid cell)
 * @param visionHidden       ViT width E
 * @param visionLayers       ViT encoder layers (all are used: vision_feature_layer = -1)
 * @param visionHeads        ViT attention heads
 * @param visionIntermediate ViT MLP width
 * @param textHidden         decoder width d
 * @param textLayers         decoder blocks
 * @param textHeads          decoder attention heads (= key/value heads: no GQA)
 * @param textIntermediate   decoder SwiGLU width
 * @param vocabSize          rows of embed_tokens and lm_head (the tokenizer's vocabulary, unpadded)
 */
public record OrganismSpec(int canvas, int patch, int visionHidden, int visionLayers, int visionHeads,
                           int visionIntermediate, int textHidden, int textLayers, int textHeads,
                           int textIntermediate, int vocabSize) {

    /** RMSNorm epsilon of the decoder. */
    public static final double RMS_NORM_EPS = 1e-5;
    /** LayerNorm epsilon of the ViT. */
    public static final double LAYER_NORM_EPS = 1e-5;
    /** RoPE base. */
    public static final double ROPE_THETA = 10000.0;

    public OrganismSpec {
        if (canvas % patch != 0) throw new IllegalArgumentException("canvas " + canvas + " is not a multiple of patch " + patch);
        if (visionHidden % visionHeads != 0 || textHidden % textHeads != 0) {
            throw new IllegalArgumentException("hidden sizes must be multiples of the head counts");
        }
        if ((textHidden / textHeads) % 2 != 0) throw new IllegalArgumentException("decoder head dim must be even (RoPE)");
    }

    /** The committed organism's size: 64 px canvas, 4x4 patches of 16 px, ViT 128x3 (MLP 512), decoder 96x6. */
    public static OrganismSpec standard(int vocabSize) {
        return new OrganismSpec(64, 16, 128, 3, 4, 512, 96, 6, 4, 256, vocabSize);
    }

    /** A tiny organism for tests and CI: 32 px canvas, 2x2 patches, ViT 16x1, decoder 32x2. */
    public static OrganismSpec tiny(int vocabSize) {
        return new OrganismSpec(32, 16, 16, 1, 2, 32, 32, 2, 2, 64, vocabSize);
    }

    /** Patches per side (= grid cells per side). */
    public int gridSize() {
        return canvas / patch;
    }

    /** Image tokens per image. */
    public int numPatches() {
        return gridSize() * gridSize();
    }

    public int textHeadDim() {
        return textHidden / textHeads;
    }

    public int visionHeadDim() {
        return visionHidden / visionHeads;
    }

    /** This spec as JSON (kept in training checkpoints). */
    public ObjectNode toJson() {
        return Json.MAPPER.valueToTree(this);
    }

    /** Reads {@link #toJson()}'s output. */
    public static OrganismSpec fromJson(JsonNode node) {
        return Json.MAPPER.convertValue(node, OrganismSpec.class);
    }
}
