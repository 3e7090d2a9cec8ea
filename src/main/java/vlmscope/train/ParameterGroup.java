package vlmscope.train;

/** Which part of the organism a parameter belongs to; training stages freeze or train whole groups. */
public enum ParameterGroup {
    /** The CLIP-style ViT. */
    VISION,
    /** The dense per-patch head of vision pre-training (not part of the saved checkpoint). */
    DENSE_HEAD,
    /** The multi-modal projector. */
    PROJECTOR,
    /** The Llama decoder, embeddings and lm_head. */
    LANGUAGE
}
