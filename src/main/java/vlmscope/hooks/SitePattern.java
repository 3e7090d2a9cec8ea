package vlmscope.hooks;

import vlmscope.VlmscopeException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** A comma-separated list of hook-site names or globs ({@code blocks.*.resid_post}). */
public final class SitePattern implements Predicate<String> {

    private final List<Pattern> patterns = new ArrayList<>();

    public SitePattern(String spec) {
        for (String part : spec.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) continue;
            StringBuilder regex = new StringBuilder();
            for (char c : p.toCharArray()) regex.append(c == '*' ? "[^,]*" : Pattern.quote(String.valueOf(c)));
            patterns.add(Pattern.compile(regex.toString()));
        }
        if (patterns.isEmpty()) {
            throw new VlmscopeException("the site list '" + spec + "' names no hook site. Fix: " + TraceDump.SITE_EXAMPLES);
        }
    }

    @Override
    public boolean test(String site) {
        for (Pattern p : patterns) if (p.matcher(site).matches()) return true;
        return false;
    }
}
