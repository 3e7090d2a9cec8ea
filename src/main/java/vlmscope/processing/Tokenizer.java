package vlmscope.processing;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vlmscope.Json;
import vlmscope.VlmscopeException;

/**
 * A Hugging Face tokenizer read from a checkpoint folder ({@code tokenizer.json}, plus {@code tokenizer_config.json}
 * when present), running on DJL's binding of the HF {@code tokenizers} library, fully offline and never truncating.
 *
 * <p>Special tokens: when {@code tokenizer_config.json} sets {@code add_bos_token} / {@code add_eos_token}, those
 * decide what {@code encode(text, true)} adds (as {@code LlamaTokenizerFast} does); otherwise the post-processor in
 * {@code tokenizer.json} decides.
 */
public final class Tokenizer implements AutoCloseable {

    private static final ObjectMapper JSON = Json.MAPPER;

    private final HuggingFaceTokenizer hf;
    private final Map<String, Integer> idsByPiece;
    private final String[] piecesById; // [vocabSize], null where no piece has that id
    private final SpecialTokens special;
    private final Path file;
    private final String unknownPiece; // the model's unk_token, or null when it has none

    private Tokenizer(HuggingFaceTokenizer hf, Map<String, Integer> idsByPiece, SpecialTokens special, Path file,
                      String unknownPiece) {
        this.hf = hf;
        this.idsByPiece = idsByPiece;
        this.piecesById = piecesById(idsByPiece);
        this.special = special;
        this.file = file;
        this.unknownPiece = unknownPiece;
    }

    /** The inverse of {@code idsByPiece}: [max id + 1], null where no piece has that id. */
    private static String[] piecesById(Map<String, Integer> idsByPiece) {
        int maxId = idsByPiece.values().stream().mapToInt(Integer::intValue).max().orElse(-1);
        String[] piecesById = new String[maxId + 1];
        idsByPiece.forEach((piece, id) -> piecesById[id] = piece);
        return piecesById;
    }

    /**
     * Loads {@code dir/tokenizer.json} and, if present, {@code dir/tokenizer_config.json}.
     *
     * @throws VlmscopeException naming the file when one is missing or cannot be parsed
     */
    public static Tokenizer fromPretrained(Path dir) {
        Path configFile = dir.resolve("tokenizer_config.json");
        return fromPretrained(dir, Files.isRegularFile(configFile) ? CheckpointJson.read(configFile) : JSON.createObjectNode());
    }

    /** As {@link #fromPretrained(Path)}, with {@code tokenizer_config.json} already read (an empty object if absent). */
    public static Tokenizer fromPretrained(Path dir, JsonNode config) {
        Path tokenizerFile = dir.resolve("tokenizer.json");
        if (!Files.isRegularFile(tokenizerFile)) {
            throw VlmscopeException.badInput(tokenizerFile, "tokenizer file not found",
                    "point to a Hugging Face checkpoint folder that contains tokenizer.json");
        }
        JsonNode tokenizerJson = CheckpointJson.read(tokenizerFile);
        Path configFile = dir.resolve("tokenizer_config.json");

        Map<String, Integer> idsByPiece = vocabulary(tokenizerFile, tokenizerJson);

        HuggingFaceTokenizer hf;
        try (InputStream in = Files.newInputStream(tokenizerFile)) {
            hf = HuggingFaceTokenizer.newInstance(in,
                    Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "false"));
        } catch (IOException | RuntimeException e) {
            throw VlmscopeException.badInput(tokenizerFile,
                    "HF tokenizers cannot load it (" + e.getMessage() + ")",
                    "use a tokenizer.json saved by Hugging Face tokenizers/transformers", e);
        }
        JsonNode unk = tokenizerJson.path("model").path("unk_token");
        SpecialTokens special = SpecialTokens.read(configFile, config, idsByPiece);
        return new Tokenizer(hf, idsByPiece, special, tokenizerFile, unk.isTextual() ? unk.asText() : null);
    }

    /**
     * Tokenizes {@code text}; with {@code addSpecialTokens} the BOS/EOS of this checkpoint are added.
     * Added special tokens such as {@code <image>} in the text are split off first, as in HF.
     */
    public TokenizedText encode(String text, boolean addSpecialTokens) {
        boolean useConfigFlags = addSpecialTokens && (special.addBos() != null || special.addEos() != null);
        Encoding encoding = hf.encode(text, addSpecialTokens && !useConfigFlags, false);
        TokenizedText body = toTokenizedText(text, encoding);
        if (!useConfigFlags) {
            return body;
        }
        boolean bos = Boolean.TRUE.equals(special.addBos());
        boolean eos = Boolean.TRUE.equals(special.addEos());
        if (bos && special.bosId() < 0 || eos && special.eosId() < 0) {
            throw new VlmscopeException("tokenizer_config.json asks for " + (bos ? "add_bos_token" : "add_eos_token")
                    + " but names no such token. Fix: set bos_token/eos_token in tokenizer_config.json");
        }
        int n = body.size() + (bos ? 1 : 0) + (eos ? 1 : 0);
        int[] ids = new int[n];       // [T]
        String[] tokens = new String[n];
        int[] starts = new int[n];
        int[] ends = new int[n];
        int offset = bos ? 1 : 0;
        if (bos) {
            setSpecial(ids, tokens, starts, ends, 0, special.bosId());
        }
        System.arraycopy(body.ids(), 0, ids, offset, body.size());
        System.arraycopy(body.tokens(), 0, tokens, offset, body.size());
        System.arraycopy(body.starts(), 0, starts, offset, body.size());
        System.arraycopy(body.ends(), 0, ends, offset, body.size());
        if (eos) {
            setSpecial(ids, tokens, starts, ends, n - 1, special.eosId());
        }
        return new TokenizedText(ids, tokens, starts, ends);
    }

    /** The tokenizer.json this tokenizer was read from. */
    public Path file() {
        return file;
    }

    /** Whether {@code piece} is the model's unknown-word piece (e.g. {@code <unk>} of a word-level vocabulary). */
    public boolean isUnknown(String piece) {
        return piece.equals(unknownPiece);
    }

    /** The token pieces of {@code text} without special tokens (HF {@code tokenizer.tokenize}). */
    public List<String> tokenize(String text) {
        return List.of(hf.encode(text, false, false).getTokens());
    }

    /** The vocabulary pieces of {@code ids} (HF {@code convert_ids_to_tokens}). */
    public String[] tokens(int[] ids) {
        String[] pieces = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            pieces[i] = idToToken(ids[i]);
        }
        return pieces;
    }

    /** The id of a vocabulary piece (including added tokens), if the vocabulary has it. */
    public Optional<Integer> tokenToId(String piece) {
        return Optional.ofNullable(idsByPiece.get(piece));
    }

    /** The vocabulary piece with this id; throws when no piece has it. */
    public String idToToken(int id) {
        if (id < 0 || id >= piecesById.length || piecesById[id] == null) {
            throw new VlmscopeException("token id " + id + " is not in the tokenizer's vocabulary (ids 0.."
                    + (piecesById.length - 1) + "). Fix: use ids produced by this checkpoint's tokenizer");
        }
        return piecesById[id];
    }

    /** Text of {@code ids}, optionally without special tokens (HF {@code decode}). */
    public String decode(int[] ids, boolean skipSpecialTokens) {
        return hf.decode(Arrays.stream(ids).asLongStream().toArray(), skipSpecialTokens);
    }

    /** Number of ids the tokenizer knows: model vocabulary plus added tokens (HF {@code len(tokenizer)}). */
    public int vocabSize() {
        return piecesById.length;
    }

    /** BOS id from tokenizer_config.json, or -1 when it names none. */
    public int bosId() {
        return special.bosId();
    }

    /** EOS id from tokenizer_config.json, or -1 when it names none. */
    public int eosId() {
        return special.eosId();
    }

    /** Padding id from tokenizer_config.json, or -1 when it names none. */
    public int padId() {
        return special.padId();
    }

    @Override
    public void close() {
        hf.close();
    }

    private void setSpecial(int[] ids, String[] tokens, int[] starts, int[] ends, int i, int id) {
        ids[i] = id;
        tokens[i] = piecesById[id];
        starts[i] = -1;
        ends[i] = -1;
    }

    private static TokenizedText toTokenizedText(String text, Encoding encoding) {
        long[] rawIds = encoding.getIds();
        CharSpan[] spans = encoding.getCharTokenSpans(); // code-point offsets; null for added special tokens
        int n = rawIds.length;
        int[] ids = new int[n];
        int[] starts = new int[n];
        int[] ends = new int[n];
        int codePoints = text.codePointCount(0, text.length());
        for (int i = 0; i < n; i++) {
            ids[i] = Math.toIntExact(rawIds[i]);
            CharSpan span = spans[i];
            starts[i] = span == null ? -1 : utf16Index(text, codePoints, span.getStart());
            ends[i] = span == null ? -1 : utf16Index(text, codePoints, span.getEnd());
        }
        return new TokenizedText(ids, encoding.getTokens(), starts, ends);
    }

    private static int utf16Index(String text, int codePoints, int codePoint) {
        return codePoint >= codePoints ? text.length() : text.offsetByCodePoints(0, codePoint);
    }

    /** Piece → id over the model vocabulary (map for BPE/WordLevel/WordPiece, pair list for Unigram) and added tokens. */
    private static Map<String, Integer> vocabulary(Path file, JsonNode tokenizerJson) {
        JsonNode vocab = tokenizerJson.path("model").path("vocab");
        Map<String, Integer> ids = new HashMap<>();
        if (vocab.isObject()) {
            vocab.properties().forEach(e -> ids.put(e.getKey(), e.getValue().asInt()));
        } else if (vocab.isArray()) {
            for (int id = 0; id < vocab.size(); id++) {
                ids.put(vocab.get(id).get(0).asText(), id);
            }
        } else {
            throw VlmscopeException.badInput(file, "no model.vocab found",
                    "use a tokenizer.json saved by Hugging Face tokenizers/transformers");
        }
        for (JsonNode added : tokenizerJson.path("added_tokens")) {
            ids.put(added.path("content").asText(), added.path("id").asInt());
        }
        return ids;
    }
}
