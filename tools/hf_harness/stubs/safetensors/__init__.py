"""Stand-in for the `safetensors` package so HF transformers can load and save checkpoints offline.
Backed by the plain-Python reader/writer tools/hf_harness/st_io.py."""
import os
import sys

sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))  # tools/hf_harness
import st_io  # noqa: E402

__version__ = "0.4.5"


class SafetensorError(Exception):
    pass


class safe_open:  # noqa: N801
    def __init__(self, filename, framework="pt", device="cpu"):
        self._arrays, self._meta = st_io.load_arrays(filename)
        self._framework = framework

    def __enter__(self):
        return self

    def __exit__(self, *a):
        return False

    def keys(self):
        return list(self._arrays.keys())

    def metadata(self):
        return self._meta

    def get_tensor(self, name):
        import torch
        return torch.from_numpy(self._arrays[name].copy())

    def get_slice(self, name):
        return self.get_tensor(name)
