package vlmscope.train;

import vlmscope.organism.OrganismPrompts;
import vlmscope.train.OrganismParameters.DenseHeadShape;
import vlmscope.world.Catalogue;
import vlmscope.world.Palette;
import vlmscope.world.Scene;
import vlmscope.world.SceneObject;

import java.util.List;

/**
 * A batch for dense vision pre-training: images and, per patch, four labels — the kind and the colour of the
 * object whose centre lies in that patch (the last painted one if several; "empty" otherwise), and the patch's row
 * and column.
 *
 * @param pixels [N * 3 * S * S]
 * @param labels [N * P * 4]: kind (kinds = empty), colour (colours = empty), row, column
 */
public record DenseBatch(float[] pixels, int images, int[] labels) {

    public static DenseBatch of(List<Scene> scenes, List<float[]> pixels, int cells) {
        int p = cells * cells;
        int[] labels = new int[scenes.size() * p * 4];
        int frame = pixels.getFirst().length;
        float[] all = new float[frame * scenes.size()];
        List<String> kinds = Catalogue.names(), colours = Palette.names();
        for (int i = 0; i < scenes.size(); i++) {
            System.arraycopy(pixels.get(i), 0, all, i * frame, frame);
            Scene s = scenes.get(i);
            for (int cell = 0; cell < p; cell++) {
                int at = (i * p + cell) * 4;
                labels[at] = kinds.size();
                labels[at + 1] = colours.size();
                labels[at + 2] = cell / cells;
                labels[at + 3] = cell % cells;
            }
            for (SceneObject o : s.objects()) {
                int row = OrganismPrompts.cellOf(o.centre().y(), s.width(), cells);
                int col = OrganismPrompts.cellOf(o.centre().x(), s.width(), cells);
                int at = (i * p + row * cells + col) * 4;
                labels[at] = kinds.indexOf(o.kind());
                labels[at + 1] = colours.indexOf(o.colour());
            }
        }
        return new DenseBatch(all, scenes.size(), labels);
    }

    /** The dense head's class counts for an m×m grid. */
    public static DenseHeadShape headShape(int cells) {
        return new DenseHeadShape(Catalogue.names().size(), Palette.names().size(), cells);
    }
}
