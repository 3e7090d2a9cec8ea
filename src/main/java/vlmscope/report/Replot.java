package vlmscope.report;

import vlmscope.VlmscopeException;

import java.nio.file.Path;
import java.util.Map;

/** Re-makes an experiment's figures from its results, with the maker registered for its experiment name. */
public final class Replot {

    private Replot() {
    }

    /** The maker for {@code folder}'s experiment, or a clear error naming the results file and the known names. */
    public static FigureMaker makerFor(ResultsFolder folder, Map<String, FigureMaker> makers) {
        FigureMaker maker = makers.get(folder.experiment());
        if (maker == null) {
            throw VlmscopeException.badInput(folder.resultsFile(), "experiment '" + folder.experiment()
                    + "' has no figure maker (known: " + (makers.isEmpty() ? "none" : String.join(", ", makers.keySet().stream().sorted().toList())) + ")",
                    "check the header's \"experiment\" name, or use a vlmscope version that plots it");
        }
        return maker;
    }

    /** Writes {@code folder}'s figures into {@code figuresDir}. */
    public static void figures(ResultsFolder folder, Path figuresDir, Map<String, FigureMaker> makers) {
        makerFor(folder, makers).make(folder.results(), figuresDir);
    }
}
