package vlmscope.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import vlmscope.organism.OrganismSpec;
import vlmscope.tensor.SafetensorsFile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

import static vlmscope.organism.TensorNames.LM_HEAD;
import static vlmscope.organism.TensorNames.projector;
import static vlmscope.organism.TensorNames.text;
import static vlmscope.organism.TensorNames.textLayer;
import static vlmscope.organism.TensorNames.vision;
import static vlmscope.organism.TensorNames.visionLayer;

/**
 * Every trainable tensor of an organism, by hub name, in a fixed order, owned by one manager.
 *
 * <p>Initialisation (organism-notes: the GPT-2 recipe N(0, 0.02) left a prototype stuck at chance): every linear
 * weight and the patch convolution N(0, 1/fan_in) (unit gain), biases 0, norm gains 1, token embeddings and the
 * class embedding N(0, 1), the ViT position embedding N(0, 0.1²) so that it cannot drown the image content.
 */
public final class OrganismParameters implements AutoCloseable {

    /** Classes of the dense head: kind (kinds + empty), colour (colours + empty), row, column. */
    public record DenseHeadShape(int kinds, int colours, int grid) {
        public int outputs() {
            return kinds + 1 + colours + 1 + grid + grid;
        }
    }

    private final OrganismSpec spec;
    private final DenseHeadShape head;
    private final NDManager manager;
    private final Map<String, Parameter> byName = new LinkedHashMap<>();

    private OrganismParameters(OrganismSpec spec, DenseHeadShape head, NDManager manager) {
        this.spec = spec;
        this.head = head;
        this.manager = manager;
    }

    /** Fresh parameters drawn from {@code seed} (Java's SplittableRandom: independent of libtorch). */
    public static OrganismParameters initialise(OrganismSpec spec, DenseHeadShape head, NDManager parent, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return build(spec, head, parent, (p) -> p.init.apply(rng));
    }

    /** Parameters with the values {@code values} gives for each name (e.g. read from a checkpoint). */
    public static OrganismParameters fromValues(OrganismSpec spec, DenseHeadShape head, NDManager parent,
                                                Function<String, float[]> values) {
        return build(spec, head, parent, (p) -> values.apply(p.name));
    }

    /**
     * Parameters read from {@code file} where it holds them (an exported organism), the rest (the dense head) drawn
     * from {@code seed}.
     */
    public static OrganismParameters fromModel(OrganismSpec spec, DenseHeadShape head, NDManager parent, long seed,
                                               SafetensorsFile file) {
        SplittableRandom rng = new SplittableRandom(seed);
        return build(spec, head, parent, (p) -> file.contains(p.name) ? file.readFloats(p.name) : p.init.apply(rng));
    }

    private record Planned(String name, ParameterGroup group, long[] shape, boolean decay,
                           Function<SplittableRandom, float[]> init) {
    }

    private static OrganismParameters build(OrganismSpec spec, DenseHeadShape head, NDManager parent,
                                            Function<Planned, float[]> source) {
        OrganismParameters params = new OrganismParameters(spec, head, parent.newSubManager());
        for (Planned p : plan(spec, head)) {
            float[] data = source.apply(p);
            long n = 1;
            for (long s : p.shape) n *= s;
            if (data.length != n) {
                throw new IllegalArgumentException(p.name + ": " + data.length + " values for shape " + new Shape(p.shape));
            }
            NDArray value = params.manager.create(data, new Shape(p.shape));
            value.setRequiresGradient(true);
            params.byName.put(p.name, new Parameter(p.name, p.group, value, p.decay));
        }
        return params;
    }

    private static List<Planned> plan(OrganismSpec s, DenseHeadShape head) {
        List<Planned> out = new ArrayList<>();
        long e = s.visionHidden(), d = s.textHidden(), p = s.patch(), vi = s.visionIntermediate();
        long ti = s.textIntermediate(), v = s.vocabSize();
        ParameterGroup vg = ParameterGroup.VISION;
        out.add(normal(vision("embeddings.patch_embedding.weight"), vg, 1.0 / Math.sqrt(3 * p * p), e, 3, p, p));
        out.add(normal(vision("embeddings.class_embedding"), vg, 1.0, e));
        out.add(normal(vision("embeddings.position_embedding.weight"), vg, 0.1, s.numPatches() + 1, e));
        out.add(constant(vision("pre_layrnorm.weight"), vg, 1f, e));
        out.add(constant(vision("pre_layrnorm.bias"), vg, 0f, e));
        for (int l = 0; l < s.visionLayers(); l++) {
            out.add(constant(visionLayer(l, "layer_norm1.weight"), vg, 1f, e));
            out.add(constant(visionLayer(l, "layer_norm1.bias"), vg, 0f, e));
            for (String proj : List.of("q_proj", "k_proj", "v_proj", "out_proj")) {
                out.add(linear(visionLayer(l, "self_attn." + proj + ".weight"), vg, e, e));
                out.add(constant(visionLayer(l, "self_attn." + proj + ".bias"), vg, 0f, e));
            }
            out.add(constant(visionLayer(l, "layer_norm2.weight"), vg, 1f, e));
            out.add(constant(visionLayer(l, "layer_norm2.bias"), vg, 0f, e));
            out.add(linear(visionLayer(l, "mlp.fc1.weight"), vg, vi, e));
            out.add(constant(visionLayer(l, "mlp.fc1.bias"), vg, 0f, vi));
            out.add(linear(visionLayer(l, "mlp.fc2.weight"), vg, e, vi));
            out.add(constant(visionLayer(l, "mlp.fc2.bias"), vg, 0f, e));
        }
        ParameterGroup hg = ParameterGroup.DENSE_HEAD;
        out.add(linear("dense_head.weight", hg, head.outputs(), e));
        out.add(constant("dense_head.bias", hg, 0f, head.outputs()));
        ParameterGroup pg = ParameterGroup.PROJECTOR;
        out.add(linear(projector("linear_1.weight"), pg, d, e));
        out.add(constant(projector("linear_1.bias"), pg, 0f, d));
        out.add(linear(projector("linear_2.weight"), pg, d, d));
        out.add(constant(projector("linear_2.bias"), pg, 0f, d));
        ParameterGroup lg = ParameterGroup.LANGUAGE;
        out.add(normal(text("embed_tokens.weight"), lg, 1.0, v, d));
        for (int l = 0; l < s.textLayers(); l++) {
            out.add(constant(textLayer(l, "input_layernorm.weight"), lg, 1f, d));
            for (String proj : List.of("q_proj", "k_proj", "v_proj", "o_proj")) {
                out.add(linear(textLayer(l, "self_attn." + proj + ".weight"), lg, d, d));
            }
            out.add(constant(textLayer(l, "post_attention_layernorm.weight"), lg, 1f, d));
            out.add(linear(textLayer(l, "mlp.gate_proj.weight"), lg, ti, d));
            out.add(linear(textLayer(l, "mlp.up_proj.weight"), lg, ti, d));
            out.add(linear(textLayer(l, "mlp.down_proj.weight"), lg, d, ti));
        }
        out.add(constant(text("norm.weight"), lg, 1f, d));
        out.add(linear(LM_HEAD, lg, v, d));
        return out;
    }

    private static Planned linear(String name, ParameterGroup group, long out, long in) {
        Planned p = normal(name, group, 1.0 / Math.sqrt(in), out, in);
        return new Planned(p.name, p.group, p.shape, true, p.init);
    }

    private static Planned normal(String name, ParameterGroup group, double std, long... shape) {
        return new Planned(name, group, shape, false, rng -> {
            float[] a = new float[(int) count(shape)];
            for (int i = 0; i < a.length; i++) a[i] = (float) (rng.nextGaussian() * std);
            return a;
        });
    }

    private static Planned constant(String name, ParameterGroup group, float value, long... shape) {
        return new Planned(name, group, shape, false, rng -> {
            float[] a = new float[(int) count(shape)];
            java.util.Arrays.fill(a, value);
            return a;
        });
    }

    private static long count(long[] shape) {
        long n = 1;
        for (long s : shape) n *= s;
        return n;
    }

    public OrganismSpec spec() {
        return spec;
    }

    public DenseHeadShape head() {
        return head;
    }

    public NDManager manager() {
        return manager;
    }

    /** The tensor named {@code name}. */
    public NDArray get(String name) {
        Parameter p = byName.get(name);
        if (p == null) throw new IllegalArgumentException("no parameter " + name);
        return p.value();
    }

    /** All parameters in their fixed order. */
    public List<Parameter> all() {
        return Collections.unmodifiableList(new ArrayList<>(byName.values()));
    }

    /** Total number of scalars in the saved checkpoint (the dense head excluded). */
    public long savedScalars() {
        long n = 0;
        for (Parameter p : byName.values()) if (p.saved()) n += count(p.shape());
        return n;
    }

    @Override
    public void close() {
        manager.close();
    }
}
