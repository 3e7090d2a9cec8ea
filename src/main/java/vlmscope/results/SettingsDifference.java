package vlmscope.results;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The settings that differ between a results file and a new run, as one short phrase:
 * {@code "layers: 3 in the file, 4 now"}; nested settings are named by dotted path, at most three are listed.
 */
final class SettingsDifference {

    private static final int MAX_LISTED = 3;
    private static final int MAX_VALUE_CHARS = 40;

    private SettingsDifference() {
    }

    /** The phrase, or "" when the settings are equal. */
    static String of(JsonNode before, JsonNode now) {
        List<String> differences = new ArrayList<>();
        collect("", before, now, differences);
        if (differences.isEmpty()) return "";
        String listed = String.join("; ", differences.subList(0, Math.min(MAX_LISTED, differences.size())));
        return differences.size() > MAX_LISTED ? listed + "; and " + (differences.size() - MAX_LISTED) + " more" : listed;
    }

    private static void collect(String path, JsonNode before, JsonNode now, List<String> out) {
        if (before.equals(now)) return;
        if (before.isObject() && now.isObject()) {
            Set<String> names = new TreeSet<>();
            before.fieldNames().forEachRemaining(names::add);
            now.fieldNames().forEachRemaining(names::add);
            for (String name : names) collect(path.isEmpty() ? name : path + "." + name, before.path(name), now.path(name), out);
            return;
        }
        out.add((path.isEmpty() ? "settings" : path) + ": " + shown(before) + " in the file, " + shown(now) + " now");
    }

    private static String shown(JsonNode value) {
        if (value.isMissingNode()) return "absent";
        String text = value.toString();
        return text.length() <= MAX_VALUE_CHARS ? text : text.substring(0, MAX_VALUE_CHARS - 1) + "…";
    }
}
