package vlmscope.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The grid generator against docs/paper-mapping.md#ids: layout, naming, counts, placement. */
class GridGeneratorTest {

    private static final NamedColour RED = Palette.byName("red").orElseThrow();
    private static final NamedColour BLUE = Palette.byName("blue").orElseThrow();

    @Test
    void paperLayoutAndNaming() {
        GridGenerator grid = new GridGenerator(896, 4, GridGenerator.PAPER_SIZES);
        List<GridGenerator.GridImage> images = grid.pair("camel", RED, "frog", BLUE, Background.black());
        assertEquals(4 * 240, images.size(), "16 A-cells × 15 B-cells per size");
        // paper order: size outer, A cell (x outer, y inner), B cell likewise, same cell skipped
        assertEquals("camel_frog/0_0/0_1_74.png", images.get(0).path());
        assertEquals("camel_frog/0_0/1_0_74.png", images.get(3).path());
        assertEquals("camel_frog/0_1/0_0_74.png", images.get(15).path());
        assertEquals("camel_frog/3_3/3_2_224.png", images.getLast().path());
        Set<String> unique = new HashSet<>();
        for (var image : images) assertTrue(unique.add(image.path()), "duplicate " + image.path());
    }

    @Test
    void objectsAreCentredInTheirCellsWithTheTruncatedOffset() {
        GridGenerator grid = new GridGenerator(896, 4, GridGenerator.PAPER_SIZES);
        Scene scene = grid.scene("camel", RED, new GridCell(1, 2), "frog", BLUE, new GridCell(3, 0), 74,
                Background.black());
        // cell 224 px, object 74 px: offset (224 − 74) / 2 = 75
        assertEquals(new Box(224 + 75, 448 + 75, 74, 74), scene.objects().get(0).box());
        assertEquals(new Box(672 + 75, 75, 74, 74), scene.objects().get(1).box());
        assertEquals(new GridCell(1, 2), scene.objects().get(0).cell());
        assertEquals(4, scene.gridCells());
        // organism grid: 64 px, 4 cells of 16 px; size 224 fills the cell (patch = cell)
        GridGenerator small = new GridGenerator(64, 4, List.of(224, 124));
        assertEquals(16, small.objectPixels(224));
        assertEquals(9, small.objectPixels(124));   // round(16 · 124 / 224) = round(8.857)
        assertThrows(IllegalArgumentException.class, () -> new GridGenerator(65, 4, List.of(224)));
    }

    @Test
    void pathsParseBackAndFinetuneNamesFollowSection83() {
        String path = GridNaming.paperPath("dog", "cat", new GridCell(2, 1), new GridCell(0, 3), 174);
        assertEquals("dog_cat/2_1/0_3_174.png", path);
        var parsed = GridNaming.parsePaperPath("data/extraction_data/" + path);
        assertEquals(new GridNaming.GridName("dog", "cat", new GridCell(2, 1), new GridCell(0, 3), 174), parsed);
        assertEquals("dog_2-1_cat_0-3.png", GridNaming.finetuneName("dog", new GridCell(2, 1), "cat", new GridCell(0, 3)));
        assertEquals("Is dog to the left or right of cat? Answer with \"left\" or \"right\" only.",
                QuestionForms.finetuneLeftRight("dog", "cat"));
        assertThrows(IllegalArgumentException.class, () -> GridNaming.parsePaperPath("dog_cat/2_1.png"));
    }

    @Test
    void gridQuestionsFollowTheCells() {
        GridGenerator grid = new GridGenerator(64, 4, List.of(224));
        for (var image : grid.pair("dog", RED, "cat", BLUE, Background.black())) {
            GridNaming.GridName name = GridNaming.parsePaperPath(image.path());
            List<QaItem> qa = QaGenerator.forScene(image.scene(), SceneKind.GRID.tasks());
            QaItem first = qa.stream().filter(q -> q.objectWords().equals(List.of("dog", "cat"))
                    && q.task() != QaTask.COLOUR).findFirst().orElseThrow();
            int ax = name.cellA().col(), bx = name.cellB().col(), ay = name.cellA().row(), by = name.cellB().row();
            if (ax != bx) {
                assertEquals(QaTask.LEFT_RIGHT, first.task());
                assertEquals(ax < bx ? "left" : "right", first.answer());
            } else {
                assertEquals(QaTask.ABOVE_BELOW, first.task());
                assertEquals(ay < by ? "above" : "below", first.answer());
            }
            long asked = qa.stream().filter(q -> q.task() != QaTask.COLOUR).count();
            assertEquals(2 * ((ax != bx ? 1 : 0) + (ay != by ? 1 : 0)), asked, image.path());
        }
    }
}
