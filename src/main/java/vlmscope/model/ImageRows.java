package vlmscope.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;

import java.util.List;

/** How image-token rows meet a prompt's token rows, alike for every family: find the slots, join, scatter. */
public final class ImageRows {

    private ImageRows() {
    }

    /** Indices of the rows whose id is {@code imageTokenId}, ascending. */
    public static int[] slots(int[] ids, int imageTokenId) {
        int n = 0;
        for (int id : ids) if (id == imageTokenId) n++;
        int[] pos = new int[n];
        int k = 0;
        for (int i = 0; i < ids.length; i++) if (ids[i] == imageTokenId) pos[k++] = i;
        return pos;
    }

    /**
     * The images' token rows one after another, owned by {@code owner}.
     *
     * @param parts [n_i, d] per image
     * @return [sum n_i, d]
     */
    public static NDArray concat(List<NDArray> parts, NDManager owner) {
        if (parts.size() == 1) return parts.get(0);
        try (NDScope ignored = new NDScope()) {
            return Scopes.keep(NDArrays.concat(new NDList(parts), 0), owner);
        }
    }

    /**
     * HF's masked_scatter: a copy of the token embeddings with the image rows written, in order, over the slots.
     *
     * @param x        [T, d] token embeddings (returned as is when there are no slots)
     * @param features [slots.length, d]
     * @return [T, d] owned by {@code owner}
     */
    public static NDArray scatter(NDArray x, int[] slots, NDArray features, NDManager owner) {
        if (slots.length == 0) return x;
        try (NDScope ignored = new NDScope()) {
            NDArray out = x.duplicate();                                                  // [T, d]
            out.set(new NDIndex("{}", owner.create(slots)), features);
            return Scopes.keep(out, owner);
        }
    }
}
