package vlmscope.world;

/** A colour attribute: a one-word name and its sRGB value packed as 0xRRGGBB. */
public record NamedColour(String name, int rgb) {

    /** "#rrggbb", the form stored in annotations. */
    public String hex() {
        return String.format("#%06x", rgb & 0xFFFFFF);
    }

    public static int parseHex(String hex) {
        if (hex == null || hex.length() != 7 || hex.charAt(0) != '#')
            throw new IllegalArgumentException("colour must look like #rrggbb, got " + hex);
        return Integer.parseInt(hex.substring(1), 16);
    }
}
