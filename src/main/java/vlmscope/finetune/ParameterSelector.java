package vlmscope.finetune;

import vlmscope.VlmscopeException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Selective full-parameter training (docs/paper-mapping.md#finetune): which tensors a fine-tuning run updates, chosen by hub-name
 * patterns, then greedily by size (largest first) while the cumulative size stays within {@code budget × total}.
 *
 * <p>{@code vision_mlp_lastk} is the paper's: every projector tensor (weights and biases) plus the MLP weights of the
 * vision encoder's last k blocks. The other selectors (unused in the paper, their exact patterns not released) follow
 * the same shape: the named family of the named tower's last k blocks, {@code lm_head_only} the output head,
 * {@code random} every tensor in a seeded random order. With {@code biasOnly} (BitFit) only {@code .bias} tensors
 * are candidates. A candidate that would break the budget is skipped and smaller ones are still tried.
 */
public final class ParameterSelector {

    /** The selectors of the paper's fine-tuning script. */
    public enum Kind {
        VISION_MLP_LASTK, VISION_ATTN_LASTK, VISION_NORMS_LASTK, LM_MLP_LASTK, LM_ATTN_LASTK, LM_NORMS_LASTK,
        LM_HEAD_ONLY, RANDOM;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind parse(String key) {
            for (Kind k : values()) if (k.key().equals(key.toLowerCase(Locale.ROOT))) return k;
            List<String> keys = new ArrayList<>();
            for (Kind k : values()) keys.add(k.key());
            throw new VlmscopeException("unknown selector '" + key + "'. Fix: use one of " + keys);
        }
    }

    private static final List<String> PROJECTOR = List.of("mm_projector", "multi_modal_projector", "vision_proj",
            "visual_projector", "image_projector", "resampler");
    private static final List<String> VISION = List.of("vision", "visual", "vit");
    private static final List<String> MLP = List.of("mlp.", "up_proj", "down_proj", "gate_proj", "intermediate",
            "fc1", "fc2", ".ffn");
    private static final List<String> ATTN = List.of("attn", "attention", "q_proj", "k_proj", "v_proj", "o_proj",
            "out_proj", "qkv");
    private static final List<String> NORM = List.of("norm", "ln_", "layrnorm");
    private static final Pattern BLOCK = Pattern.compile("\\.(blocks|layers)\\.(\\d+)\\.");

    private ParameterSelector() {
    }

    /**
     * The selected tensor names, largest first.
     *
     * @param sizes      every tensor of the model by name with its number of scalars (the budget's total)
     * @param lastK      how many final blocks the {@code *_lastk} selectors consider (the paper: 6)
     * @param budget     fraction of all scalars that may be trained (the paper: 0.3)
     * @param biasOnly   BitFit: only bias tensors are candidates
     * @param seed       the order of the {@code random} selector
     */
    public static List<String> select(Map<String, Long> sizes, Kind kind, int lastK, double budget, boolean biasOnly,
                                      long seed) {
        long total = sizes.values().stream().mapToLong(Long::longValue).sum();
        List<String> candidates = candidates(new ArrayList<>(sizes.keySet()), kind, lastK, seed);
        if (biasOnly) candidates.removeIf(n -> !n.endsWith(".bias"));
        if (kind != Kind.RANDOM) {
            candidates.sort(Comparator.comparingLong((String n) -> sizes.get(n)).reversed().thenComparing(n -> n));
        }
        long limit = (long) Math.floor(budget * total), used = 0;
        List<String> chosen = new ArrayList<>();
        for (String name : candidates) {
            long n = sizes.get(name);
            if (used + n > limit) continue;
            used += n;
            chosen.add(name);
        }
        return chosen;
    }

    private static List<String> candidates(List<String> names, Kind kind, int lastK, long seed) {
        Predicate<String> vision = n -> !projector(n) && containsAny(n, VISION);
        Predicate<String> language = n -> !projector(n) && !containsAny(n, VISION);
        List<String> out = new ArrayList<>();
        switch (kind) {
            case VISION_MLP_LASTK -> {
                names.stream().filter(ParameterSelector::projector).forEach(out::add);
                out.addAll(lastBlocks(names, vision, n -> weight(n) && containsAny(n, MLP), lastK));
            }
            case VISION_ATTN_LASTK -> out.addAll(lastBlocks(names, vision, n -> weight(n) && containsAny(n, ATTN), lastK));
            case VISION_NORMS_LASTK -> out.addAll(lastBlocks(names, vision, n -> containsAny(n, NORM), lastK));
            case LM_MLP_LASTK -> out.addAll(lastBlocks(names, language, n -> weight(n) && containsAny(n, MLP), lastK));
            case LM_ATTN_LASTK -> out.addAll(lastBlocks(names, language, n -> weight(n) && containsAny(n, ATTN), lastK));
            case LM_NORMS_LASTK -> out.addAll(lastBlocks(names, language, n -> containsAny(n, NORM), lastK));
            case LM_HEAD_ONLY -> names.stream().filter(n -> n.contains("lm_head")).forEach(out::add);
            case RANDOM -> {
                out.addAll(names);
                Collections.shuffle(out, new Random(seed));
            }
        }
        return out;
    }

    /** Names of {@code tower} matching {@code family} whose block index is at least (max index of the tower) − k + 1. */
    private static List<String> lastBlocks(List<String> names, Predicate<String> tower, Predicate<String> family, int k) {
        Map<String, Integer> indexed = new LinkedHashMap<>();
        int max = -1;
        for (String n : names) {
            if (!tower.test(n)) continue;
            int index = blockIndex(n);
            if (index < 0) continue;
            max = Math.max(max, index);
            if (family.test(n)) indexed.put(n, index);
        }
        int from = max - k + 1;
        List<String> out = new ArrayList<>();
        indexed.forEach((n, i) -> {
            if (i >= from) out.add(n);
        });
        return out;
    }

    /** The block index from {@code .(blocks|layers).N.}, or −1. */
    public static int blockIndex(String name) {
        Matcher m = BLOCK.matcher(name);
        return m.find() ? Integer.parseInt(m.group(2)) : -1;
    }

    private static boolean projector(String name) {
        return containsAny(name, PROJECTOR);
    }

    private static boolean weight(String name) {
        return name.endsWith(".weight");
    }

    private static boolean containsAny(String name, List<String> parts) {
        for (String p : parts) if (name.contains(p)) return true;
        return false;
    }
}
