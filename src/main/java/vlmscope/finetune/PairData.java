package vlmscope.finetune;

import vlmscope.organism.Example;
import vlmscope.organism.HeldOutSplit;
import vlmscope.organism.OrganismPrompts;
import vlmscope.world.Background;
import vlmscope.world.Box;
import vlmscope.world.Catalogue;
import vlmscope.world.GridCell;
import vlmscope.world.NamedColour;
import vlmscope.world.Palette;
import vlmscope.world.QuestionForms;
import vlmscope.world.Scene;
import vlmscope.world.SceneObject;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The fine-tuning data (docs/paper-mapping.md#finetune, whose images were not released) drawn from the world: two objects of
 * distinct kinds centred in two distinct cells of the m×m grid (side 80% of a cell, black canvas), with the
 * docs/paper-mapping.md#finetune questions verbatim — left/right when the columns differ, above/below when the rows differ. Object pairs
 * follow the {@link HeldOutSplit} (the paper's split, docs/paper-mapping.md#finetune: unordered pairs shuffled with Random(42), 15% held out);
 * colours avoid held-out kind–colour combinations. Colours come from the {@link SplittableRandom} passed in.
 */
public final class PairData {

    private final int canvas, cells;
    private final HeldOutSplit split;

    public PairData(int canvas, int cells, HeldOutSplit split) {
        this.canvas = canvas;
        this.cells = cells;
        this.split = split;
    }

    /** Every fixed-obj1 group of the training pairs ({@code heldOut} false) or of the held-out pairs. */
    public List<PairGroup> groups(boolean heldOut) {
        List<String> kinds = Catalogue.names();
        List<PairGroup> out = new ArrayList<>();
        for (String a : kinds) {
            for (String b : kinds) {
                if (a.equals(b) || split.heldOutPair(a, b) != heldOut) continue;
                for (int y = 0; y < cells; y++) for (int x = 0; x < cells; x++) out.add(new PairGroup(a, x, y, b));
            }
        }
        return out;
    }

    /** Items of a group per group: 2·(m² − m) (24 on a 4×4 grid). */
    public int itemsPerGroup() {
        return 2 * (cells * cells - cells);
    }

    /** The group's items in placement order (obj2 cells row-major; left/right before above/below). */
    public List<PairItem> items(PairGroup g, SplittableRandom colours) {
        NamedColour c1 = colour(g.obj1(), colours), c2 = colour(g.obj2(), colours);
        List<PairItem> out = new ArrayList<>();
        for (int y2 = 0; y2 < cells; y2++) {
            for (int x2 = 0; x2 < cells; x2++) {
                if (x2 == g.x1() && y2 == g.y1()) continue;
                Scene scene = new Scene(canvas, canvas, Background.black(), cells,
                        List.of(object(g.obj1(), c1, g.x1(), g.y1()), object(g.obj2(), c2, x2, y2)), false);
                if (x2 != g.x1()) {
                    String q = QuestionForms.finetuneLeftRight(g.obj1(), g.obj2());
                    out.add(item(g, x2, y2, scene, q, g.x1() < x2 ? "left" : "right"));
                }
                if (y2 != g.y1()) {
                    String q = QuestionForms.finetuneAboveBelow(g.obj1(), g.obj2());
                    out.add(item(g, x2, y2, scene, q, g.y1() < y2 ? "above" : "below"));
                }
            }
        }
        return out;
    }

    private PairItem item(PairGroup g, int x2, int y2, Scene scene, String question, String answer) {
        Example e = new Example("finetune", List.of(scene), OrganismPrompts.chat(question, 1), answer);
        return new PairItem(g.obj1(), g.x1(), g.y1(), g.obj2(), x2, y2, e);
    }

    private NamedColour colour(String kind, SplittableRandom rng) {
        while (true) {
            NamedColour c = Palette.COLOURS.get(rng.nextInt(Palette.COLOURS.size()));
            if (!split.heldOutCombo(kind, c.name())) return c;
        }
    }

    private SceneObject object(String kind, NamedColour colour, int col, int row) {
        int cell = canvas / cells;
        int side = Math.max(3, Math.round(cell * 0.8f));
        int offset = (cell - side) / 2;
        return SceneObject.of(kind, colour, new Box(col * cell + offset, row * cell + offset, side, side))
                .withCell(new GridCell(col, row));
    }
}
