#!/usr/bin/env python3
"""Writes src/main/resources/vlmscope/kernels.pt, the TorchScript kernel library behind vlmscope.tensor.TorchKernels.

Why it exists: DJL 0.36's PyTorch JNI aborts the JVM on DataType.BFLOAT16 and has no fused attention or RMSNorm.
A TorchScript module loaded through DJL reaches those ops of the bundled libtorch (2.7.1), bf16 included.

How it is built -- with the Python standard library only, no torch:
  A TorchScript archive is a zip of a few small records. libtorch compiles `code/__torch__/<module>.py` from
  source every time it loads the archive, so the archive needs no torch to write and can call every op of the
  libtorch that loads it (a torch 1.13 `torch.jit.script` cannot: it rejects 2.x ops such as
  scaled_dot_product_attention and rms_norm, which forced an earlier prototype to script placeholders with
  Debian's python3-torch and then patch the code inside the zip). Writing the records directly is shorter and
  needs no 1 GB install. The records:
    <root>/version            file-format version as decimal text. 10 declares today's operator semantics (the
                              last bump, for aten::gelu's `approximate` argument, which this code uses); a lower
                              number would make libtorch apply operator upgraders. libtorch 2.x reads 1..10.
    <root>/data.pkl           pickle (protocol 2) of the module object: an instance of __torch__.<Class> whose
                              state is {"training": False}
    <root>/constants.pkl      pickle of the tensor-constant table: an empty tuple
    <root>/code/__torch__/vlmscope_kernels.py
                              the TorchScript source of the class; its qualified name is
                              __torch__.vlmscope_kernels.Kernels, matching the file path
  Records are STORED (uncompressed) with a fixed timestamp, so the output is byte-for-byte reproducible.

Calling convention (see TorchKernels.java): DJL's IValueUtils.forward passes only tensors, so every argument is a
Tensor; scalars (eps, dim) travel as 0-dim tensors. Methods return one Tensor.

Run from the repository root:  python3 tools/make_kernels.py   (then run the TorchKernels tests)
"""
import pathlib
import struct
import sys
import zipfile

ROOT = "kernels"
PACKAGE = "vlmscope_kernels"
CLASS = "Kernels"

# TorchScript source. `self` is annotated with the class's qualified name, as torch.jit.save writes it.
# Serialized TorchScript spells dtypes as c10::ScalarType codes (the loader's `torch` namespace has no
# torch.bfloat16 attribute): these codes are part of libtorch's stable serialization format.
# Bit reinterpretation: TorchScript cannot call Tensor.view(dtype) (it reads the dtype code as a size; pytorch
# issue 47964), so bf16_from_bits / bf16_to_bits point an empty tensor of the target dtype at the source's
# storage with set_(source): same bytes, sizes, strides and offset, no copy, the storage shared by refcount.
SELF = f"self: __torch__.{PACKAGE}.{CLASS}"
FLOAT16, FLOAT32, BFLOAT16 = 5, 6, 15
SOURCE = f'''class {CLASS}(Module):
  __parameters__ = []
  __buffers__ = []
  training : bool
  def sdpa({SELF}, q: Tensor, k: Tensor, v: Tensor) -> Tensor:
    return torch.scaled_dot_product_attention(q, k, v, None, 0., False)
  def sdpa_causal({SELF}, q: Tensor, k: Tensor, v: Tensor) -> Tensor:
    return torch.scaled_dot_product_attention(q, k, v, None, 0., True)
  def sdpa_masked({SELF}, q: Tensor, k: Tensor, v: Tensor, mask: Tensor) -> Tensor:
    return torch.scaled_dot_product_attention(q, k, v, mask.to(q.dtype), 0., False)
  def rms_norm({SELF}, x: Tensor, w: Tensor, eps: Tensor) -> Tensor:
    return torch.rms_norm(x, [x.size(-1)], w, float(eps))
  def to_bf16({SELF}, x: Tensor) -> Tensor:
    return x.to({BFLOAT16})
  def to_f32({SELF}, x: Tensor) -> Tensor:
    return x.to({FLOAT32})
  def bf16_from_bits({SELF}, bits: Tensor) -> Tensor:
    return torch.empty([0], dtype={BFLOAT16}, device=bits.device).set_(bits)
  def bf16_to_bits({SELF}, x: Tensor) -> Tensor:
    return torch.empty([0], dtype={FLOAT16}, device=x.device).set_(x)
  def softmax({SELF}, x: Tensor, dim: Tensor) -> Tensor:
    return torch.softmax(x, int(dim), {FLOAT32}).to(x.dtype)
  def log_softmax_last({SELF}, x: Tensor) -> Tensor:
    return torch.log_softmax(x, -1, {FLOAT32})
  def silu({SELF}, x: Tensor) -> Tensor:
    return torch.silu(x)
  def swiglu({SELF}, gate: Tensor, up: Tensor) -> Tensor:
    return torch.silu(gate) * up
  def gelu_erf({SELF}, x: Tensor) -> Tensor:
    return torch.gelu(x)
  def quick_gelu({SELF}, x: Tensor) -> Tensor:
    return x * torch.sigmoid(x * 1.702)
'''


def pickle_string(s: str) -> bytes:
    raw = s.encode("utf-8")
    return b"X" + struct.pack("<I", len(raw)) + raw  # BINUNICODE


def module_pickle() -> bytes:
    """Protocol-2 pickle of `__torch__.<PACKAGE>.<CLASS>()` with state {"training": False}."""
    return (b"\x80\x02"                                   # PROTO 2
            + b"c" + f"__torch__.{PACKAGE}\n{CLASS}\n".encode()  # GLOBAL module class
            + b")"                                        # EMPTY_TUPLE
            + b"\x81"                                     # NEWOBJ
            + b"}"                                        # EMPTY_DICT
            + pickle_string("training") + b"\x89"         # "training": False
            + b"s"                                        # SETITEM
            + b"b"                                        # BUILD
            + b".")                                       # STOP


def write_archive(path: pathlib.Path) -> None:
    records = [
        ("version", b"10\n"),
        ("data.pkl", module_pickle()),
        ("constants.pkl", b"\x80\x02)."),
        (f"code/__torch__/{PACKAGE}.py", SOURCE.encode("utf-8")),
    ]
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_STORED) as z:
        for name, data in records:
            info = zipfile.ZipInfo(f"{ROOT}/{name}", date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    tmp.replace(path)  # never leave half an archive behind


def main() -> int:
    repo = pathlib.Path(__file__).resolve().parent.parent
    out = repo / "src/main/resources/vlmscope/kernels.pt"
    out.parent.mkdir(parents=True, exist_ok=True)
    write_archive(out)
    print(f"wrote {out.relative_to(repo)} ({out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
