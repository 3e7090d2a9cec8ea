"""Minimal, dependency-free safetensors reader/writer (format spec: 8-byte LE u64 header
length N, N bytes of UTF-8 JSON header, then the raw little-endian tensor bytes).
Used by tools/hf_reference.py to write fixture checkpoints and by the safetensors stand-in to read them."""
import json
import struct

import numpy as np

_DT = {  # safetensors dtype string <-> numpy dtype
    "F64": np.float64, "F32": np.float32, "F16": np.float16,
    "I64": np.int64, "I32": np.int32, "I16": np.int16, "I8": np.int8, "U8": np.uint8, "BOOL": np.bool_,
}
_NP2ST = {np.dtype(v): k for k, v in _DT.items()}


def save_arrays(arrays, path, metadata=None):
    """arrays: dict name -> numpy array. Tensors are laid out in sorted-name order, header keys sorted,
    header padded with spaces to a multiple of 8 bytes (as the reference safetensors library does)."""
    header = {}
    if metadata is not None:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    offset = 0
    blobs = []
    for name in sorted(arrays):
        a = np.ascontiguousarray(arrays[name])
        dt = _NP2ST[a.dtype]
        b = a.astype(a.dtype.newbyteorder("<"), copy=False).tobytes()
        header[name] = {"dtype": dt, "shape": list(a.shape), "data_offsets": [offset, offset + len(b)]}
        offset += len(b)
        blobs.append(b)
    hb = json.dumps(header, separators=(",", ":")).encode("utf-8")
    hb += b" " * ((8 - len(hb) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(hb)))
        f.write(hb)
        for b in blobs:
            f.write(b)


def read_header(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n).decode("utf-8"))
    return n, header


def load_arrays(path):
    n, header = read_header(path)
    meta = header.pop("__metadata__", None)
    with open(path, "rb") as f:
        f.seek(8 + n)
        data = f.read()
    out = {}
    for name, info in header.items():
        s, e = info["data_offsets"]
        if info["dtype"] == "BF16":  # numpy has no bfloat16: widen to float32 (exact; the upper 16 bits of an f32)
            raw = np.frombuffer(data[s:e], dtype=np.dtype(np.uint16).newbyteorder("<")).astype(np.uint32) << 16
            out[name] = raw.view(np.float32).reshape(info["shape"]).copy()
            continue
        dt = np.dtype(_DT[info["dtype"]]).newbyteorder("<")
        out[name] = np.frombuffer(data[s:e], dtype=dt).reshape(info["shape"]).copy()
    return out, meta


def validate(path):
    """Checks the rules the reference safetensors library enforces on load: header length fits in the file,
    header is a JSON object, every tensor has a known dtype, data_offsets are contiguous from 0 in the
    order they appear sorted by offset, byte size == prod(shape) * itemsize, and the last end == data length.
    Returns list of problems (empty if valid)."""
    import os
    probs = []
    size = os.path.getsize(path)
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        if 8 + n > size:
            return ["header length beyond file end"]
        hb = f.read(n)
    try:
        header = json.loads(hb.decode("utf-8"))
    except Exception as e:  # noqa: BLE001
        return ["header not JSON: %s" % e]
    if not isinstance(header, dict):
        return ["header not an object"]
    header.pop("__metadata__", None)
    spans = []
    for name, info in header.items():
        if info.get("dtype") not in _DT and info.get("dtype") != "BF16":
            probs.append("%s: dtype %r" % (name, info.get("dtype")))
            continue
        s, e = info["data_offsets"]
        itemsize = 2 if info["dtype"] == "BF16" else np.dtype(_DT[info["dtype"]]).itemsize
        nbytes = int(np.prod(info["shape"], dtype=np.int64)) * itemsize
        if e - s != nbytes:
            probs.append("%s: byte size %d != %d" % (name, e - s, nbytes))
        spans.append((s, e, name))
    spans.sort()
    pos = 0
    for s, e, name in spans:
        if s != pos:
            probs.append("%s: offset %d, expected %d (gap/overlap)" % (name, s, pos))
        pos = e
    if pos != size - 8 - n:
        probs.append("data length %d != last offset %d" % (size - 8 - n, pos))
    if n % 8:
        probs.append("header length %d not a multiple of 8 (allowed, but the reference writer pads)" % n)
    return probs
