"""Shims so transformers 4.50 imports on torch 1.13: stand-ins for `torch.distributed.tensor` and `torch.compiler`,
the only modules/attributes it touches at import time on the eager attention path. Import before transformers."""
import sys, types, torch
def _mod(name, **attrs):
    m = types.ModuleType(name); m.__dict__.update(attrs); sys.modules[name] = m; return m
class _DTensor: pass
if "torch.distributed.tensor" not in sys.modules:
    try:
        import torch.distributed.tensor  # noqa
    except Exception:
        t = _mod("torch.distributed.tensor", DTensor=_DTensor, Replicate=object, Shard=object, Placement=object)
        torch.distributed.tensor = t
if not hasattr(torch, "compiler"):
    def _disable(fn=None, recursive=True):
        if fn is None:
            return lambda f: f
        return fn
    torch.compiler = _mod("torch.compiler", disable=_disable, is_compiling=lambda: False)
