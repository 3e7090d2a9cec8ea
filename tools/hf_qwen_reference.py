#!/usr/bin/env python3
"""Golden values for the Qwen2-VL / Qwen2.5-VL family, computed by Hugging Face transformers' own code.

Two steps, both run with HF's classes (modeling, configuration and Qwen2VLImageProcessor), eager attention,
float32, one thread:

  generate   writes a tiny random-weight checkpoint in the exact HF hub layout (config.json, model.safetensors,
             preprocessor_config.json, tokenizer files, chat template) plus a few test images;
  reference  loads a checkpoint folder with from_pretrained and writes expected/<case>.json and expected/index.json:
             image processor output, get_rope_index position ids, vision block / merger outputs, per-layer decoder
             hidden states and last-position logits.

`reference` runs the fixture's cases (CASES below: images under images/, one question each) and tokenises with HF's
slow Qwen2Tokenizer (the Rust tokenizers package is not needed): from vocab.json + merges.txt when the folder has them
(real hub folders do), else from the vocabulary and merges inside tokenizer.json.

Usage (transformers sources unpacked from the versions named in the README next to the fixtures):
  python3 tools/hf_qwen_reference.py --hf-src DIR/src [--harness DIR] generate --arch qwen2_vl --out fixtures/qwen2-vl-tiny
  python3 tools/hf_qwen_reference.py --hf-src DIR/src [--harness DIR] reference --model fixtures/qwen2-vl-tiny

--harness names a folder with stand-ins for packages that torch 1.13 / an offline machine lacks (huggingface_hub,
safetensors, tokenizers stubs and a torch_compat module); it is only needed where those packages are missing.
"""
import argparse
import json
import math
import os
import struct
import sys

ARCHS = ("qwen2_vl", "qwen2_5_vl")

# The chat template of Qwen/Qwen2-VL-2B-Instruct (and Qwen2.5-VL-*-Instruct): system prompt added when absent.
CHAT_TEMPLATE = (
    "{% set image_count = namespace(value=0) %}{% set video_count = namespace(value=0) %}{% for message in messages %}"
    "{% if loop.first and message['role'] != 'system' %}<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n"
    "{% endif %}<|im_start|>{{ message['role'] }}\n{% if message['content'] is string %}{{ message['content'] }}"
    "<|im_end|>\n{% else %}{% for content in message['content'] %}{% if content['type'] == 'image' or 'image' in content"
    " or 'image_url' in content %}{% set image_count.value = image_count.value + 1 %}{% if add_vision_id %}Picture "
    "{{ image_count.value }}: {% endif %}<|vision_start|><|image_pad|><|vision_end|>{% elif content['type'] == 'video'"
    " or 'video' in content %}{% set video_count.value = video_count.value + 1 %}{% if add_vision_id %}Video "
    "{{ video_count.value }}: {% endif %}<|vision_start|><|video_pad|><|vision_end|>{% elif 'text' in content %}"
    "{{ content['text'] }}{% endif %}{% endfor %}<|im_end|>\n{% endif %}{% endfor %}{% if add_generation_prompt %}"
    "<|im_start|>assistant\n{% endif %}"
)

SPECIAL_TOKENS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|object_ref_start|>", "<|object_ref_end|>",
                  "<|box_start|>", "<|box_end|>", "<|quad_start|>", "<|quad_end|>", "<|vision_start|>",
                  "<|vision_end|>", "<|vision_pad|>", "<|image_pad|>", "<|video_pad|>"]
FIRST_SPECIAL_ID = 151643
QWEN2_SPLIT = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|"
               r"\s+(?!\S)|\s+")

# Words given whole-word BPE pieces in the fixture tokenizer (everything else falls back to byte pieces).
FIXTURE_WORDS = ["system", "user", "assistant", "You", " are", " a", " helpful", " assistant", ".", "\n", "Is",
                 " the", " dog", " cat", " left", " right", " of", " or", " above", " below", "?", " Answer", " with",
                 " one", " word", "Left", "Right", "left", "right", " Left", " Right", " red", " ball", " box",
                 "Where", " is", "What", " colour", " under"]

CASES = {
    "qwen2_vl": [
        {"name": "wide_resized", "image": "wide.png", "size": (150, 100),
         "question": "Is the dog left or right of the cat? Answer with one word.", "words": ["dog", "cat"]},
        {"name": "large_aspect_changed", "image": "large.png", "size": (400, 300),
         "question": "Where is the red ball?", "words": ["ball"]},
    ],
    "qwen2_5_vl": [
        {"name": "windows_exact", "image": "windows.png", "size": (476, 308),
         "question": "Is the dog left or right of the cat? Answer with one word.", "words": ["dog", "cat"]},
        {"name": "wide_aspect_changed", "image": "wide.png", "size": (300, 200),
         "question": "What colour is the box under the ball?", "words": ["box", "ball"]},
    ],
}


def setup_paths(args):
    if args.harness:
        sys.path[:0] = [args.harness, os.path.join(args.harness, "stubs")]
    sys.path.insert(0 if not args.harness else 2, args.hf_src)
    if args.harness:
        import torch_compat  # noqa: F401  (torch.distributed.tensor / torch.compiler stand-ins for torch 1.13)


def bytes_to_unicode():
    """GPT-2 / Qwen2 byte-level alphabet: byte -> printable unicode character."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, [chr(c) for c in cs]))


def fixture_vocab():
    """256 byte pieces plus left-to-right merges that build each FIXTURE_WORDS entry into one piece."""
    b2u = bytes_to_unicode()
    vocab = {b2u[b]: i for i, b in enumerate(sorted(b2u))}
    merges = []
    for word in FIXTURE_WORDS:
        pieces = [b2u[b] for b in word.encode("utf-8")]
        acc = pieces[0]
        for p in pieces[1:]:
            merged = acc + p
            if merged not in vocab:
                merges.append((acc, p))
                vocab[merged] = len(vocab)
            acc = merged
    return vocab, merges


def write_tokenizer(out, arch):
    vocab, merges = fixture_vocab()
    # HF tokenizers (Rust) give added tokens the ids after the model's vocabulary, so the special tokens keep their
    # real ids only when the BPE vocabulary fills 0 .. 151642: the rest is filler pieces no merge can produce.
    for i in range(len(vocab), FIRST_SPECIAL_ID):
        vocab["~" + base36(i)] = i
    added = [{"id": FIRST_SPECIAL_ID + i, "content": t, "single_word": False, "lstrip": False, "rstrip": False,
              "normalized": False, "special": True} for i, t in enumerate(SPECIAL_TOKENS)]
    bl = {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": False, "use_regex": False}
    tok = {
        "version": "1.0", "truncation": None, "padding": None, "added_tokens": added,
        "normalizer": {"type": "NFC"},
        "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
            {"type": "Split", "pattern": {"Regex": QWEN2_SPLIT}, "behavior": "Isolated", "invert": False}, bl]},
        "post_processor": bl, "decoder": bl,
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": "",
                  "end_of_word_suffix": "", "fuse_unk": False, "byte_fallback": False, "ignore_merges": False,
                  "vocab": vocab, "merges": [a + " " + b for a, b in merges]},
    }
    with open(os.path.join(out, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(tok, f, ensure_ascii=False, separators=(",", ":"))
    dump(os.path.join(out, "tokenizer_config.json"), {
        "add_prefix_space": False,
        "added_tokens_decoder": {str(a["id"]): {k: v for k, v in a.items() if k != "id"} for a in added},
        "additional_special_tokens": SPECIAL_TOKENS[1:],
        "bos_token": None, "chat_template": CHAT_TEMPLATE, "clean_up_tokenization_spaces": False,
        "eos_token": "<|im_end|>", "errors": "replace", "model_max_length": 32768, "pad_token": "<|endoftext|>",
        "split_special_tokens": False, "tokenizer_class": "Qwen2Tokenizer", "unk_token": None,
    })
    with open(os.path.join(out, "chat_template.json"), "w", encoding="utf-8") as f:
        json.dump({"chat_template": CHAT_TEMPLATE}, f, indent=2)


def base36(n):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if n == 0:
            return out


def slow_tokenizer(folder):
    """HF's slow Qwen2Tokenizer over the folder's vocab.json + merges.txt, or, when the folder has only
    tokenizer.json, over the BPE vocabulary and merges extracted from it into a temporary folder."""
    import shutil
    import tempfile
    from transformers import Qwen2Tokenizer
    if os.path.exists(os.path.join(folder, "vocab.json")):
        return Qwen2Tokenizer.from_pretrained(folder)
    with open(os.path.join(folder, "tokenizer.json"), encoding="utf-8") as f:
        model = json.load(f)["model"]
    tmp = tempfile.mkdtemp()
    try:
        with open(os.path.join(tmp, "vocab.json"), "w", encoding="utf-8") as f:
            json.dump(model["vocab"], f, ensure_ascii=False)
        with open(os.path.join(tmp, "merges.txt"), "w", encoding="utf-8") as f:
            f.write("#version: 0.2\n")
            for m in model["merges"]:
                f.write((m if isinstance(m, str) else " ".join(m)) + "\n")
        shutil.copy(os.path.join(folder, "tokenizer_config.json"), tmp)
        return Qwen2Tokenizer.from_pretrained(tmp)
    finally:
        shutil.rmtree(tmp)


def dump(path, obj):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=1, ensure_ascii=False)
        f.write("\n")


def tiny_config(arch):
    common = {
        "vocab_size": 151936, "hidden_size": 16, "intermediate_size": 40, "num_hidden_layers": 3,
        "num_attention_heads": 2, "num_key_value_heads": 1, "rms_norm_eps": 1e-6, "hidden_act": "silu",
        "max_position_embeddings": 32768, "bos_token_id": 151643, "eos_token_id": 151645,
        "vision_start_token_id": 151652, "vision_end_token_id": 151653, "vision_token_id": 151654,
        "image_token_id": 151655, "video_token_id": 151656, "attention_dropout": 0.0, "use_cache": True,
        "use_sliding_window": False, "sliding_window": 32768, "max_window_layers": 3,
        "rope_scaling": {"type": "mrope", "mrope_section": [2, 1, 1]}, "torch_dtype": "float32",
    }
    if arch == "qwen2_vl":
        return dict(common, architectures=["Qwen2VLForConditionalGeneration"], model_type="qwen2_vl",
                    rope_theta=1000000.0, tie_word_embeddings=True,
                    vision_config={"depth": 2, "embed_dim": 32, "hidden_size": 16, "hidden_act": "quick_gelu",
                                   "mlp_ratio": 2, "num_heads": 2, "in_chans": 3, "in_channels": 3, "patch_size": 14,
                                   "spatial_merge_size": 2, "temporal_patch_size": 2})
    return dict(common, architectures=["Qwen2_5_VLForConditionalGeneration"], model_type="qwen2_5_vl",
                rope_theta=500000.0, tie_word_embeddings=False, intermediate_size=48, vocab_size=151680,
                rope_scaling={"type": "mrope", "mrope_section": [1, 1, 2]},
                vision_config={"depth": 3, "hidden_size": 32, "hidden_act": "silu", "intermediate_size": 40,
                               "num_heads": 2, "in_chans": 3, "in_channels": 3, "patch_size": 14,
                               "spatial_merge_size": 2, "temporal_patch_size": 2, "tokens_per_second": 2,
                               "window_size": 112, "out_hidden_size": 16, "fullatt_block_indexes": [1]})


def preprocessor_config(arch):
    return {"min_pixels": 3136, "max_pixels": 50176 if arch == "qwen2_vl" else 200704, "patch_size": 14,
            "temporal_patch_size": 2, "merge_size": 2, "image_mean": [0.48145466, 0.4578275, 0.40821073],
            "image_std": [0.26862954, 0.26130258, 0.27577711], "image_processor_type": "Qwen2VLImageProcessor",
            "processor_class": "Qwen2_5_VLProcessor" if arch == "qwen2_5_vl" else "Qwen2VLProcessor"}


def draw_image(path, size, seed):
    """A deterministic RGB test picture: gradient background, a red disc and a blue box."""
    from PIL import Image, ImageDraw
    w, h = size
    img = Image.new("RGB", size)
    px = img.load()
    for y in range(h):
        for x in range(w):
            px[x, y] = ((x * 255) // max(w - 1, 1), (y * 255) // max(h - 1, 1), ((x + y + seed * 37) * 7) % 256)
    d = ImageDraw.Draw(img)
    d.ellipse([w // 6, h // 4, w // 6 + h // 3, h // 4 + h // 3], fill=(220, 30, 30))
    d.rectangle([w // 2, h // 2, w // 2 + w // 4, h // 2 + h // 5], fill=(20, 40, 200))
    img.save(path)


def model_class(arch):
    import transformers
    return (transformers.Qwen2VLForConditionalGeneration if arch == "qwen2_vl"
            else transformers.Qwen2_5_VLForConditionalGeneration)


def save_f16_safetensors(state, path):
    """Writes every tensor as F16 (the values are already fp16-exact), sorted names, HF's {"format": "pt"}."""
    import numpy as np
    header = {"__metadata__": {"format": "pt"}}
    blobs, offset = [], 0
    for name in sorted(state):
        a = state[name].detach().numpy().astype(np.float16)
        b = a.astype("<f2").tobytes()
        header[name] = {"dtype": "F16", "shape": list(a.shape), "data_offsets": [offset, offset + len(b)]}
        offset += len(b)
        blobs.append(b)
    hb = json.dumps(header, separators=(",", ":")).encode("utf-8")
    hb += b" " * ((8 - len(hb) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(hb)))
        f.write(hb)
        for b in blobs:
            f.write(b)


def generate(args):
    import torch
    torch.manual_seed(args.seed)
    out = args.out
    os.makedirs(os.path.join(out, "images"), exist_ok=True)
    cfg_dict = tiny_config(args.arch)
    dump(os.path.join(out, "config.json"), cfg_dict)
    dump(os.path.join(out, "preprocessor_config.json"), preprocessor_config(args.arch))
    dump(os.path.join(out, "generation_config.json"), {"bos_token_id": 151643, "eos_token_id": [151645, 151643],
                                                        "pad_token_id": 151643})
    write_tokenizer(out, args.arch)
    for i, case in enumerate(CASES[args.arch]):
        draw_image(os.path.join(out, "images", case["image"]), case["size"], i)
    for i in range(4):
        draw_image(os.path.join(out, "images", "video_%d.png" % i), (84, 56), 10 + i)

    cls = model_class(args.arch)
    config = cls.config_class.from_pretrained(out)
    config._attn_implementation = "eager"
    model = cls(config).eval()
    g = torch.Generator().manual_seed(args.seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith("bias"):
                v = torch.randn(p.shape, generator=g) * 0.1
            elif p.dim() == 1:  # norm weights
                v = 1.0 + torch.randn(p.shape, generator=g) * 0.1
            elif "embed_tokens" in name:
                v = torch.randn(p.shape, generator=g)
            else:
                fan_in = p[0].numel()
                v = torch.randn(p.shape, generator=g) / math.sqrt(fan_in)
            p.copy_(v.half().float())  # fp16-exact values: the checkpoint stores F16, HF loads them into float32
    state = model.state_dict()
    if config.tie_word_embeddings:
        state.pop("lm_head.weight", None)
    save_f16_safetensors(state, os.path.join(out, "model.safetensors"))


def read_safetensors(path):
    """name -> float32 torch tensor for F32 / F16 / BF16 tensors of one safetensors file."""
    import numpy as np
    import torch
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n).decode("utf-8"))
        data = f.read()
    header.pop("__metadata__", None)
    out = {}
    for name, info in header.items():
        s, e = info["data_offsets"]
        raw = data[s:e]
        if info["dtype"] == "F32":
            a = np.frombuffer(raw, dtype="<f4")
        elif info["dtype"] == "F16":
            a = np.frombuffer(raw, dtype="<f2").astype(np.float32)
        elif info["dtype"] == "BF16":
            a = (np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16).view(np.float32)
        else:
            raise SystemExit("%s: tensor %s has dtype %s; expected F32, F16 or BF16" % (path, name, info["dtype"]))
        out[name] = torch.from_numpy(a.reshape(info["shape"]).copy())
    return out


def load_float32(cls, folder):
    """HF's model class built from config.json (eager attention, float32) with the folder's tensors loaded strictly:
    every parameter must be present under its hub name, except lm_head.weight when tie_word_embeddings is set."""
    import torch
    config = cls.config_class.from_pretrained(folder)
    config._attn_implementation = "eager"
    config.torch_dtype = torch.float32
    model = cls(config)
    index = os.path.join(folder, "model.safetensors.index.json")
    files = sorted(set(json.load(open(index))["weight_map"].values())) if os.path.exists(index) else ["model.safetensors"]
    state = {}
    for f in files:
        state.update(read_safetensors(os.path.join(folder, f)))
    missing, unexpected = model.load_state_dict(state, strict=False)
    if config.tie_word_embeddings:
        missing = [m for m in missing if m != "lm_head.weight"]
        model.tie_weights()
    if missing or unexpected:
        raise SystemExit("%s: missing tensors %s, unexpected tensors %s" % (folder, missing[:5], unexpected[:5]))
    return model.eval()


def render_prompt(question):
    import jinja2
    env = jinja2.Environment(trim_blocks=True, lstrip_blocks=True)
    messages = [{"role": "user", "content": [{"type": "image"}, {"type": "text", "text": question}]}]
    return env.from_string(CHAT_TEMPLATE).render(messages=messages, add_generation_prompt=True)


def tolist(t):
    return [float(x) for x in t.reshape(-1).tolist()]


def reference(args):
    import numpy as np
    import torch
    from PIL import Image
    torch.set_num_threads(1)
    import transformers
    from transformers.models.qwen2_vl.image_processing_qwen2_vl import Qwen2VLImageProcessor

    import transformers.tokenization_utils_base as tub
    if getattr(tub.AddedToken, "__hash__", None) is None:
        # Without the Rust `tokenizers` package HF falls back to an AddedToken dataclass (eq=True) that is unhashable,
        # and has no __setstate__, both of which the slow tokenizer's constructor uses; give it the Rust class's.
        tub.AddedToken.__hash__ = lambda self: hash(self.content)
        tub.AddedToken.__setstate__ = lambda self, state: self.__dict__.update(state)
    folder = args.model
    with open(os.path.join(folder, "config.json")) as f:
        arch = json.load(f)["model_type"]
    cls = model_class(arch)
    model = load_float32(cls, folder)
    config = model.config
    tok = slow_tokenizer(folder)
    proc = Qwen2VLImageProcessor.from_pretrained(folder)
    merge = config.vision_config.spatial_merge_size
    os.makedirs(os.path.join(folder, "expected"), exist_ok=True)
    case_names = []
    for case in CASES[arch]:
        image = Image.open(os.path.join(folder, "images", case["image"])).convert("RGB")
        feats = proc(images=[image], return_tensors="pt")
        pixel_values, grid = feats["pixel_values"], feats["image_grid_thw"]   # [N, C*T*P*P], [1, 3]
        n_image_tokens = int(grid.prod()) // (merge * merge)
        prompt = render_prompt(case["question"])
        expanded = prompt.replace("<|image_pad|>", "<|image_pad|>" * n_image_tokens)
        ids = tok(expanded, add_special_tokens=False)["input_ids"]
        input_ids = torch.tensor([ids])
        attention_mask = torch.ones_like(input_ids)
        rope_args = (input_ids, grid, None)
        if arch == "qwen2_5_vl":
            rope_args += (None,)
        position_ids, rope_deltas = model.get_rope_index(*rope_args, attention_mask)   # [3, 1, T], [1, 1]

        captured = {}
        hooks = []
        for i, blk in enumerate(model.visual.blocks):
            hooks.append(blk.register_forward_hook(lambda m, a, o, i=i: captured.__setitem__("vblock%d" % i, o)))
        hooks.append(model.visual.merger.register_forward_hook(
            lambda m, a, o: captured.update(merger_in=a[0], merger_out=o)))
        for i, layer in enumerate(model.model.layers):
            hooks.append(layer.register_forward_hook(lambda m, a, o, i=i: captured.__setitem__("layer%d" % i, o[0])))
        hooks.append(model.model.norm.register_forward_hook(lambda m, a, o: captured.__setitem__("final_norm", o)))
        with torch.no_grad():
            # position_ids passed explicitly, as generate() does: v4.45.2's forward() without them falls back to 1-D
            # positions (it computes get_rope_index only in prepare_inputs_for_generation).
            out = model(input_ids=input_ids, attention_mask=attention_mask, position_ids=position_ids,
                        pixel_values=pixel_values, image_grid_thw=grid, output_hidden_states=True, use_cache=False)
        for h in hooks:
            h.remove()

        # Qwen2.5-VL runs its vision blocks on window-ordered rows (merge groups of merge^2 patches permuted by
        # window_index); the golden rows are in the processor's natural order.
        n_patches = pixel_values.shape[0]
        unit = merge * merge
        if arch == "qwen2_5_vl":
            window_index, _ = model.visual.get_window_index(grid)
            inverse = torch.argsort(window_index)
            natural = lambda x: x.reshape(n_patches // unit, unit, -1)[inverse].reshape(n_patches, -1)
            merger_natural = lambda x: x[inverse]
        else:
            natural = lambda x: x
            merger_natural = lambda x: x

        rows = sorted({0, 1, unit, n_patches // 2, n_patches - 1})
        merged_rows = sorted({0, 1, n_image_tokens // 2, n_image_tokens - 1})
        vision = {"rows": rows, "merged_rows": merged_rows, "blocks": []}
        for i in range(len(model.visual.blocks)):
            x = natural(captured["vblock%d" % i])
            vision["blocks"].append({"values": [tolist(x[r]) for r in rows], "sum": float(x.sum()),
                                     "sum_sq": float((x * x).sum())})
        mi = natural(captured["merger_in"])
        mo = merger_natural(captured["merger_out"])
        vision["merger_in"] = {"values": [tolist(mi[r]) for r in rows], "sum": float(mi.sum())}
        vision["merger_out"] = {"values": [tolist(mo[r]) for r in merged_rows], "sum": float(mo.sum()),
                                "sum_sq": float((mo * mo).sum()), "shape": list(mo.shape)}

        T = len(ids)
        image_start = ids.index(config.image_token_id)
        image_end = image_start + n_image_tokens
        word_positions = {}
        for w in case["words"]:
            wid = tok.convert_tokens_to_ids("Ġ" + w)
            word_positions[w] = [p for p, t in enumerate(ids) if t == wid]
        positions = sorted({0, image_start - 1, image_start, (image_start + image_end) // 2, image_end - 1, image_end,
                            *[p for v in word_positions.values() for p in v], T - 4, T - 3, T - 2, T - 1})
        hs = {"embeddings": [tolist(out.hidden_states[0][0, p]) for p in positions]}
        for i in range(config.num_hidden_layers):
            hs["layer_%d" % i] = [tolist(captured["layer%d" % i][0, p]) for p in positions]
        hs["final_norm"] = [tolist(captured["final_norm"][0, p]) for p in positions]

        logits = out.logits[0, -1]
        top = torch.topk(logits, 10)
        watch_words = ["left", "right", "Left", "Right", "Ġleft", "Ġright", "ĠLeft", "ĠRight"]
        watch = {w: {"id": tok.convert_tokens_to_ids(w), "logit": float(logits[tok.convert_tokens_to_ids(w)])}
                 for w in watch_words}
        g = torch.Generator().manual_seed(7)
        sampled_ids = sorted(set(torch.randint(0, logits.shape[0], (32,), generator=g).tolist()))

        pv = pixel_values
        result = {
            "architecture": arch, "image": "images/" + case["image"], "question": case["question"],
            "prompt": prompt, "input_ids": ids, "image_grid_thw": grid[0].tolist(),
            "image_token_span": [image_start, image_end], "object_words": word_positions,
            "position_ids": position_ids[:, 0, :].tolist(), "rope_delta": int(rope_deltas.reshape(-1)[0]),
            "pixel_values": {
                "shape": list(pv.shape), "sum": float(pv.double().sum()), "sum_sq": float((pv.double() ** 2).sum()),
                "min": float(pv.min()), "max": float(pv.max()),
                "row_sums": tolist(pv.double().sum(1)), "col_sums": tolist(pv.double().sum(0)),
                "samples_row_col_value": [[r, c, float(pv[r, c])] for r, c in sample_cells(pv.shape, 48)],
            },
            "vision": vision,
            "hidden_states": {"positions": positions, "values": hs},
            "logits_last": {"top10": [[int(i), float(v)] for v, i in zip(top.values, top.indices)],
                            "watch": watch, "sampled": [[i, float(logits[i])] for i in sampled_ids],
                            "sum": float(logits.double().sum()), "sum_sq": float((logits.double() ** 2).sum()),
                            "max": float(logits.max()), "argmax": int(logits.argmax())},
        }
        dump(os.path.join(folder, "expected", case["name"] + ".json"), result)
        case_names.append(case["name"])

    dump(os.path.join(folder, "expected", "video.json"), video_reference(model, proc, folder))
    rope_cases = rope_only_cases(model, config, arch)
    dump(os.path.join(folder, "expected", "rope_index.json"), rope_cases)
    dump(os.path.join(folder, "expected", "index.json"), {
        "architecture": arch,
        "hf_class": type(model).__name__,
        "transformers_version": transformers.__version__,
        "torch_version": torch.__version__,
        "blas": blas_name(),
        "attention": "eager", "dtype": "float32", "threads": 1,
        "cases": case_names, "rope_index_cases": "rope_index.json",
        "tolerances": {"pixel_values_abs": 1e-6, "hidden_abs": 2e-4, "hidden_rel": 1e-4, "logits_abs": 2e-4,
                       "logits_rel": 1e-4},
        "resolved_config": {
            "text": {k: getattr(config, k) for k in ("vocab_size", "hidden_size", "intermediate_size",
                                                     "num_hidden_layers", "num_attention_heads", "num_key_value_heads",
                                                     "rms_norm_eps", "rope_theta", "tie_word_embeddings")},
            "mrope_section": config.rope_scaling["mrope_section"],
            "vision": config.vision_config.to_dict(),
        },
    })


def video_reference(model, proc, folder):
    """A 4-frame video (2 temporal patches) through the processor's video path and the vision tower: exercises the
    temporal patch pairs, per-frame attention and (Qwen2.5-VL) per-frame windows."""
    import torch
    from PIL import Image
    frames = []
    for i in range(4):
        frames.append(Image.open(os.path.join(folder, "images", "video_%d.png" % i)).convert("RGB"))
    feats = proc(images=None, videos=[frames], return_tensors="pt")
    pv, grid = feats["pixel_values_videos"], feats["video_grid_thw"]     # [N, C*T*P*P], [1, 3]
    captured = {}
    hooks = [blk.register_forward_hook(lambda m, a, o, i=i: captured.__setitem__(i, o))
             for i, blk in enumerate(model.visual.blocks)]
    with torch.no_grad():
        merged = model.visual(pv, grid_thw=grid)
    for h in hooks:
        h.remove()
    n = pv.shape[0]
    unit = model.config.vision_config.spatial_merge_size ** 2
    if hasattr(model.visual, "get_window_index"):
        window_index, _ = model.visual.get_window_index(grid)
        inverse = torch.argsort(window_index)
        natural = lambda x: x.reshape(n // unit, unit, -1)[inverse].reshape(n, -1)
    else:
        natural = lambda x: x
    rows = sorted({0, 1, n // 2 - 1, n // 2, n - 1})
    merged_rows = sorted({0, merged.shape[0] // 2, merged.shape[0] - 1})
    return {
        "frames": ["images/video_%d.png" % i for i in range(4)], "video_grid_thw": grid[0].tolist(),
        "pixel_values": {"shape": list(pv.shape), "row_sums": tolist(pv.double().sum(1)),
                         "samples_row_col_value": [[r, c, float(pv[r, c])] for r, c in sample_cells(pv.shape, 48)]},
        "vision": {"rows": rows, "merged_rows": merged_rows,
                   "blocks": [{"values": [tolist(natural(captured[i])[r]) for r in rows]}
                              for i in range(len(model.visual.blocks))],
                   "merger_out": {"shape": list(merged.shape), "values": [tolist(merged[r]) for r in merged_rows]}},
    }


def rope_only_cases(model, config, arch):
    """get_rope_index on hand-built id sequences: two images, and (Qwen2.5-VL) a video with second_per_grid_ts."""
    import torch
    vs, ve, img, vid = config.vision_start_token_id, config.vision_end_token_id, config.image_token_id, config.video_token_id
    cases = []
    grids = [[1, 4, 6], [1, 6, 2]]
    ids = [1, 2, vs] + [img] * 6 + [ve, 3, 4, vs] + [img] * 3 + [ve, 5]
    cases.append({"name": "two_images", "input_ids": ids, "image_grid_thw": grids})
    if arch == "qwen2_5_vl":
        ids = [7, vs] + [vid] * 12 + [ve, 8, 9, vs] + [img] * 6 + [ve, 10]
        cases.append({"name": "video_then_image", "input_ids": ids, "video_grid_thw": [[2, 4, 6]],
                      "second_per_grid_ts": [1.5], "image_grid_thw": [[1, 4, 6]]})
    else:
        ids = [7, vs] + [vid] * 12 + [ve, 8, 9, vs] + [img] * 6 + [ve, 10]
        cases.append({"name": "video_then_image", "input_ids": ids, "video_grid_thw": [[2, 4, 6]],
                      "image_grid_thw": [[1, 4, 6]]})
    for c in cases:
        input_ids = torch.tensor([c["input_ids"]])
        image_grid = torch.tensor(c["image_grid_thw"])
        video_grid = torch.tensor(c["video_grid_thw"]) if "video_grid_thw" in c else None
        args = [input_ids, image_grid, video_grid]
        if arch == "qwen2_5_vl":
            args.append(torch.tensor(c["second_per_grid_ts"]) if "second_per_grid_ts" in c else None)
        pos, delta = model.get_rope_index(*args, torch.ones_like(input_ids))
        c["position_ids"] = pos[:, 0, :].tolist()
        c["rope_delta"] = int(delta.reshape(-1)[0])
    return {"architecture": arch, "tokens_per_second": getattr(config.vision_config, "tokens_per_second", None),
            "cases": cases}


def sample_cells(shape, n):
    import random
    rnd = random.Random(11)
    return [(rnd.randrange(shape[0]), rnd.randrange(shape[1])) for _ in range(n)]


def blas_name():
    try:
        return os.path.realpath("/usr/lib/x86_64-linux-gnu/libblas.so.3")
    except OSError:
        return "unknown"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--hf-src", required=True, help="transformers' src folder (v4.45.2 for qwen2_vl, >= 4.49 for 2.5)")
    ap.add_argument("--harness", help="folder with stand-in packages and torch_compat.py (offline / torch 1.13 only)")
    sub = ap.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("generate")
    g.add_argument("--arch", choices=ARCHS, required=True)
    g.add_argument("--out", required=True)
    g.add_argument("--seed", type=int, default=1234)
    r = sub.add_parser("reference")
    r.add_argument("--model", required=True)
    args = ap.parse_args()
    setup_paths(args)
    if args.cmd == "generate":
        generate(args)
        args.model = args.out
    reference(args)


if __name__ == "__main__":
    main()
