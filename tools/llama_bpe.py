"""Pure-Python encoder for Llama-style tokenizer.json files (SentencePiece BPE with byte fallback).

Mirrors what Hugging Face `tokenizers` does for the Llama-2 tokenizer.json that LLaVA-1.5 ships:
  1. split the text on added tokens (non-normalized ones such as <image> match the raw text, normalized ones such as
     <s> match after normalization);
  2. normalize every remaining segment on its own: Prepend("▁") then Replace(" ", "▁") (so "<image>\\n" gives a lone
     "▁" before the newline);
  3. BPE over the segment's characters: repeatedly merge the adjacent pair with the lowest merge rank (leftmost on a
     tie); a character missing from the vocabulary becomes its UTF-8 bytes as <0xXX> pieces (byte fallback);
  4. prepend BOS when asked (the post-processor adds <s> only).
The Rust `tokenizers` package is not needed; tools/hf_reference.py checks this encoder against the ids HF's own test
suite asserts for LLaVA before it writes a fixture.
"""
import json


class LlamaBpe:
    def __init__(self, tokenizer_json_path):
        with open(tokenizer_json_path, encoding="utf-8") as f:
            spec = json.load(f)
        model = spec["model"]
        if model.get("type") != "BPE" or not model.get("byte_fallback"):
            raise ValueError(f"{tokenizer_json_path}: not a byte-fallback BPE tokenizer (Llama style)")
        self.vocab = dict(model["vocab"])
        self.ranks = {}
        for rank, merge in enumerate(model["merges"]):
            a, b = merge.split(" ", 1) if isinstance(merge, str) else merge
            self.ranks.setdefault((a, b), rank)
        self.added = {t["content"]: t for t in spec.get("added_tokens", [])}
        for t in self.added.values():
            self.vocab[t["content"]] = t["id"]
        self.id_to_piece = {i: p for p, i in self.vocab.items()}
        self.unk_id = self.vocab[model.get("unk_token") or "<unk>"]
        self.bos_id = self.vocab["<s>"]

    def encode(self, text, add_bos=True):
        ids = [self.bos_id] if add_bos else []
        for segment, is_added in self._split(text, [c for c, t in self.added.items() if not t["normalized"]]):
            if is_added:
                ids.append(self.vocab[segment])
                continue
            normalized = "▁" + segment.replace(" ", "▁")
            for piece, piece_is_added in self._split(normalized, [c for c, t in self.added.items() if t["normalized"]]):
                ids.extend([self.vocab[piece]] if piece_is_added else self._bpe(piece))
        return ids

    def piece(self, token_id):
        return self.id_to_piece[token_id]

    @staticmethod
    def _split(text, specials):
        """Yields (segment, is_special), longest special first at each position; empty segments are dropped."""
        specials = sorted(specials, key=len, reverse=True)
        out, start, i = [], 0, 0
        while i < len(text):
            hit = next((s for s in specials if text.startswith(s, i)), None)
            if hit is None:
                i += 1
                continue
            if i > start:
                out.append((text[start:i], False))
            out.append((hit, True))
            i += len(hit)
            start = i
        if start < len(text):
            out.append((text[start:], False))
        return out

    def _bpe(self, word):
        symbols = []
        for ch in word:
            if ch in self.vocab:
                symbols.append(ch)
            else:
                pieces = ["<0x%02X>" % b for b in ch.encode("utf-8")]
                symbols.extend(pieces if all(p in self.vocab for p in pieces) else ["<unk>"])
        while len(symbols) > 1:
            best, best_rank = None, None
            for i in range(len(symbols) - 1):
                rank = self.ranks.get((symbols[i], symbols[i + 1]))
                if rank is not None and (best_rank is None or rank < best_rank):
                    best, best_rank = i, rank
            if best is None:
                break
            symbols[best:best + 2] = [symbols[best] + symbols[best + 1]]
        return [self.vocab.get(s, self.unk_id) for s in symbols]
