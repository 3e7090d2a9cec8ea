package vlmscope.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Conversions from NDArrays to Java arrays. */
final class Arrays2 {

    private Arrays2() {
    }

    /** Rows of a [T, d] array as float32 [n][d]. */
    static float[][] rows(NDArray array, int... positions) {
        long t = array.getShape().get(0);
        float[][] out = new float[positions.length][];
        for (int i = 0; i < positions.length; i++) {
            if (positions[i] < 0 || positions[i] >= t) {
                throw new IndexOutOfBoundsException("position " + positions[i] + " outside [0, " + t + ")");
            }
            try (NDArray row = array.get(positions[i]); NDArray f = row.toType(DataType.FLOAT32, false)) {
                out[i] = f.toFloatArray();
            }
        }
        return out;
    }

    static float[] floats(NDArray array) {
        if (array.getDataType() == DataType.FLOAT32) return array.toFloatArray();
        try (NDArray f = array.toType(DataType.FLOAT32, false)) {
            return f.toFloatArray();
        }
    }
}
