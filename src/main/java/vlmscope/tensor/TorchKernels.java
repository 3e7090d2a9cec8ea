package vlmscope.tensor;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import vlmscope.VlmscopeException;

/**
 * Fused and bf16 kernels of the bundled libtorch that DJL 0.36 does not expose: scaled-dot-product attention,
 * RMSNorm, bf16 casts, and activations / softmax that accept bf16 tensors.
 *
 * <p>They are reached through a tiny TorchScript library, the resource {@code vlmscope/kernels.pt} written by
 * {@code tools/make_kernels.py} (standard-library Python; libtorch compiles its source at load). Each method is
 * one call of {@code IValueUtils.forward} with {@code isTrain = true}; the method is picked by a marker array
 * named {@code "module_method:<name>"}, which DJL strips from the arguments.
 *
 * <p>Contract of every kernel method:
 * <ul>
 *   <li>The result attaches to the manager of the <em>first</em> argument and registers with the innermost
 *       {@link NDScope}, exactly like a DJL op; close it, or let the scope close it.</li>
 *   <li>The result is an ordinary tensor, not an InferenceMode tensor ({@code isTrain = true} runs without
 *       DJL's InferenceMode guard): later in-place ops ({@code set}, {@code addi}) work on it, and autograd
 *       flows through the kernel when an input requires a gradient.</li>
 *   <li>bf16 tensors appear in DJL as {@link DataType#UNKNOWN}; test them with {@link #isBf16}. DJL ops that pass
 *       a dtype to native code ({@code softmax}, {@code toType(BFLOAT16)}, {@code zerosLike}, {@code onesLike})
 *       abort the JVM on them; {@code matMul}, {@code Linear.linear}, add/mul, reshape/get/concat, and
 *       {@code toType(FLOAT32, false)} work.</li>
 *   <li>Arguments may carry names: a named argument (DJL would read a name with a dot as a dict key) is passed
 *       as an unnamed view.</li>
 * </ul>
 * An instance is safe to share between threads. Its first call of each method costs tens of milliseconds
 * (TorchScript profiling); later calls add about 10–20 µs over the op itself.
 */
public final class TorchKernels implements AutoCloseable {

    private static final String RESOURCE = "/vlmscope/kernels.pt";
    private static final String GENERATOR = "tools/make_kernels.py";
    private static final List<String> METHODS = List.of(
            "sdpa", "sdpa_causal", "sdpa_masked", "rms_norm", "to_bf16", "to_f32", "bf16_from_bits",
            "bf16_to_bits", "softmax", "log_softmax_last", "silu", "swiglu", "gelu_erf", "quick_gelu");

    private final NDManager manager; // owns the module, the markers and the cached scalar arguments
    private final PtSymbolBlock module;
    private final Map<String, NDArray> markers;
    private final Map<Float, NDArray> epsArgs = new ConcurrentHashMap<>(); // eps -> [] FLOAT32
    private final Map<Integer, NDArray> axisArgs = new ConcurrentHashMap<>(); // axis -> [] INT64

    private TorchKernels(NDManager manager, PtSymbolBlock module) {
        this.manager = manager;
        this.module = module;
        Map<String, NDArray> byName = new HashMap<>();
        for (String method : METHODS) {
            NDArray marker = kept(manager.create(0f)); // [] ; only its name is read
            marker.setName("module_method:" + method);
            byName.put(method, marker);
        }
        this.markers = Map.copyOf(byName);
    }

    private static TorchKernels shared;

    /**
     * The process's one copy of the kernel library, loaded on first use and kept until the JVM exits: every model
     * and every dtype cast uses it, so the archive is loaded once however many models a process opens.
     */
    public static synchronized TorchKernels shared() {
        if (shared == null) shared = load(Engine.getEngine("PyTorch").newBaseManager());
        return shared;
    }

    /**
     * Loads the kernel library from the classpath (read as a stream; no temp file) into a sub-manager of
     * {@code parent}. Closing the returned object, or {@code parent}, frees it. Works inside an NDScope.
     */
    public static TorchKernels load(NDManager parent) {
        if (!(parent instanceof PtNDManager)) {
            throw new VlmscopeException("TorchKernels needs the PyTorch engine, got a manager of "
                    + parent.getEngine().getEngineName() + ". Fix: create the NDManager with the PyTorch engine");
        }
        InputStream archive = TorchKernels.class.getResourceAsStream(RESOURCE);
        if (archive == null) {
            throw new VlmscopeException("classpath resource " + RESOURCE + " is missing. Fix: run python3 "
                    + GENERATOR + " and rebuild");
        }
        NDManager own = parent.newSubManager();
        try (archive) {
            return new TorchKernels(own, JniUtils.loadModule((PtNDManager) own, archive, true, false));
        } catch (IOException | RuntimeException e) {
            own.close();
            throw new VlmscopeException("classpath resource " + RESOURCE + " could not be loaded as TorchScript: "
                    + e.getMessage() + ". Fix: regenerate it with python3 " + GENERATOR, e);
        }
    }

    /**
     * Whether {@code x} holds bfloat16. DJL reports every dtype it has no enum case for as {@link DataType#UNKNOWN};
     * among those, the 2-byte ones are bf16, int16 and uint16, and vlmscope creates no int16/uint16 tensors (DJL
     * aborts on INT16/UINT16 and no kernel returns them). So the test is: UNKNOWN and 2 bytes per element, the
     * size read from a one-element view through a direct buffer (no copy of {@code x}).
     */
    public static boolean isBf16(NDArray x) {
        if (x.getDataType() != DataType.UNKNOWN) {
            return false;
        }
        try (NDArray one = oneElement(x)) { // [] same dtype as x
            return one.toByteBuffer(true).remaining() == Short.BYTES;
        }
    }

    /** Non-causal attention (CLIP vision tower): softmax(q kᵀ / √Dh) v; q [B,H,Lq,Dh], k/v [B,H,Lk,Dh]. */
    public NDArray sdpa(NDArray q, NDArray k, NDArray v) {
        return run("sdpa", q, k, v); // [B,H,Lq,Dh]
    }

    /**
     * Causal attention with the mask aligned top-left (query i sees keys 0..i); q/k/v [B,H,T,Dh] with Lq == Lk.
     * For suffix queries over a K/V cache (Lq &lt; Lk) use {@link #sdpaMasked} with a bottom-right mask.
     */
    public NDArray sdpaCausal(NDArray q, NDArray k, NDArray v) {
        return run("sdpa_causal", q, k, v); // [B,H,T,Dh]
    }

    /**
     * Attention with an additive float mask broadcastable to [B,H,Lq,Lk] (0 = attend, -inf = blocked); the mask
     * is cast to q's dtype inside, so an fp32 mask serves bf16 q/k/v. q [B,H,Lq,Dh], k/v [B,H,Lk,Dh].
     */
    public NDArray sdpaMasked(NDArray q, NDArray k, NDArray v, NDArray mask) {
        return run("sdpa_masked", q, k, v, mask); // [B,H,Lq,Dh]
    }

    /** {@code torch.rms_norm} over the last axis: x · rsqrt(mean(x²) + eps) · w, computed in fp32 for bf16 x. */
    public NDArray rmsNorm(NDArray x, NDArray w, float eps) {
        NDArray epsArg = epsArgs.computeIfAbsent(eps, e -> kept(manager.create(e.floatValue()))); // []
        return run("rms_norm", x, w, epsArg); // same shape as x [..., d]; w [d]
    }

    /** Casts to bfloat16 (round to nearest even); the result reports {@link DataType#UNKNOWN}. */
    public NDArray toBf16(NDArray x) {
        return run("to_bf16", x);
    }

    /** Casts to float32 (exact for bf16 input). */
    public NDArray toF32(NDArray x) {
        return run("to_f32", x);
    }

    /**
     * Reinterprets a FLOAT16-typed array whose bytes are bfloat16 bits (for example a zero-copy view of a bf16
     * safetensors region created with DataType.FLOAT16) as a bf16 tensor. Zero-copy: the result shares memory
     * with {@code bits}, so whatever keeps {@code bits}' memory alive (a mapping) must outlive the result.
     */
    public NDArray bf16FromBits(NDArray bits) {
        return run("bf16_from_bits", bits);
    }

    /** The inverse of {@link #bf16FromBits}: a FLOAT16-typed zero-copy view of a bf16 tensor's bits (for writing). */
    public NDArray bf16ToBits(NDArray bf16) {
        return run("bf16_to_bits", bf16);
    }

    /** Softmax along {@code axis} (negative counts from the end), computed in fp32, returned in x's dtype. */
    public NDArray softmax(NDArray x, int axis) {
        NDArray axisArg = axisArgs.computeIfAbsent(axis, a -> kept(manager.create((long) a))); // []
        return run("softmax", x, axisArg);
    }

    /** log_softmax over the last axis, computed and returned in fp32 whatever x's dtype (beliefs, losses). */
    public NDArray logSoftmax(NDArray x) {
        return run("log_softmax_last", x);
    }

    /** x · sigmoid(x). */
    public NDArray silu(NDArray x) {
        return run("silu", x);
    }

    /** silu(gate) · up, the Llama MLP gate in one call; gate and up have the same shape. */
    public NDArray swiglu(NDArray gate, NDArray up) {
        return run("swiglu", gate, up);
    }

    /** Exact GELU, 0.5 x (1 + erf(x / √2)) (HF "gelu"). */
    public NDArray geluErf(NDArray x) {
        return run("gelu_erf", x);
    }

    /** x · sigmoid(1.702 x) (HF "quick_gelu", CLIP ViT-L/14). */
    public NDArray quickGelu(NDArray x) {
        return run("quick_gelu", x);
    }

    /** Frees the module, the markers and the cached scalar arguments. */
    @Override
    public void close() {
        manager.close();
    }

    private NDArray run(String method, NDArray... args) {
        NDList inputs = new NDList(args.length + 1);
        List<NDArray> views = new ArrayList<>(0);
        try {
            for (NDArray arg : args) {
                inputs.add(unnamed(arg, views));
            }
            inputs.add(markers.get(method));
            return IValueUtils.forward(module, inputs, true).singletonOrThrow();
        } finally {
            views.forEach(NDArray::close);
        }
    }

    /** {@code x} itself, or when it has a name an unnamed same-shape view that is closed after the call. */
    private static NDArray unnamed(NDArray x, List<NDArray> views) {
        if (x.getName() == null) {
            return x;
        }
        NDArray view = x.reshape(x.getShape()); // same shape: always a view, never a copy
        views.add(view);
        return view;
    }

    /** A 0-dim array of x's dtype: a view of x's first element, or for an empty x its (empty) sum. */
    private static NDArray oneElement(NDArray x) {
        if (x.size() == 0) {
            return x.sum(); // [] ; sum keeps bf16 (integer types widen to INT64, which DJL knows)
        }
        int rank = x.getShape().dimension();
        if (rank == 0) {
            return x.reshape(x.getShape());
        }
        return x.get(new NDIndex(String.join(",", Collections.nCopies(rank, "0")))); // [] first element
    }

    /** Removes an array that this object owns for its lifetime from any NDScope open while it was created. */
    private static NDArray kept(NDArray array) {
        NDScope.unregister(array);
        return array;
    }
}
