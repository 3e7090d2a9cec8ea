/**
 * The Qwen2-VL / Qwen2.5-VL family (HF {@code Qwen2VLForConditionalGeneration}, {@code Qwen2_5_VLForConditionalGeneration}),
 * float32 or bf16, equal to transformers v4.45.2 / v4.50.0 on the fixtures under {@code fixtures/qwen2-vl-tiny} and
 * {@code fixtures/qwen2.5-vl-tiny}.
 *
 * <ul>
 *   <li>{@link vlmscope.model.qwen2vl.Qwen2VLConfig} — config.json (text keys at the top level, {@code vision_config}).</li>
 *   <li>{@link vlmscope.model.qwen2vl.RopeIndex} → {@link vlmscope.model.qwen2vl.MropePositions} — HF {@code get_rope_index}.</li>
 *   <li>{@link vlmscope.model.qwen2vl.MRope} — rotary tables for 3-D positions, split by {@code mrope_section}.</li>
 *   <li>{@link vlmscope.model.qwen2vl.QwenVisionTower} — patch embedding, ViT blocks (windowed for Qwen2.5-VL), merger;
 *       visiting the vision hook sites in natural patch order.</li>
 *   <li>{@link vlmscope.model.qwen2vl.Qwen2Decoder} — the Qwen2 decoder over any suffix of positions with a KV cache;
 *       visiting the decoder hook sites.</li>
 *   <li>{@link vlmscope.model.qwen2vl.Qwen2VLModel} — the family behind the engine seam ({@code VisionLanguageModel}).</li>
 * </ul>
 */
package vlmscope.model.qwen2vl;
