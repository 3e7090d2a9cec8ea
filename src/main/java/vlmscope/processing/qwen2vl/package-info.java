/**
 * Input processing of the Qwen2-VL family: {@link vlmscope.processing.qwen2vl.Qwen2VLImageProcessor} (HF's
 * {@code Qwen2VLImageProcessor}, images and videos) producing {@link vlmscope.processing.qwen2vl.QwenPixels}, and
 * {@link vlmscope.processing.qwen2vl.QwenImagePads} (the {@code <|image_pad|>} expansion of HF's processor). The chat
 * template renders through {@link vlmscope.processing.ChatTemplate}; tokenisation is {@link vlmscope.processing.Tokenizer}.
 */
package vlmscope.processing.qwen2vl;
