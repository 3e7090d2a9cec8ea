package vlmscope.data;

/**
 * One row of What'sUp's COCO-spatial JSON ({@code [image_id, true_caption, false_caption]}).
 *
 * @param index        the row's position in the JSON array
 * @param imageId      the COCO image id
 * @param trueCaption  the caption that describes the image
 * @param falseCaption the same sentence with the opposite relation
 */
public record WhatsUpRow(int index, long imageId, String trueCaption, String falseCaption) {
}
