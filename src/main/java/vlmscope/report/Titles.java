package vlmscope.report;

/** A panel's title and axis labels (null or blank: not drawn); {@code xLabel}/{@code yLabel} label the axes as drawn. */
record Titles(String title, String xLabel, String yLabel) {

    /** The same title with other axis labels. */
    Titles withAxes(String newXLabel, String newYLabel) {
        return new Titles(title, newXLabel, newYLabel);
    }
}
