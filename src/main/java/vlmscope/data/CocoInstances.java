package vlmscope.data;

import com.fasterxml.jackson.databind.JsonNode;
import vlmscope.Json;
import vlmscope.VlmscopeException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A COCO instances annotation file ({@code annotations/instances_val2017.json}): categories, images with their
 * sizes, and each image's annotations in file order — what pycocotools' {@code getCatIds}, {@code loadImgs} and
 * {@code getAnnIds}/{@code loadAnns} give the paper (docs/paper-mapping.md#deviation, #blur).
 */
public final class CocoInstances {

    /** An image: id, size in pixels and file name. */
    public record Image(long id, int width, int height, String fileName) {
    }

    /** A category: id and name ("person", "potted plant"). */
    public record Category(int id, String name, String supercategory) {
    }

    /**
     * One annotated instance; the box is COCO's {@code [x, y, width, height]} in pixels (top-left corner).
     */
    public record Annotation(long id, long imageId, int categoryId, double x, double y, double width, double height) {

        public double centreX() {
            return x + width / 2;
        }

        public double centreY() {
            return y + height / 2;
        }
    }

    private final Map<Integer, Category> categories;
    private final Map<String, Category> byName;
    private final Map<Long, Image> images;
    private final Map<Long, List<Annotation>> annotations;

    private CocoInstances(Map<Integer, Category> categories, Map<Long, Image> images, Map<Long, List<Annotation>> annotations) {
        this.categories = categories;
        this.images = images;
        this.annotations = annotations;
        this.byName = new LinkedHashMap<>();
        for (Category c : categories.values()) byName.putIfAbsent(c.name(), c);
    }

    /** Reads an instances JSON file; a malformed one raises one clear line naming the file. */
    public static CocoInstances read(Path file) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw VlmscopeException.badInput(file, "cannot read COCO instances JSON (" + e.getMessage() + ")",
                    "pass annotations/instances_val2017.json from the COCO 2017 annotations", e);
        }
        if (root == null || !root.path("categories").isArray() || !root.path("annotations").isArray()
                || !root.path("images").isArray()) {
            throw VlmscopeException.badInput(file, "not a COCO instances file (needs images, annotations and categories arrays)",
                    "pass annotations/instances_val2017.json from the COCO 2017 annotations");
        }
        try {
            Map<Integer, Category> categories = new LinkedHashMap<>();
            for (JsonNode c : root.get("categories")) {
                Category cat = new Category(required(c, "id").asInt(), required(c, "name").asText(), c.path("supercategory").asText(""));
                categories.put(cat.id(), cat);
            }
            Map<Long, Image> images = new LinkedHashMap<>();
            for (JsonNode i : root.get("images")) {
                Image image = new Image(required(i, "id").asLong(), required(i, "width").asInt(),
                        required(i, "height").asInt(), i.path("file_name").asText(""));
                images.put(image.id(), image);
            }
            Map<Long, List<Annotation>> annotations = new LinkedHashMap<>();
            for (JsonNode a : root.get("annotations")) {
                JsonNode box = required(a, "bbox");
                if (!box.isArray() || box.size() != 4) throw new IllegalArgumentException("bbox must be [x, y, w, h]: " + box);
                Annotation ann = new Annotation(a.path("id").asLong(), required(a, "image_id").asLong(),
                        required(a, "category_id").asInt(), box.get(0).asDouble(), box.get(1).asDouble(),
                        box.get(2).asDouble(), box.get(3).asDouble());
                annotations.computeIfAbsent(ann.imageId(), k -> new ArrayList<>()).add(ann);
            }
            return new CocoInstances(categories, images, annotations);
        } catch (IllegalArgumentException e) {
            throw VlmscopeException.badInput(file, "malformed COCO instances entry (" + e.getMessage() + ")",
                    "pass an unmodified COCO instances file", e);
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) throw new IllegalArgumentException("missing \"" + field + "\" in " + node);
        return v;
    }

    public List<Category> categories() {
        return List.copyOf(categories.values());
    }

    /** The category with exactly this name (pycocotools {@code getCatIds(catNms=[name])}), if any. */
    public Optional<Category> categoryNamed(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Optional<Category> category(int id) {
        return Optional.ofNullable(categories.get(id));
    }

    public Optional<Image> image(long id) {
        return Optional.ofNullable(images.get(id));
    }

    /** The image's annotations in file order (empty when it has none). */
    public List<Annotation> annotations(long imageId) {
        return Collections.unmodifiableList(annotations.getOrDefault(imageId, List.of()));
    }

    /** The image's instances of a category, in file order. */
    public List<Annotation> instances(long imageId, Category category) {
        return annotations(imageId).stream().filter(a -> a.categoryId() == category.id()).toList();
    }

    /**
     * The paper's {@code get_bbox_for_subject} (docs/paper-mapping.md#deviation): the first annotation whose category name contains
     * {@code name} case-insensitively ("car" also matches "carrot").
     */
    public Optional<Annotation> firstContaining(long imageId, String name) {
        String needle = name.toLowerCase(java.util.Locale.ROOT);
        return annotations(imageId).stream()
                .filter(a -> category(a.categoryId()).map(c -> c.name().toLowerCase(java.util.Locale.ROOT).contains(needle)).orElse(false))
                .findFirst();
    }
}
