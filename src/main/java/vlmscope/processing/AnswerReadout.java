package vlmscope.processing;

import vlmscope.VlmscopeException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which vocabulary pieces stand for an answer word: every rule the experiments read answers with, in one place.
 * The paper's code uses a different rule per experiment and model family; each is kept as a named strategy
 * (the experiment classes name the one they use):
 * <ul>
 *   <li>{@link EverySpelling}: every single-piece spelling the vocabulary has, read as their maximum (the default
 *       of steering and diagnosis, so the read-out does not depend on the casing a model prefers);</li>
 *   <li>{@link LastPieceAfter}: the last piece of {@code tokenize(prefix + Word)} (adversarial steering's
 *       {@code ▁Left} after ": ", batch steering's after " ", the bare piece for the single run);</li>
 *   <li>{@link FirstPiece}: the first piece of {@code tokenize(" " + Word)} (depth and blur: {@code ▁A} for Above);</li>
 *   <li>{@link WordStartOrBare}: the word-start piece ({@code "▁" + word}, byte-level BPE's {@code "Ġ" + word}) when
 *       the vocabulary has it, else the word (temporal);</li>
 *   <li>{@link ExactPiece}: the piece exactly as written (the swaps' {@code convert_tokens_to_ids("left")});</li>
 *   <li>{@link FirstEncodedId}: the first id of {@code encode(word)} without special tokens (the organism's
 *       evaluation: the token the model must emit first);</li>
 *   <li>{@link SpacedAndBare}: the word-start pieces ({@code "▁" + word}, {@code "Ġ" + word}) and {@code word} as
 *       written, each that exists (inspect's listing).</li>
 * </ul>
 */
public sealed interface AnswerReadout {

    /** Word-start markers of the vocabularies: SentencePiece's {@code ▁} (Llama), byte-level BPE's {@code Ġ} (Qwen2). */
    List<String> WORD_STARTS = List.of("▁", "Ġ");

    /**
     * The piece the paper's adversarial-steering code reads for a model family (docs/paper-mapping.md#answer-words):
     * LLaVA's capitalised {@code ▁Left} after {@code ": "}; for Qwen (model_type {@code qwen2_vl}, {@code qwen2_5_vl})
     * the lower-case word only.
     */
    static AnswerReadout adversarialPaperPieces(String modelType) {
        return modelType.startsWith("qwen") ? new LastPieceAfter("", false) : new LastPieceAfter(": ", true);
    }

    /** The pieces and ids this rule reads for {@code word}; a clear error when the vocabulary has none. */
    AnswerTokens resolve(Tokenizer tokenizer, String word);

    /** Every in-vocabulary single-piece spelling of the word: lower and capitalised, with and without a word start. */
    record EverySpelling() implements AnswerReadout {
        @Override
        public AnswerTokens resolve(Tokenizer tokenizer, String word) {
            String lower = word.toLowerCase(Locale.ROOT);
            Set<String> pieces = new LinkedHashSet<>();
            for (String w : List.of(lower, capitalised(lower))) {
                List<String> spaced = withoutLoneSpace(tokenizer.tokenize(" " + w));
                if (spaced.size() == 1) pieces.add(spaced.getFirst());
                pieces.add(w);
            }
            return existing(tokenizer, lower, new ArrayList<>(pieces));
        }
    }

    /** The last piece of {@code tokenize(prefix + w)}, w the word capitalised or lower case; the bare word for "". */
    record LastPieceAfter(String prefix, boolean capitalise) implements AnswerReadout {
        @Override
        public AnswerTokens resolve(Tokenizer tokenizer, String word) {
            String lower = word.toLowerCase(Locale.ROOT);
            String w = capitalise ? capitalised(lower) : lower;
            String piece = prefix.isEmpty() ? w : tokenizer.tokenize(prefix + w).getLast();
            return existing(tokenizer, lower, List.of(piece));
        }
    }

    /** The first piece of {@code tokenize(" " + Word)}. */
    record FirstPiece() implements AnswerReadout {
        @Override
        public AnswerTokens resolve(Tokenizer tokenizer, String word) {
            String lower = word.toLowerCase(Locale.ROOT);
            List<String> pieces = withoutLoneSpace(tokenizer.tokenize(" " + capitalised(lower)));
            if (pieces.isEmpty()) {
                throw new VlmscopeException("the answer word '" + word + "' tokenises to nothing. Fix: use another word");
            }
            return existing(tokenizer, lower, List.of(pieces.getFirst()));
        }
    }

    /**
     * The word-start piece when the vocabulary has it ({@code "▁" + word} in SentencePiece, {@code "Ġ" + word} in
     * byte-level BPE), else the word itself (word-level vocabularies).
     */
    record WordStartOrBare() implements AnswerReadout {
        @Override
        public AnswerTokens resolve(Tokenizer tokenizer, String word) {
            for (String marker : WORD_STARTS) {
                if (tokenizer.tokenToId(marker + word).isPresent()) return new ExactPiece().resolve(tokenizer, marker + word);
            }
            return new ExactPiece().resolve(tokenizer, word);
        }
    }

    /** The piece exactly as written. */
    record ExactPiece() implements AnswerReadout {
        @Override
        public AnswerTokens resolve(Tokenizer tokenizer, String piece) {
            int id = tokenizer.tokenToId(piece).orElseThrow(() -> new VlmscopeException("answer '" + piece
                    + "' is not a single vocabulary piece (tokenize gives " + tokenizer.tokenize(piece)
                    + "). Fix: pass --answers with pieces the vocabulary has, e.g. left,right or ▁Left,▁Right"));
            return new AnswerTokens(piece, List.of(piece), new int[]{id});
        }
    }

    /** The first id of {@code encode(word)} without special tokens. */
    record FirstEncodedId() implements AnswerReadout {
        @Override
        public AnswerTokens resolve(Tokenizer tokenizer, String word) {
            int[] ids = tokenizer.encode(word, false).ids();
            if (ids.length == 0) {
                throw new VlmscopeException("the answer word '" + word + "' tokenises to nothing. Fix: use another word");
            }
            return new AnswerTokens(word, List.of(tokenizer.idToToken(ids[0])), new int[]{ids[0]});
        }
    }

    /** The word-start pieces ({@code "▁" + word}, {@code "Ġ" + word}) and {@code word} as written, each the vocabulary has (possibly none). */
    record SpacedAndBare() implements AnswerReadout {
        @Override
        public AnswerTokens resolve(Tokenizer tokenizer, String word) {
            List<String> pieces = new ArrayList<>();
            List<Integer> ids = new ArrayList<>();
            for (String piece : new String[]{WORD_STARTS.get(0) + word, WORD_STARTS.get(1) + word, word}) {
                tokenizer.tokenToId(piece).ifPresent(id -> {
                    pieces.add(piece);
                    ids.add(id);
                });
            }
            return new AnswerTokens(word, pieces, ids.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    /** The candidates the vocabulary has, without repeated ids; none is an error naming what was tried. */
    private static AnswerTokens existing(Tokenizer tokenizer, String word, List<String> candidates) {
        List<String> pieces = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        for (String p : candidates) {
            tokenizer.tokenToId(p).ifPresent(id -> {
                if (!ids.contains(id)) {
                    pieces.add(p);
                    ids.add(id);
                }
            });
        }
        if (ids.isEmpty()) {
            throw new VlmscopeException("the answer word '" + word + "' is not a single token of this vocabulary (tried "
                    + candidates + "). Fix: use a checkpoint whose vocabulary has the answer words");
        }
        return new AnswerTokens(word, pieces, ids.stream().mapToInt(Integer::intValue).toArray());
    }

    private static List<String> withoutLoneSpace(List<String> pieces) {
        return pieces.stream().filter(p -> !p.equals("▁") && !p.equals("Ġ")).toList();
    }

    private static String capitalised(String w) {
        return w.isEmpty() ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }
}
