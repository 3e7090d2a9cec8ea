package vlmscope.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vlmscope.VlmscopeException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CocoInstancesTest {

    private static final String JSON = """
            {"info": {}, "images": [{"id": 139, "width": 640, "height": 426, "file_name": "000000000139.jpg"},
                                    {"id": 285, "width": 586, "height": 640, "file_name": "000000000285.jpg"}],
             "annotations": [
               {"id": 1, "image_id": 139, "category_id": 3, "bbox": [10.5, 20, 30, 40], "area": 1200, "iscrowd": 0},
               {"id": 2, "image_id": 139, "category_id": 1, "bbox": [100, 50, 20, 80], "area": 1600, "iscrowd": 0},
               {"id": 3, "image_id": 139, "category_id": 3, "bbox": [300, 200, 10, 10], "area": 100, "iscrowd": 0},
               {"id": 4, "image_id": 285, "category_id": 57, "bbox": [0, 0, 586, 640], "area": 1, "iscrowd": 0}],
             "categories": [{"id": 1, "name": "person", "supercategory": "person"},
                            {"id": 3, "name": "car", "supercategory": "vehicle"},
                            {"id": 57, "name": "carrot", "supercategory": "food"}]}
            """;

    @Test
    void readsCategoriesImagesAndPerImageAnnotationsInFileOrder(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("instances.json");
        Files.writeString(file, JSON);
        CocoInstances coco = CocoInstances.read(file);
        assertEquals(3, coco.categories().size());
        assertEquals(426, coco.image(139).orElseThrow().height());
        assertEquals(3, coco.annotations(139).size());
        assertTrue(coco.annotations(999).isEmpty());
        var car = coco.categoryNamed("car").orElseThrow();
        var cars = coco.instances(139, car);
        assertEquals(2, cars.size());
        assertEquals(1, cars.get(0).id());
        assertEquals(25.5, cars.get(0).centreX(), 0);
        assertEquals(40, cars.get(0).centreY(), 0);
        assertTrue(coco.categoryNamed("dog").isEmpty(), "exact names only, like getCatIds(catNms=...)");
        assertTrue(coco.categoryNamed("ca").isEmpty());
        // the paper's substring rule: "car" matches "carrot" too, first annotation in file order wins
        assertEquals(4, coco.firstContaining(285, "car").orElseThrow().id());
        assertEquals(1, coco.firstContaining(139, "CAR").orElseThrow().id());
    }

    @Test
    void malformedFilesGiveOneClearLine(@TempDir Path dir) throws IOException {
        Path notCoco = dir.resolve("a.json");
        Files.writeString(notCoco, "{\"images\": []}");
        VlmscopeException e = assertThrows(VlmscopeException.class, () -> CocoInstances.read(notCoco));
        assertTrue(e.getMessage().contains("a.json") && e.getMessage().contains("Fix:"), e.getMessage());
        Path badBox = dir.resolve("b.json");
        Files.writeString(badBox, "{\"images\": [], \"categories\": [], \"annotations\": [{\"image_id\": 1, \"category_id\": 2, \"bbox\": [1, 2]}]}");
        assertThrows(VlmscopeException.class, () -> CocoInstances.read(badBox));
        assertThrows(VlmscopeException.class, () -> CocoInstances.read(dir.resolve("missing.json")));
    }
}
