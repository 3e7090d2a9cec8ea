package vlmscope.experiments.ids;

/**
 * Where the target object sits in a grid image: cell column {@code x} (0 = left), row {@code y} (0 = top) and
 * size label {@code size} (object side in 224ths of a cell, docs/paper-mapping.md#ids). Its key form is
 * {@code x{x}_y{y}_s{size}}, as in {@link IdKeys}.
 */
public record GridLoc(int x, int y, int size) {

    public String key() {
        return "x" + x + "_y" + y + "_s" + size;
    }
}
