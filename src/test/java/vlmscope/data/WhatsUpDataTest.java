package vlmscope.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.VlmscopeException;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Caption parser P1, the What'sUp reader, its left/right subset, index lists and the COCO image folder. */
class WhatsUpDataTest {

    @TempDir
    Path dir;

    @Test
    void parserReadsMultiWordNounsArticlesAndCase() {
        CaptionParser.Parsed p = CaptionParser.parse("A photo of an potted plant to the right of an umbrella");
        assertEquals(new CaptionParser.Parsed("potted plant", "umbrella", "right"), p);
        assertEquals(new CaptionParser.Parsed("dog", "person", "above"), CaptionParser.parse("  a PHOTO of a Dog above a person."));
        assertEquals(new CaptionParser.Parsed("hot dog", "cup", "left"),
                CaptionParser.parse("A photo of a hot dog to the left of a cup"));
        assertThrows(VlmscopeException.class, () -> CaptionParser.parse("The dog is above the cat"));
    }

    @Test
    void unifiedQueryNamesSubjectObjectAndTheTrueRelation() {
        CaptionParser.Query q = CaptionParser.unifiedQuery("A photo of a frog to the left of a bottle",
                "A photo of a frog to the right of a bottle");
        assertEquals("Is the frog to the left or right of the bottle?", q.query());
        assertEquals("left", q.trueRelation());
        assertEquals("right", q.falseRelation());
        assertEquals("Is the dog above or below the person?", CaptionParser.unifiedQuery(
                "A photo of a dog below a person", "A photo of a dog above a person").query());
        VlmscopeException e = assertThrows(VlmscopeException.class, () -> CaptionParser.unifiedQuery(
                "A photo of a frog to the left of a bottle", "A photo of a cat to the right of a bottle"));
        assertTrue(e.getMessage().contains("different objects"));
    }

    @Test
    void leftRightSubsetKeepsJsonOrderAndLabels() throws IOException {
        Path json = write("rows.json", """
                [[139, "A photo of a dog to the left of a cat", "A photo of a dog to the right of a cat"],
                 [285, "A photo of a cup above a table", "A photo of a cup below a table"],
                 [632, "A photo of a bed to the right of a lamp", "A photo of a bed to the left of a lamp"]]""");
        WhatsUpDataset data = WhatsUpDataset.read(json);
        assertEquals(3, data.rows().size());
        List<LabelledRow> lr = data.leftRight();
        assertEquals(2, lr.size());
        assertEquals(139, lr.get(0).row().imageId());
        assertEquals("left", lr.get(0).direction());
        assertEquals(632, lr.get(1).row().imageId());
        assertEquals(2, lr.get(1).row().index());
        assertEquals("right", lr.get(1).direction());
    }

    @Test
    void badDatasetsGiveOneLineErrorsNamingTheFile() throws IOException {
        assertOneLine(() -> WhatsUpDataset.read(dir.resolve("missing.json")), "not found");
        assertOneLine(() -> WhatsUpDataset.read(write("bad.json", "[[1, \"a\"")), "not valid JSON");
        assertOneLine(() -> WhatsUpDataset.read(write("empty.json", "[]")), "no rows");
        assertOneLine(() -> WhatsUpDataset.read(write("obj.json", "{\"a\": 1}")), "JSON array");
        assertOneLine(() -> WhatsUpDataset.read(write("short.json", "[[1, \"x\"]]")), "row 0");
        assertOneLine(() -> WhatsUpDataset.read(write("ab.json",
                "[[1, \"A photo of a cup above a table\", \"A photo of a cup below a table\"]]")).leftRight(), "left");
    }

    @Test
    void indexListsAreReadAndChecked() throws IOException {
        assertArrayEquals(new int[]{3, 1, 4}, PaperSample.readIndices(write("i.txt", "[3, 1,\n4]"), 5));
        assertOneLine(() -> PaperSample.readIndices(write("o.txt", "7"), 5), "outside");
        assertOneLine(() -> PaperSample.readIndices(write("x.txt", "1 two"), 5), "not an integer");
        assertOneLine(() -> PaperSample.readIndices(write("e.txt", " "), 5), "empty");
    }

    @Test
    void cocoImagesUseTwelveDigitNamesAndReportMissingOnes() throws IOException {
        BufferedImage img = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
        ImageIO.write(img, "jpg", dir.resolve("000000000139.jpg").toFile());
        CocoImages coco = new CocoImages(dir);
        assertEquals(dir.resolve("000000000139.jpg"), coco.path(139));
        assertEquals(4, coco.read(139).getWidth());
        assertOneLine(() -> coco.read(285), "000000000285.jpg");
        assertOneLine(() -> new CocoImages(dir.resolve("nope")), "no such folder");
    }

    private static void assertOneLine(org.junit.jupiter.api.function.Executable action, String mention) {
        VlmscopeException e = assertThrows(VlmscopeException.class, action);
        assertTrue(e.getMessage().contains(mention), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }
}
