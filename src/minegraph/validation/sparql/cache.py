"""Compile the shapes once: the query set is cached as JSON, keyed by the SHA-256 of the shapes file
(and the compiler's version), so a run reads one small file instead of recompiling."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from .compiler import CompiledConstraint, Compiler
from .shapes import ShapesError, ShapesGraph

#: Bump when the compiler's output changes, so older caches are not reused.
COMPILER_VERSION = "9"  # 3 was a reverted experiment (7f21abd): never reuse its caches


def shapes_digest(shapes_path: Path) -> str:
    try:
        data = Path(shapes_path).read_bytes()
    except OSError as exc:
        raise ShapesError(f"{shapes_path}: cannot read the shapes: {exc.strerror}") from None
    return hashlib.sha256(COMPILER_VERSION.encode() + b"\0" + data).hexdigest()


def compile_shapes(shapes_path: Path) -> list[CompiledConstraint]:
    """The query set of a shapes file, compiled now (no cache)."""
    return Compiler(ShapesGraph(Path(shapes_path))).compile()


def compiled_shapes(shapes_path: Path, cache_dir: Path | None = None) -> list[CompiledConstraint]:
    """The query set of a shapes file, from ``cache_dir`` when compiled before (written there otherwise)."""
    if cache_dir is None:
        return compile_shapes(shapes_path)
    cache = Path(cache_dir) / f"validation.engine-{shapes_digest(shapes_path)}.json"
    if cache.is_file():
        try:
            return [CompiledConstraint(**entry) for entry in json.loads(cache.read_text("utf-8"))]
        except (ValueError, TypeError):
            pass  # a damaged cache is recompiled and rewritten
    compiled = compile_shapes(shapes_path)
    _write_atomically(cache, json.dumps([c.to_dict() for c in compiled], ensure_ascii=False, indent=0))
    return compiled


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
