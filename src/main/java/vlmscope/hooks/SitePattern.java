package vlmscope.hooks;

import vlmscope.VlmscopeException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** A comma-separated list of hook-site names or globs ({@code blocks.*.resid_post}). */
public final class SitePattern implements Predicate<Site> {

    /** What a site list looks like, for error messages. */
    public static final String EXAMPLES = "use names like embed, blocks.3.resid_post, blocks.*.attn_out, vision.features,"
            + " projector.out, final_norm";

    private final String spec;
    private final List<Pattern> patterns = new ArrayList<>();

    public SitePattern(String spec) {
        this.spec = spec;
        for (String part : spec.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) continue;
            StringBuilder regex = new StringBuilder();
            for (char c : p.toCharArray()) regex.append(c == '*' ? "[^,]*" : Pattern.quote(String.valueOf(c)));
            patterns.add(Pattern.compile(regex.toString()));
        }
        if (patterns.isEmpty()) {
            throw new VlmscopeException("the site list '" + spec + "' names no hook site. Fix: " + EXAMPLES);
        }
    }

    @Override
    public boolean test(Site site) {
        String name = site.toString();
        for (Pattern p : patterns) if (p.matcher(name).matches()) return true;
        return false;
    }

    /** The list as given. */
    @Override
    public String toString() {
        return spec;
    }
}
