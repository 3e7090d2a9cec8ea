package vlmscope.processing;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import vlmscope.VlmscopeException;

/**
 * The text side of Hugging Face's {@code LlavaProcessor} (transformers v4.45): each image marker in the prompt is
 * replaced by {@code imageSeqLength} copies of itself <em>before</em> tokenizing, then the text is tokenized with
 * BOS. The model later scatters the projected image features over those positions in order.
 *
 * @param tokenizer      the tokenizer this processor uses
 * @param imageToken     the marker in prompt text, e.g. {@code <image>}; must be a single token of the vocabulary
 * @param imageTokenId   its id (config {@code image_token_index})
 * @param imageSeqLength N, the number of tokens each image becomes (576 for CLIP ViT-L/14-336 with CLS dropped)
 */
public record LlavaProcessor(Tokenizer tokenizer, String imageToken, int imageTokenId, int imageSeqLength) {

    /** HF LlavaConfig default of {@code image_token_index}. */
    public static final int DEFAULT_IMAGE_TOKEN_ID = 32000;
    /** HF LlavaProcessor default image marker. */
    public static final String DEFAULT_IMAGE_TOKEN = "<image>";

    public LlavaProcessor {
        if (imageSeqLength < 1) {
            throw new VlmscopeException("image_seq_length must be at least 1, got " + imageSeqLength
                    + ". Fix: set image_seq_length in config.json to the number of image tokens per image");
        }
        int tokenizerId = tokenizer.tokenToId(imageToken).orElse(-1);
        if (tokenizerId != imageTokenId) {
            throw new VlmscopeException("image token '" + imageToken + "' has id " + tokenizerId
                    + " in the tokenizer but the model expects " + imageTokenId
                    + ". Fix: make image_token_index in config.json match the tokenizer's added token");
        }
    }

    /**
     * Reads the image marker from {@code processor_config.json} ({@code image_token}, default {@code <image>}) and
     * from {@code config.json} the id ({@code image_token_index}, default 32000) and N: {@code image_seq_length}
     * when present, else (vision image_size / patch_size)² plus one for strategy "full" (CLIP defaults 224 / 32).
     */
    public static LlavaProcessor fromPretrained(Path dir, Tokenizer tokenizer) {
        Path configFile = dir.resolve("config.json");
        if (!Files.isRegularFile(configFile)) {
            throw VlmscopeException.badInput(configFile, "model config not found",
                    "point to a Hugging Face LLaVA checkpoint folder that contains config.json");
        }
        return fromPretrained(dir, CheckpointJson.read(configFile), tokenizer);
    }

    /** As {@link #fromPretrained(Path, Tokenizer)}, with the checkpoint's {@code config.json} already read. */
    public static LlavaProcessor fromPretrained(Path dir, JsonNode config, Tokenizer tokenizer) {
        Path processorFile = dir.resolve("processor_config.json");
        String imageToken = Files.isRegularFile(processorFile)
                ? CheckpointJson.read(processorFile).path("image_token").asText(DEFAULT_IMAGE_TOKEN)
                : DEFAULT_IMAGE_TOKEN;
        int imageTokenId = config.path("image_token_index").asInt(DEFAULT_IMAGE_TOKEN_ID);
        int seqLength;
        if (config.hasNonNull("image_seq_length")) {
            seqLength = config.get("image_seq_length").asInt();
        } else {
            JsonNode vision = config.path("vision_config");
            int side = vision.path("image_size").asInt(224) / vision.path("patch_size").asInt(32);
            boolean full = "full".equals(config.path("vision_feature_select_strategy").asText("default"));
            seqLength = side * side + (full ? 1 : 0);
        }
        return new LlavaProcessor(tokenizer, imageToken, imageTokenId, seqLength);
    }

    /**
     * Expands and tokenizes a prompt that holds {@code numImages} image markers.
     *
     * @throws VlmscopeException when the prompt's markers or the resulting image tokens do not match
     */
    public ModelInput prepare(String prompt, int numImages) {
        int markers = countMarkers(prompt);
        if (markers != numImages) {
            throw new VlmscopeException("the prompt has " + markers + " '" + imageToken + "' marker(s) but "
                    + numImages + " image(s) were given: " + prompt
                    + ". Fix: put one '" + imageToken + "' in the prompt per image");
        }
        String expanded = prompt.replace(imageToken, imageToken.repeat(imageSeqLength));
        TokenizedText encoded = tokenizer.encode(expanded, true);
        List<ModelInput.Span> spans = imageSpans(encoded.ids(), prompt);
        if (spans.size() != numImages) {
            throw new VlmscopeException("tokenizing the prompt gave " + spans.size() + " image(s) of "
                    + imageSeqLength + " '" + imageToken + "' tokens, expected " + numImages + ": " + prompt
                    + ". Fix: check that the tokenizer treats '" + imageToken + "' as one added token");
        }
        return new ModelInput(prompt, encoded.ids(), encoded.tokens(), spans);
    }

    /** Tokenizes a prompt without images (with BOS); it must not contain the image marker. */
    public ModelInput prepareTextOnly(String prompt) {
        return prepare(prompt, 0);
    }

    private int countMarkers(String prompt) {
        int count = 0;
        for (int at = prompt.indexOf(imageToken); at >= 0; at = prompt.indexOf(imageToken, at + imageToken.length())) {
            count++;
        }
        return count;
    }

    /** Cuts the image-token positions into consecutive runs of exactly N (adjacent images form one longer run). */
    private List<ModelInput.Span> imageSpans(int[] ids, String prompt) {
        List<ModelInput.Span> spans = new ArrayList<>();
        int i = 0;
        while (i < ids.length) {
            if (ids[i] != imageTokenId) {
                i++;
                continue;
            }
            int runEnd = i;
            while (runEnd < ids.length && ids[runEnd] == imageTokenId) {
                runEnd++;
            }
            if ((runEnd - i) % imageSeqLength != 0) {
                throw new VlmscopeException("found a run of " + (runEnd - i) + " image tokens at position " + i
                        + ", not a multiple of image_seq_length " + imageSeqLength + ": " + prompt
                        + ". Fix: do not write image tokens into the prompt yourself; use one '" + imageToken
                        + "' marker per image");
            }
            for (int start = i; start < runEnd; start += imageSeqLength) {
                spans.add(new ModelInput.Span(start, start + imageSeqLength));
            }
            i = runEnd;
        }
        return spans;
    }

}
