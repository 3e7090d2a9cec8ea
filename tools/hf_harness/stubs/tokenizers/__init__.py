"""Offline stub of the `tokenizers` package: only lets `convert_slow_tokenizer` be imported.
No dist-info is provided, so transformers reports is_tokenizers_available() == False.
Fixture input ids come from tools/llama_bpe.py instead."""
import sys
import types


class _StubModule(types.ModuleType):
    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        v = type(name, (), {"__init__": lambda self, *a, **k: None})
        setattr(self, name, v)
        return v


for _sub in ("decoders", "normalizers", "pre_tokenizers", "processors", "models", "trainers"):
    _m = _StubModule(f"tokenizers.{_sub}")
    sys.modules[_m.__name__] = _m
    globals()[_sub] = _m


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError(name)
    v = type(name, (), {"__init__": lambda self, *a, **k: None})
    globals()[name] = v
    return v
