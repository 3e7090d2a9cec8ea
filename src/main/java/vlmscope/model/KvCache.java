package vlmscope.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * Post-RoPE keys and values of every decoder layer for positions {@code [0, length)}.
 * Each layer holds K and V as {@code [kvHeads, length, headDim]}. The cache owns its arrays (its own manager).
 */
public final class KvCache implements AutoCloseable {

    private final NDManager manager;
    private final NDArray[] keys;
    private final NDArray[] values;

    public KvCache(NDManager parent, int numLayers) {
        this.manager = parent.newSubManager();
        this.keys = new NDArray[numLayers];
        this.values = new NDArray[numLayers];
    }

    /** Positions cached in {@code layer}. */
    public int length(int layer) {
        return keys[layer] == null ? 0 : (int) keys[layer].getShape().get(1);
    }

    public int numLayers() {
        return keys.length;
    }

    public NDArray keys(int layer) {
        return keys[layer]; // [KV, S, Dh]
    }

    public NDArray values(int layer) {
        return values[layer]; // [KV, S, Dh]
    }

    /** Appends new positions' K/V ([KV, t, Dh] each) to {@code layer} and returns the full K and V. */
    public NDArray[] append(int layer, NDArray k, NDArray v) {
        NDArray newK = keys[layer] == null ? k.duplicate() : NDArrays.concat(new NDList(keys[layer], k), 1);
        NDArray newV = values[layer] == null ? v.duplicate() : NDArrays.concat(new NDList(values[layer], v), 1);
        Scopes.keep(newK, manager);
        Scopes.keep(newV, manager);
        if (keys[layer] != null) {
            keys[layer].close();
            values[layer].close();
        }
        keys[layer] = newK;
        values[layer] = newV;
        return new NDArray[]{newK, newV};
    }

    /**
     * A new cache holding copies of this cache's first {@code length} positions in layers {@code fromLayer} and up
     * (the layers a run starting at block {@code fromLayer} reads).
     */
    public KvCache prefix(int length, int fromLayer) {
        KvCache copy = new KvCache(manager.getParentManager(), keys.length);
        if (length == 0) return copy;
        for (int l = fromLayer; l < keys.length; l++) {
            if (keys[l] == null) continue;
            copy.keys[l] = keys[l].get(":, :" + length).duplicate();
            copy.values[l] = values[l].get(":, :" + length).duplicate();
            copy.keys[l].attach(copy.manager);
            copy.values[l].attach(copy.manager);
        }
        return copy;
    }

    @Override
    public void close() {
        manager.close();
    }
}
