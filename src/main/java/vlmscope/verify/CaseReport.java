package vlmscope.verify;

import java.util.List;

/** The verified groups of one fixture case. */
public record CaseReport(String fixture, String caseName, List<GroupResult> groups) {

    public boolean pass() {
        return groups.stream().allMatch(GroupResult::pass);
    }
}
