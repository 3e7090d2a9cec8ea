package vlmscope.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;

/** Keeping results alive past a per-layer {@link NDScope} (docs/backend.md#scopes). */
public final class Scopes {

    private Scopes() {
    }

    /** Removes {@code array} from the enclosing scopes and hands it to {@code owner}, which will close it. */
    public static NDArray keep(NDArray array, NDManager owner) {
        NDScope.unregister(array);
        array.attach(owner);
        return array;
    }
}
