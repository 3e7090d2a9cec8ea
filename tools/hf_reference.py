#!/usr/bin/env python3
"""Reference values from Hugging Face transformers' own code, written as a fixture folder `vlmscope verify` reads.

Two commands (see tools/README.md for set-up):

  hf_reference.py make-random SPEC.json OUT_DIR --tokenizer tokenizer.json
      Creates a tiny random-weight checkpoint in the exact HF layout from SPEC's config (config.json,
      model.safetensors, tokenizer and processor files, test images), then writes its reference values (as `reference`).

  hf_reference.py reference CHECKPOINT_DIR --cases SPEC.json
      Loads an existing checkpoint (e.g. a downloaded llava-hf/llava-1.5-7b-hf) with HF's model and processor classes
      and writes CHECKPOINT_DIR/images/ and CHECKPOINT_DIR/expected/ from SPEC's images and cases. The folder is then a
      fixture: `vlmscope verify CHECKPOINT_DIR`.

Everything runs on CPU in float32 with one torch thread, eager attention. Architectures: `llava` (LlavaForConditionalGeneration
+ CLIPImageProcessor). Each architecture is one class below with the same four methods; a new one is one more class.
"""
import argparse
import json
import math
import os
import platform
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def import_transformers(src):
    """Puts the harness stand-ins and the transformers sources (…/src) first on sys.path and imports them."""
    if not src or not os.path.isdir(os.path.join(src, "transformers")):
        sys.exit(f"hf_reference: transformers sources not found at {src!r}. "
                 "Fix: pass --transformers DIR/src (see tools/README.md) or set HF_TRANSFORMERS_SRC.")
    sys.path[:0] = [os.path.join(HERE, "hf_harness"), os.path.join(HERE, "hf_harness", "stubs"), src, HERE]
    import torch_compat  # noqa: F401  (must come before transformers)
    import torch
    import transformers
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    return torch, transformers


def provenance(transformers, torch, src, commit):
    """Where the reference values come from: transformers version and commit, torch build, the BLAS library."""
    if not commit and os.path.isdir(os.path.join(src, "..", ".git")):
        try:
            commit = subprocess.run(["git", "-C", src, "rev-parse", "HEAD"], capture_output=True, text=True,
                                    check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            pass
    commit = commit or "unknown (pass --transformers-commit)"
    torch_package = None
    try:
        torch_package = subprocess.run(["dpkg-query", "-W", "-f", "${Package} ${Version}", "python3-torch"],
                                       capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        pass
    blas = None
    for candidate in ("/usr/lib/x86_64-linux-gnu/libblas.so.3", "/usr/lib/aarch64-linux-gnu/libblas.so.3"):
        if os.path.exists(candidate):
            blas = os.path.realpath(candidate)
    return {"transformers_version": transformers.__version__, "transformers_commit": commit,
            "torch_version": torch.__version__, "torch_package": torch_package, "blas": blas, "python": platform.python_version(),
            "threads": 1, "dtype": "float32", "device": "cpu", "attention": "eager"}


# ----------------------------------------------------------------------------------------------------------------------
# Images and random weights
# ----------------------------------------------------------------------------------------------------------------------

def draw_image(spec, path):
    """An RGB test image, and its horizontal mirror (`*_mirrored.png`): shapes with black outlines on a background
    with a diagonal gradient and seeded pixel noise (so resampling is exercised everywhere, not only at edges)."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageOps
    w, h = spec["size"]
    rng = np.random.default_rng(w * 100003 + h)
    ramp = (np.arange(w)[None, :] / w + np.arange(h)[:, None] / h - 1.0)[:, :, None] * 40.0  # [h, w, 1]
    base = np.asarray(spec["background"], dtype=np.float64)[None, None, :] + ramp + rng.normal(0, 6, (h, w, 3))
    img = Image.fromarray(np.clip(np.rint(base), 0, 255).astype(np.uint8), "RGB")
    d = ImageDraw.Draw(img)
    for s in spec["shapes"]:
        x0, y0, x1, y1 = s["box"]
        box = [round(x0 * w), round(y0 * h), round(x1 * w), round(y1 * h)]
        colour = tuple(s["colour"])
        if s["kind"] == "circle":
            d.ellipse(box, fill=colour, outline=(0, 0, 0), width=2)
        elif s["kind"] == "square":
            d.rectangle(box, fill=colour, outline=(0, 0, 0), width=2)
        elif s["kind"] == "triangle":
            d.polygon([((box[0] + box[2]) / 2, box[1]), (box[2], box[3]), (box[0], box[3])], fill=colour, outline=(0, 0, 0))
        else:
            sys.exit(f"hf_reference: unknown shape kind {s['kind']!r}. Fix: use circle, square or triangle.")
    img.save(path)
    ImageOps.mirror(img).save(mirrored(path))


def mirrored(path):
    root, ext = os.path.splitext(path)
    return root + "_mirrored" + ext


def randomise(torch, model, seed):
    """Scale-aware random weights, so activations and logits are O(1) (HF's own init, N(0, 0.02), makes every logit ~0
    and tolerances meaningless): matrices N(0, 1)/sqrt(fan_in), embeddings N(0, 1), norm scales 1 + 0.1 N(0, 1),
    biases 0.1 N(0, 1)."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in sorted(model.named_parameters()):
            if name.endswith("bias"):
                p.copy_(torch.randn(p.shape, generator=g) * 0.1)
            elif "norm" in name:
                p.copy_(1.0 + torch.randn(p.shape, generator=g) * 0.1)
            elif "embed" in name and "patch_embedding" not in name:
                p.copy_(torch.randn(p.shape, generator=g))
            else:
                fan_in = p[0].numel() if p.dim() > 1 else p.numel()
                p.copy_(torch.randn(p.shape, generator=g) / math.sqrt(fan_in))


def save_safetensors(model, path):
    import st_io
    arrays = {k: v.detach().contiguous().numpy() for k, v in model.state_dict().items()}
    st_io.save_arrays(arrays, path, {"format": "pt"})


# ----------------------------------------------------------------------------------------------------------------------
# Value blocks shared by every architecture
# ----------------------------------------------------------------------------------------------------------------------

def rows(t):
    """[n, d] tensor -> list of float lists (float32 values printed exactly as doubles)."""
    return [[float(x) for x in r] for r in t.tolist()]


def pixel_stats(pv, seed):
    """pv: [1, 3, H, W] float32. Sums in float64."""
    import numpy as np
    a = pv[0].double().numpy()  # [3, H, W]
    rng = np.random.default_rng(seed)
    samples = [[int(c), int(y), int(x), float(pv[0, c, y, x])] for c, y, x in
               zip(rng.integers(0, 3, 105), rng.integers(0, a.shape[1], 105), rng.integers(0, a.shape[2], 105))]
    return {"shape": list(pv.shape), "dtype": "float32",
            "channel_sum": a.sum(axis=(1, 2)).tolist(), "channel_sum_sq": (a * a).sum(axis=(1, 2)).tolist(),
            "channel_min": a.min(axis=(1, 2)).tolist(), "channel_max": a.max(axis=(1, 2)).tolist(),
            "row_sums": a.sum(axis=2).tolist(), "col_sums": a.sum(axis=1).tolist(),
            "samples_c_y_x_value": samples}


def logit_block(logits, tok, sampled_ids, watch_words):
    """logits: [V] float32 at the last position."""
    l64 = logits.double()
    top = logits.topk(10)
    watch = {}
    for w in watch_words:
        for key, ids in ((f"vocab:{w}", [tok.vocab[w]] if w in tok.vocab else []),
                         (f"vocab:\u2581{w}", [tok.vocab["\u2581" + w]] if "\u2581" + w in tok.vocab else []),
                         (f"encode:{w}", tok.encode(w, add_bos=False)),
                         (f"encode: {w}", tok.encode(" " + w, add_bos=False))):
            if ids:
                watch[key] = {"ids": ids, "logits": [float(logits[i]) for i in ids]}
    return {"top10": [{"id": int(i), "token": tok.piece(int(i)), "logit": float(v)} for v, i in zip(top.values, top.indices)],
            "watch": watch,
            "sampled": {str(i): float(logits[i]) for i in sampled_ids},
            "sum": float(l64.sum()), "sum_sq": float((l64 * l64).sum()), "max": float(logits.max()),
            "argmax": int(logits.argmax()), "vocab": int(logits.shape[0])}


def sampled_ids(vocab_size, seed, fixed):
    import numpy as np
    rng = np.random.default_rng(seed)
    ids = set(i for i in fixed if i < vocab_size) | set(int(i) for i in rng.integers(0, vocab_size, 48))
    return sorted(ids)


# ----------------------------------------------------------------------------------------------------------------------
# LLaVA-1.5 (llava-hf layout): LlavaForConditionalGeneration + CLIPImageProcessor + Llama tokenizer.json
# ----------------------------------------------------------------------------------------------------------------------

class Llava:
    architecture = "llava"
    watch_words = ["Left", "Right", "left", "right"]

    def __init__(self, torch, transformers):
        self.torch, self.tf = torch, transformers

    def write_checkpoint_files(self, spec, out, tokenizer_json):
        """Everything but the weights: config, generation/processor/tokenizer files (llava-hf's, Llama-2 vocabulary)."""
        cfg = dict(spec["config"])
        cfg["transformers_version"] = self.tf.__version__
        dump(cfg, os.path.join(out, "config.json"))
        dump({"_from_model_config": True, "bos_token_id": 1, "eos_token_id": 2, "pad_token_id": cfg["pad_token_id"],
              "transformers_version": self.tf.__version__}, os.path.join(out, "generation_config.json"))
        size = cfg["vision_config"]["image_size"]
        dump({"crop_size": {"height": size, "width": size}, "do_center_crop": True, "do_convert_rgb": True,
              "do_normalize": True, "do_rescale": True, "do_resize": True,
              "image_mean": [0.48145466, 0.4578275, 0.40821073], "image_processor_type": "CLIPImageProcessor",
              "image_std": [0.26862954, 0.26130258, 0.27577711], "processor_class": "LlavaProcessor", "resample": 3,
              "rescale_factor": 0.00392156862745098, "size": {"shortest_edge": size}},
             os.path.join(out, "preprocessor_config.json"))
        dump({"image_token": "<image>", "patch_size": cfg["vision_config"]["patch_size"],
              "processor_class": "LlavaProcessor", "vision_feature_select_strategy": cfg["vision_feature_select_strategy"]},
             os.path.join(out, "processor_config.json"))
        dump({"chat_template": LLAVA_CHAT_TEMPLATE}, os.path.join(out, "chat_template.json"))
        write_llama_tokenizer(tokenizer_json, os.path.join(out, "tokenizer.json"))
        dump(LLAVA_SPECIAL_TOKENS, os.path.join(out, "special_tokens_map.json"))
        dump(LLAVA_TOKENIZER_CONFIG, os.path.join(out, "tokenizer_config.json"))

    def random_model(self, spec):
        config = self.tf.LlavaConfig(**spec["config"])
        config._attn_implementation = "eager"
        self.torch.manual_seed(spec["seed"])
        model = self.tf.LlavaForConditionalGeneration(config)
        randomise(self.torch, model, spec["seed"])
        return model

    def load(self, folder):
        model, info = self.tf.LlavaForConditionalGeneration.from_pretrained(
            folder, torch_dtype=self.torch.float32, attn_implementation="eager", output_loading_info=True)
        bad = {k: v for k, v in info.items() if v and k in ("missing_keys", "unexpected_keys", "mismatched_keys")}
        if bad:
            sys.exit(f"hf_reference: {folder}: HF loads the checkpoint with {bad}. Fix: the weights do not match config.json.")
        model.eval()
        from llama_bpe import LlamaBpe
        tok = LlamaBpe(os.path.join(folder, "tokenizer.json"))
        check_llama_tokenizer(tok)
        images = self.tf.CLIPImageProcessor.from_pretrained(folder)
        return model, tok, images

    def layers(self, model):
        return model.language_model.model.layers

    def prepare(self, model, tok, images, prompt, image_path):
        """LlavaProcessor v4.45: `<image>` expanded to image_seq_length copies in the text, then tokenized with BOS."""
        from PIL import Image
        n = model.config.image_seq_length
        ids = tok.encode(prompt.replace("<image>", "<image>" * n))
        pv = images(Image.open(image_path), return_tensors="pt")["pixel_values"]  # [1, 3, S, S]
        return {"input_ids": self.torch.tensor([ids]), "pixel_values": pv}, ids

    def image_token_id(self, model):
        return model.config.image_token_index

    def vision_hooks(self, model, store):
        """selected = the projector's input, image_features = its output."""
        def hook(_m, args, out):
            store["selected"], store["image_features"] = args[0][0], out[0]  # [n, dv], [n, d]
        return [model.multi_modal_projector.register_forward_hook(hook)]

    def vision_note(self):
        return ("selected = CLIP hidden_states[vision_feature_layer][:, 1:] (CLS dropped, no post_layernorm); "
                "image_features = linear_2(gelu(linear_1(selected))). rows = patch index (row-major over the grid).")

    def case_extras(self, model, inputs):
        return {}


LLAVA_CHAT_TEMPLATE = ("{% for message in messages %}{% if message['role'] != 'system' %}{{ message['role'].upper() + ': '}}"
                       "{% endif %}{# Render all images first #}{% for content in message['content'] | selectattr('type', "
                       "'equalto', 'image') %}{{ '<image>\n' }}{% endfor %}{# Render all text next #}{% for content in "
                       "message['content'] | selectattr('type', 'equalto', 'text') %}{{ content['text'] + ' '}}{% endfor %}"
                       "{% endfor %}{% if add_generation_prompt %}{{ 'ASSISTANT:' }}{% endif %}")


def _special(content):
    return {"content": content, "lstrip": False, "normalized": True, "rstrip": False, "single_word": False}


LLAVA_SPECIAL_TOKENS = {"bos_token": _special("<s>"), "eos_token": _special("</s>"), "pad_token": "<pad>",
                        "unk_token": _special("<unk>")}
LLAVA_TOKENIZER_CONFIG = {
    "add_bos_token": True, "add_eos_token": False,
    "added_tokens_decoder": {str(i): dict(_special(c), normalized=norm, special=True) for i, c, norm in
                             ((0, "<unk>", True), (1, "<s>", True), (2, "</s>", True), (32000, "<image>", False),
                              (32001, "<pad>", False))},
    "bos_token": "<s>", "clean_up_tokenization_spaces": False, "eos_token": "</s>",
    "model_max_length": 1000000000000000019884624838656, "pad_token": "<pad>", "padding_side": "left",
    "processor_class": "LlavaProcessor", "sp_model_kwargs": {}, "tokenizer_class": "LlamaTokenizer", "unk_token": "<unk>"}


def write_llama_tokenizer(src, dst):
    """The Llama-2 tokenizer.json as llava-hf ships it: merges that contain a literal space removed (HF tokenizers
    rejects them and they are unreachable: every space becomes ▁), then <image>=32000 and <pad>=32001 added."""
    with open(src, encoding="utf-8") as f:
        spec = json.load(f)
    merges = spec["model"]["merges"]
    spec["model"]["merges"] = [m for m in merges if not (isinstance(m, str) and m.count(" ") != 1)]
    have = {t["content"] for t in spec["added_tokens"]}
    for i, content in ((32000, "<image>"), (32001, "<pad>")):
        if content not in have:
            spec["added_tokens"].append({"id": i, "content": content, "single_word": False, "lstrip": False,
                                         "rstrip": False, "normalized": False, "special": True})
    with open(dst, "w", encoding="utf-8") as f:
        json.dump(spec, f, ensure_ascii=False, indent=2)


def check_llama_tokenizer(tok):
    """HF's own LLaVA processor test: this prompt gives 18 ids, or 593 with 576 expanded image tokens."""
    prompt = "USER: <image>\nDescribe the image:\nASSISTANT:"
    got = (len(tok.encode(prompt)), len(tok.encode(prompt.replace("<image>", "<image>" * 576))))
    if got != (18, 593) or tok.encode("<image>\n", add_bos=False) != [32000, 29871, 13]:
        sys.exit(f"hf_reference: the tokenizer gives {got} ids for HF's test prompt, HF asserts (18, 593). "
                 "Fix: use the Llama-2 tokenizer.json llava-hf ships.")


ARCHITECTURES = {"llava": Llava}


# ----------------------------------------------------------------------------------------------------------------------
# One case: clean run, mirrored-source run and the four interventions
# ----------------------------------------------------------------------------------------------------------------------

class Runner:
    def __init__(self, arch, model, tok, images, fixture, folder, spec, provenance_block):
        self.arch, self.model, self.tok, self.images = arch, model, tok, images
        self.torch = arch.torch
        self.fixture, self.folder, self.spec, self.provenance = fixture, folder, spec, provenance_block
        self.n_layers = len(arch.layers(model))
        self.sampled = sampled_ids(model.config.text_config.vocab_size if hasattr(model.config, "text_config")
                                   else model.config.vocab_size, spec["seed"], [0, 1, 2, 13, 29871, 32000, 32001, 32063])

    def forward(self, inputs, edit=None):
        """Runs HF's forward; returns raw decoder-layer outputs [T, d] per layer, hidden_states, logits, vision."""
        layer_out, vision, handles = {}, {}, []
        layers = self.arch.layers(self.model)
        if edit is not None:
            layer, fn = edit
            handles.append(layers[layer].register_forward_hook(lambda _m, _a, out: (fn(out[0]),) + tuple(out[1:])))
        for i, block in enumerate(layers):
            handles.append(block.register_forward_hook(lambda _m, _a, out, i=i: layer_out.__setitem__(i, out[0][0].detach().clone())))
        handles += self.arch.vision_hooks(self.model, vision)
        try:
            with self.torch.no_grad():
                out = self.model(**inputs, output_hidden_states=True, use_cache=False, return_dict=True)
        finally:
            for h in handles:
                h.remove()
        return {"layers": layer_out, "hidden": [h[0] for h in out.hidden_states], "logits": out.logits[0, -1],
                "vision": vision}

    def logits(self, logits):
        return logit_block(logits, self.tok, self.sampled, self.arch.watch_words)

    def case(self, case, image_file, with_interventions, case_name):
        prompt = case["prompt"]
        inputs, ids = self.arch.prepare(self.model, self.tok, self.images, prompt, os.path.join(self.folder, "images", image_file))
        run = self.forward(inputs)
        T = len(ids)
        image_id = self.arch.image_token_id(self.model)
        image_positions = [i for i, t in enumerate(ids) if t == image_id]
        start, end = image_positions[0], image_positions[-1] + 1
        objects = [self.locate(ids, w, end) for w in case["object_words"]]
        object_positions = [p for o in objects for p in o["positions"]]
        positions = sorted(set([0, start, (start + end) // 2, end - 1, end] + object_positions + list(range(T - 4, T))))
        sel, feats = run["vision"]["selected"], run["vision"]["image_features"]
        n = sel.shape[0]
        vision_rows = sorted(set([0, 1, n // 2, n - 1]))
        values = {"embeddings": rows(run["hidden"][0][positions])}
        for layer in range(self.n_layers):
            values[f"layer_{layer}"] = rows(run["layers"][layer][positions])
        values["final_norm"] = rows(run["hidden"][self.n_layers][positions])
        from PIL import Image
        out = {"fixture": self.fixture, "case": case_name, "transformers_version": self.arch.tf.__version__,
               "architecture": self.arch.architecture,
               "image": "images/" + image_file, "image_size_wh": list(Image.open(os.path.join(self.folder, "images", image_file)).size),
               "prompt": prompt,
               "prompt_note": "input_ids = tokenizer(prompt with '<image>' replaced by image_seq_length copies of '<image>'), "
                              "add_special_tokens=True (BOS), as LlavaProcessor v4.45 does when patch_size and "
                              "vision_feature_select_strategy are set (processor_config.json).",
               "input_ids": ids, "seq_len": T, "image_token_span": [start, end], "first_text_token_after_image": end,
               "tokens_outside_image": [[i, self.tok.piece(t)] for i, t in enumerate(ids) if not start <= i < end],
               "object_words": objects,
               "pixel_values": pixel_stats(inputs["pixel_values"], self.spec["seed"] + len(case_name)),
               "vision": {"feature_layer": getattr(self.model.config, "vision_feature_layer", None),
                          "note": self.arch.vision_note(), "rows": vision_rows,
                          "selected": rows(sel[vision_rows]), "image_features": rows(feats[vision_rows]),
                          "image_features_sum": float(feats.double().sum()),
                          "image_features_sum_sq": float((feats.double() ** 2).sum())},
               "hidden_states": {"positions": positions,
                                 "definition": "embeddings = inputs_embeds after image-feature merge (HF hidden_states[0]); "
                                               "layer_L = raw output of decoder layer L = residual stream after layer L = "
                                               "HF hidden_states[L+1] for L < N-1; for the last layer HF hidden_states[N] is "
                                               "final_norm(layer_{N-1}), given separately as final_norm.",
                                 "values": values},
               "logits_last": self.logits(run["logits"])}
        out.update(self.arch.case_extras(self.model, inputs))
        if with_interventions:
            out["interventions"] = self.interventions(case, inputs, run, image_file, list(range(start, end)),
                                                      object_positions, list(range(end, T)), T)
        return out

    def locate(self, ids, word, after):
        """Positions of the word's own pieces (encode(" word") without the lone ▁) in the text after the image."""
        pieces = [p for p in self.tok.encode(" " + word, add_bos=False)]
        pieces = pieces[1:] if len(pieces) > 1 and self.tok.piece(pieces[0]) == "\u2581" else pieces
        for i in range(after, len(ids) - len(pieces) + 1):
            if ids[i:i + len(pieces)] == pieces:
                return {"word": word, "positions": list(range(i, i + len(pieces))),
                        "tokens": [self.tok.piece(p) for p in pieces]}
        sys.exit(f"hf_reference: object word {word!r} is not in the prompt's tokens. Fix: the case's object_words.")

    def interventions(self, case, inputs, clean, image_file, image_positions, object_positions, text_positions, T):
        torch = self.torch
        source_image = mirrored("images/" + image_file)
        source_inputs = dict(inputs)
        source_inputs["pixel_values"] = self.arch.prepare(self.model, self.tok, self.images, case["prompt"],
                                                          os.path.join(self.folder, source_image))[0]["pixel_values"]
        source = self.forward(source_inputs)
        result = []
        patch_def = ("run the source (same prompt, mirrored image), take the output of decoder layer L (HF "
                     "hidden_states[L+1]) at `positions`; in the target run overwrite the output of decoder layer L at "
                     "those positions with the source values, continue.")
        for name, layer, positions, desc in (
                ("patch_image_tokens", case["patch_layers"]["image_tokens"], image_positions, "all image-token positions"),
                ("patch_object_and_last", case["patch_layers"]["object_and_last"], object_positions + [T - 1],
                 "object-word positions + last position")):
            values = source["layers"][layer][positions]  # [n, d]

            def patch(h, positions=positions, values=values):
                h = h.clone()
                h[0, positions] = values
                return h
            run = self.forward(inputs, (layer, patch))
            result.append({"name": name, "type": "patch", "layer": layer, "positions": positions, "positions_desc": desc,
                           "source": {"image": source_image, "prompt": case["prompt"],
                                      "note": "same input_ids, horizontally mirrored image file"},
                           "definition": patch_def, "source_logits_last": self.logits(source["logits"]),
                           "hidden_last_position": self.last_position(run, T), "logits_last": self.logits(run["logits"])})
        d = clean["layers"][0].shape[-1]
        g = torch.Generator().manual_seed(self.spec["seed"] + 7)
        for name, (layer, alpha), positions, desc in (
                ("add_text_positions", case["add"]["text_positions"], text_positions, "all positions after the image tokens"),
                ("add_last_position", case["add"]["last_position"], [T - 1], "last position only")):
            v = torch.randn(d, generator=g, dtype=torch.float64)
            v_unit = (v / v.norm()).float()  # [d]
            delta = (alpha * v_unit.double()).float()  # [d]

            def add(h, positions=positions, delta=delta):
                h = h.clone()
                h[0, positions] += delta
                return h
            run = self.forward(inputs, (layer, add))
            result.append({"name": name, "type": "add", "layer": layer, "positions": positions, "positions_desc": desc,
                           "alpha": alpha, "v_unit": [float(x) for x in v_unit], "alpha_times_v": [float(x) for x in delta],
                           "definition": "output of decoder layer L at each position p in `positions` := output + "
                                         "float32(alpha * v_unit) (the delta vector is given as alpha_times_v)",
                           "hidden_last_position": self.last_position(run, T), "logits_last": self.logits(run["logits"])})
        return result

    def last_position(self, run, T):
        return {"layers": {f"layer_{l}": [float(x) for x in run["layers"][l][T - 1]] for l in range(self.n_layers)}}


# ----------------------------------------------------------------------------------------------------------------------

def dump(obj, path):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1)
        f.write("\n")


def write_reference(arch, folder, spec, src, commit):
    torch = arch.torch
    model, tok, images = arch.load(folder)
    os.makedirs(os.path.join(folder, "images"), exist_ok=True)
    os.makedirs(os.path.join(folder, "expected"), exist_ok=True)
    for image in spec["images"]:
        draw_image(image, os.path.join(folder, "images", image["file"]))
    fixture = spec.get("fixture") or os.path.basename(os.path.abspath(folder))
    prov = provenance(arch.tf, torch, src, commit)
    runner = Runner(arch, model, tok, images, fixture, folder, spec, prov)
    cases = []
    for case in spec["cases"]:
        for name, image, interventions in ((case["name"], case["image"], True),
                                           (case["name"] + "_source_mirrored", os.path.basename(mirrored(case["image"])), False)):
            print(f"hf_reference: {fixture}/{name}", file=sys.stderr)
            dump(runner.case(case, image, interventions, name), os.path.join(folder, "expected", name + ".json"))
            cases.append(name)
    text = model.config.text_config if hasattr(model.config, "text_config") else model.config
    vision = model.config.vision_config
    def resolved(cfg, skip=()):  # every key with HF's defaults filled in; not where the folder happened to be
        return {k: v for k, v in cfg.to_dict().items() if k not in skip and k != "_name_or_path"}
    dump({"fixture": fixture, "architecture": arch.architecture, "seed": spec.get("seed"), "note": spec.get("note", ""),
          "generator": dict(prov, script="tools/hf_reference.py"),
          "cases": cases,
          "resolved_config": {"top": resolved(model.config, ("text_config", "vision_config")),
                              "vision": resolved(vision), "text": resolved(text)},
          "tolerances": {"pixel_values_abs": 1e-6, "hidden_and_logits_abs": 2e-4, "hidden_and_logits_rel": 1e-4,
                         "note": "reference values are float32 computed on CPU with one thread"}},
         os.path.join(folder, "expected", "index.json"))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--transformers", default=os.environ.get("HF_TRANSFORMERS_SRC"),
                    help="transformers source folder (the repository's src/), default $HF_TRANSFORMERS_SRC")
    ap.add_argument("--transformers-commit", default=os.environ.get("HF_TRANSFORMERS_COMMIT"),
                    help="the commit those sources were taken from, recorded in expected/index.json (found with git "
                         "when the folder is a checkout)")
    sub = ap.add_subparsers(dest="command", required=True)
    mk = sub.add_parser("make-random", help="create a tiny random checkpoint from SPEC and write its reference values")
    mk.add_argument("spec")
    mk.add_argument("out")
    mk.add_argument("--tokenizer", required=True, help="the Llama-2 tokenizer.json (LLaVA)")
    ref = sub.add_parser("reference", help="write images/ and expected/ into an existing checkpoint folder")
    ref.add_argument("checkpoint")
    ref.add_argument("--cases", required=True, help="a spec file: its images and cases are used, its config ignored")
    args = ap.parse_args()

    torch, transformers = import_transformers(args.transformers)
    spec_path = args.spec if args.command == "make-random" else args.cases
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    if args.command == "make-random":
        model_type = spec["config"]["model_type"]
        folder = args.out
        if os.path.exists(folder):
            shutil.rmtree(folder)
        os.makedirs(folder)
    else:
        folder = args.checkpoint
        config_path = os.path.join(folder, "config.json")
        if not os.path.isfile(config_path):
            sys.exit(f"hf_reference: {folder}: no config.json. Fix: pass a Hugging Face checkpoint folder.")
        model_type = json.load(open(config_path))["model_type"]
        spec = dict(spec, seed=spec.get("seed", 0), fixture=os.path.basename(os.path.abspath(folder)))
    if model_type not in ARCHITECTURES:
        sys.exit(f"hf_reference: model_type {model_type!r} is not supported. Fix: one of {sorted(ARCHITECTURES)}.")
    arch = ARCHITECTURES[model_type](torch, transformers)
    if args.command == "make-random":
        arch.write_checkpoint_files(spec, folder, args.tokenizer)
        save_safetensors(arch.random_model(spec), os.path.join(folder, "model.safetensors"))
    write_reference(arch, folder, spec, args.transformers, args.transformers_commit)


if __name__ == "__main__":
    main()
