package vlmscope.cli;

import vlmscope.hooks.Site;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** A comma-separated list of hook-site names or globs ({@code blocks.*.resid_post}). */
final class SitePattern implements Predicate<Site> {

    private final List<Pattern> patterns = new ArrayList<>();

    SitePattern(String spec) {
        for (String part : spec.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) continue;
            StringBuilder regex = new StringBuilder();
            for (char c : p.toCharArray()) regex.append(c == '*' ? "[^,]*" : Pattern.quote(String.valueOf(c)));
            patterns.add(Pattern.compile(regex.toString()));
        }
        if (patterns.isEmpty()) throw new IllegalArgumentException("empty site list");
    }

    @Override
    public boolean test(Site site) {
        String name = site.toString();
        for (Pattern p : patterns) if (p.matcher(name).matches()) return true;
        return false;
    }
}
