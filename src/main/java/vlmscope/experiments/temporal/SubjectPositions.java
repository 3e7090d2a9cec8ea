package vlmscope.experiments.temporal;

import vlmscope.processing.ModelInput;
import vlmscope.processing.Occurrence;
import vlmscope.processing.Tokenizer;
import vlmscope.processing.WordLocator;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Where temporal steering adds its vector (docs/paper-mapping.md#temporal). Fixed: every token piece of the subject's name (the
 * pieces of {@code tokenize(" " + subject)} ending at its located last piece; the last piece alone if the pieces
 * before it differ). Paper-compat: the paper's {@code {−20 − n2 + k : k < n2}}, which starts at the subject's last
 * token and runs forward n2 − 1 tokens, n2 = the word count of the <em>other</em> object's name (docs/paper-mapping.md#paper-compat
 * item 3).
 */
public final class SubjectPositions {

    private SubjectPositions() {
    }

    public static int[] of(ModelInput input, String subject, String other, Tokenizer tokenizer, WordLocator locator,
                           boolean paperCompat) {
        int last = locator.positions(input, subject, Occurrence.FIRST)[0];
        if (paperCompat) {
            int n2 = other.strip().split("\\s+").length;
            return IntStream.range(last, Math.min(last + n2, input.length())).toArray();
        }
        List<String> pieces = tokenizer.tokenize(" " + subject).stream().filter(p -> !p.equals("▁")).toList();
        int first = last - pieces.size() + 1;
        if (first < 0) return new int[]{last};
        for (int k = 0; k < pieces.size(); k++) if (!input.tokens()[first + k].equals(pieces.get(k))) return new int[]{last};
        return IntStream.rangeClosed(first, last).toArray();
    }
}
