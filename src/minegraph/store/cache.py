"""The persisted Oxigraph store (``.store/``): built from ontology/ + graph/, never used stale.

``.store/manifest.json`` records the SHA-256 (with size and mtime, so unchanged files are not
re-hashed) of every loaded file, the pyoxigraph version and the database directory. Opening
compares it with the files on disk: any difference, an unreadable manifest, a database RocksDB
reports as corrupt, or a database whose stamp does not match the manifest means a rebuild —
into a temporary directory, renamed into place, and only then named by the manifest (written
atomically). Readers open the database read-only, so several processes can query at once; a
rebuild holds ``.build.lock`` (a second process waits, then uses the first one's store) and first
removes whatever a killed build left behind.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph

from minegraph.core.files import atomic_write, sha256_file
from minegraph.errors import InputError, StoreError
from minegraph.store.database import read_only

FORMAT = 2
MANIFEST = "manifest.json"
_LEFTOVERS = ("build-", "trash-", "db-")  # a scratch build, a set-aside database, a database (one is current)
_STAMP_GRAPH = "urn:minegraph:store"  # a named graph, invisible to queries on the default graph
_STAMP_PREDICATE = "urn:minegraph:manifest-digest"
#: Where a small store is built before it is copied into place: RocksDB's bulk loader syncs every file it
#: ingests, which on a real disk cost several times the load itself; in memory the syncs are free. A store
#: is a cache checked on every open (stamp, file checksums), so a copy a crash damaged is rebuilt, not used.
_FAST_SCRATCH = Path("/dev/shm")  # MINEGRAPH_FAST_SCRATCH names another folder (the tests' own)
_FAST_PREFIX = "minegraph-store-"
_FAST_LIMIT = 1 << 30  # inputs larger than this (or than a quarter of the free memory there) build in place
#: Inputs up to this size are loaded in one ``bulk_extend`` (one RocksDB ingest; the quads pass through
#: Python), larger ones with a ``bulk_load`` per file (an ingest each, then compacted by ``optimize()``).
_AT_ONCE_LIMIT = 64 << 20


def default_location(project) -> Path:
    """Where the project keeps its store (``.store/`` in a checkout, ignored by git)."""
    return project.store_dir


def _relative(root: Path, path: Path) -> str:
    """``path`` relative to the resolved project ``root``; lexically when it is written under it
    (the usual case, no system calls: this runs per file on every open), else by resolving it."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.resolve().relative_to(root).as_posix()


def _inputs(project):
    """``(name, path, identity)`` of every file a store is loaded from (stat only)."""
    root = project.root.resolve()
    for path in project.all_rdf_files():
        stat = path.stat()
        yield (
            _relative(root, path),
            path,
            {"size": stat.st_size, "inode": stat.st_ino, "mtime_ns": stat.st_mtime_ns, "ctime_ns": stat.st_ctime_ns},
        )


def input_identities(project) -> tuple:
    """The name and identity of every input file: equal while no file was added, removed, or
    written (cheap: a directory listing and a stat per file; see :func:`fingerprint`)."""
    return tuple(
        (str(path), stat.st_size, stat.st_ino, stat.st_mtime_ns, stat.st_ctime_ns)
        for path in project.all_rdf_files()
        for stat in (path.stat(),)
    )


def fingerprint(project, previous: dict | None = None) -> dict[str, dict]:
    """SHA-256 of every file a store is loaded from, with the file's identity (size, inode, mtime and
    ctime); a hash is reused only while the identity is unchanged since ``previous`` (a manifest's
    ``files``). ctime cannot be set back by a user, so an edit that restores size and mtime is seen."""
    previous = previous or {}
    files = {}
    for name, path, identity in _inputs(project):
        old = previous.get(name)
        if old and old.get("sha256") and all(old.get(k) == v for k, v in identity.items()):
            digest = old["sha256"]
        else:
            digest = sha256_file(path)
        files[name] = {"sha256": digest, **identity}
    return files


def content_digest(files: dict[str, dict]) -> str:
    """One digest of the store's inputs: file names and contents, pyoxigraph and layout versions."""
    digest = hashlib.sha256(f"minegraph-store {FORMAT} pyoxigraph {pyoxigraph.__version__}\n".encode())
    for name in sorted(files):
        digest.update(f"{name}\t{files[name]['sha256']}\n".encode())
    return digest.hexdigest()


def current_digest(project, location: Path | None = None) -> str:
    """The digest a current store would have (cheap when files are unchanged: stat only)."""
    try:
        manifest = read_manifest(Path(location) if location else default_location(project))
    except StoreError:
        manifest = None
    return content_digest(fingerprint(project, manifest["files"] if manifest else None))


def read_manifest(location: Path) -> dict | None:
    """The manifest, or None when there is none; StoreError when it is unreadable."""
    path = location / MANIFEST
    if not path.exists():
        return None
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT or not isinstance(manifest.get("files"), dict):
            raise ValueError("unknown manifest layout")
        if not all(isinstance(entry, dict) for entry in manifest["files"].values()):
            raise ValueError("bad file entries")
        for key in ("digest", "database"):
            if not isinstance(manifest.get(key), str):
                raise ValueError(f"no {key}")
        return manifest
    except (OSError, ValueError, AttributeError) as exc:
        raise StoreError(f"{path} is unreadable ({exc})") from None


def _changes(old: dict, new: dict) -> str:
    names = sorted(set(old) ^ set(new)) + sorted(
        n for n in set(old) & set(new) if old[n].get("sha256") != new[n]["sha256"]
    )
    return ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")


def _open_verified(database: Path, digest: str):
    """Open a database read-only and check its stamp; StoreError if RocksDB or the stamp disagrees."""
    try:
        store = read_only(database)
        stamps = {
            q.object.value
            for q in store.quads_for_pattern(
                pyoxigraph.NamedNode(_STAMP_GRAPH),
                pyoxigraph.NamedNode(_STAMP_PREDICATE),
                None,
                pyoxigraph.NamedNode(_STAMP_GRAPH),
            )
        }
    except (OSError, RuntimeError) as exc:
        raise StoreError(f"database {database} is corrupt or unreadable ({' '.join(str(exc).split())[:200]})") from None
    if stamps != {digest}:
        raise StoreError(f"database {database} does not hold the files the manifest lists")
    return store


def open_current(
    project, location: Path | None = None, *, progress: Callable[[object], None] | None = None, rebuild: bool = True
):
    """``(pyoxigraph.Store, database path)`` for the project's current files, rebuilding if needed.

    With ``rebuild=False`` a missing, stale or corrupt store raises StoreError instead.
    """
    location = Path(location) if location else default_location(project)
    try:
        manifest = read_manifest(location)
        problem = "missing" if manifest is None else None
    except StoreError as exc:
        manifest, problem = None, f"corrupt: {exc}"
    if manifest is None:  # nothing to compare with: a build follows, and the inputs are hashed while they load
        return _rebuild(project, location, problem, None, rebuild, progress, seen=None)
    files = fingerprint(project, manifest["files"])
    digest = content_digest(files)
    if manifest["digest"] != digest:
        problem = f"stale (changed: {_changes(manifest['files'], files) or 'engine version'})"
    else:
        database = location / manifest["database"]
        try:
            _check_store_files(database, manifest.get("store_files"))
            store = _open_verified(database, digest)
        except StoreError as exc:
            problem = f"corrupt: {exc}"
        else:
            if manifest["files"] != files:  # same contents, new mtimes: remember them
                _write_manifest(location, {**manifest, "files": files})
            _tidy(location, manifest["database"])
            return store, database
    return _rebuild(project, location, problem, files, rebuild, progress, seen=manifest)


def _rebuild(project, location: Path, problem: str, files: dict | None, rebuild: bool, progress, seen: dict | None):
    """Build under ``.build.lock``: if the manifest changed from ``seen`` while this process waited,
    another one built the store, and that store is used instead. With ``files`` unknown (no manifest)
    the inputs are hashed in a thread while they load."""
    if not rebuild:
        raise StoreError(f"the store at {location} is {problem}; rebuild it (run any query without --no-rebuild)")
    with _building(location):
        try:
            if read_manifest(location) != seen:
                return open_current(project, location, rebuild=False)
        except StoreError:
            pass
        if progress:
            progress(f"store {location} is {problem}: rebuilding")
        with ThreadPoolExecutor(1) as pool:
            inputs = (lambda: files) if files is not None else pool.submit(fingerprint, project).result
            database, digest = build(project, location, inputs, progress)
    return _open_verified(database, digest), database


@contextmanager
def _building(location: Path, wait: bool = True):
    """Hold ``.build.lock`` of the store (waiting for another process's build, or yielding False
    at once when ``wait`` is false); what a killed build left behind is removed first."""
    location.mkdir(parents=True, exist_ok=True)
    with open(location / ".build.lock", "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        _remove_leftovers(location)
        yield True


def _tidy(location: Path, database: str) -> None:
    """Remove what a killed build left beside a current store, unless a build is running now."""
    if any(p.name.startswith(_LEFTOVERS) and p.name != database for p in location.iterdir()):
        with _building(location, wait=False):
            pass


def build(project, location: Path, inputs: Callable[[], dict[str, dict]], progress=None) -> tuple[Path, str]:
    """Load every file into a new database beside the old one, then switch the manifest to it;
    ``inputs()`` gives the files' fingerprint (asked after the load, so it may be computed meanwhile).
    Returns the database and its digest."""
    # lazy: ~120 ms of imports, only on this path
    from minegraph.store.oxigraph import OxigraphStore

    location.mkdir(parents=True, exist_ok=True)
    paths = project.all_rdf_files()
    try:
        before = {name: identity for name, _, identity in _inputs(project)}  # a write changes at least the ctime
    except FileNotFoundError as exc:
        raise InputError(
            Path(exc.filename), "cannot read file: it was removed while the store was being built"
        ) from None
    size = sum(identity["size"] for identity in before.values())
    scratch = Path(tempfile.mkdtemp(prefix="build-", dir=location))
    fast = _fast_scratch(size)
    built = {}

    def stamp():
        """The quad naming the inputs' digest, once they are read: StoreError if a file was written after
        the load began (the hashes, maybe taken later in a thread, would not be of what was loaded)."""
        built["files"] = inputs()
        built["digest"] = content_digest(built["files"])
        hashed = {name: {k: v for k, v in entry.items() if k != "sha256"} for name, entry in built["files"].items()}
        if hashed != before or content_digest(fingerprint(project, built["files"])) != built["digest"]:
            raise StoreError("ontology/ or graph/ changed while the store was being built; run again")
        graph = pyoxigraph.NamedNode(_STAMP_GRAPH)
        return [
            pyoxigraph.Quad(graph, pyoxigraph.NamedNode(_STAMP_PREDICATE), pyoxigraph.Literal(built["digest"]), graph)
        ]

    try:
        native = pyoxigraph.Store(str(fast or scratch))
        if size <= _AT_ONCE_LIMIT:
            OxigraphStore(native).load_at_once(paths, progress, then=stamp)
        else:
            OxigraphStore(native).load(paths, progress)
            native.extend(stamp())
        files, digest = built["files"], built["digest"]
        native.flush()
        native.optimize()  # compact the bulk loader's files: queries on disk run about twice as fast
        del native  # closes the database
        if fast:
            shutil.copytree(fast, scratch, dirs_exist_ok=True)
        final = _placed(scratch, location / f"db-{digest[:16]}")
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    finally:
        if fast:
            shutil.rmtree(fast, ignore_errors=True)
    _switch(location, final, digest, files)
    return final, digest


def _placed(scratch: Path, final: Path) -> Path:
    """The built database moved to its final name; a database already there is a corrupt one (never opened
    again: a damaged file can make RocksDB misbehave), moved aside first."""
    if final.exists():
        final.rename(Path(tempfile.mkdtemp(prefix="trash-", dir=final.parent)) / final.name)
    scratch.rename(final)
    return final


def _switch(location: Path, final: Path, digest: str, files: dict[str, dict]) -> None:
    """The manifest switched to the new database, then every other database and trash removed."""
    _write_manifest(
        location,
        {
            "format": FORMAT,
            "digest": digest,
            "database": final.name,
            "files": files,
            "store_files": store_files(final),
            "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        },
    )
    for old in [*location.glob("db-*"), *location.glob("trash-*")]:
        if old != final:
            shutil.rmtree(old, ignore_errors=True)


def _fast_scratch(size: int) -> Path | None:
    """A fresh directory in memory (``/dev/shm``) to build in when the inputs (``size`` bytes) are
    small enough, else None."""
    try:
        if size > _FAST_LIMIT or size * 4 > shutil.disk_usage(_fast_folder()).free:
            return None
        return Path(tempfile.mkdtemp(prefix=f"{_FAST_PREFIX}{os.getpid()}-", dir=_fast_folder()))
    except OSError:  # no such directory, not writable…
        return None


def _fast_folder() -> Path:
    return Path(os.environ.get("MINEGRAPH_FAST_SCRATCH") or _FAST_SCRATCH)


def _remove_stale_fast_scratch() -> None:
    """The in-memory scratch builds whose process is gone (a killed build's): called under the build lock.
    Each is named after its builder's process id; one of a live process (another store's build) stays."""
    try:
        strays = [p for p in _fast_folder().iterdir() if p.name.startswith(_FAST_PREFIX)]
    except OSError:
        return
    for stray in strays:
        pid = stray.name[len(_FAST_PREFIX) :].partition("-")[0]
        if pid.isdigit() and int(pid) != os.getpid() and not Path(f"/proc/{pid}").exists():
            shutil.rmtree(stray, ignore_errors=True)


#: RocksDB's own log files change when a database is opened, even read-only: not part of the data.
_VOLATILE = ("LOG", "LOCK")


def store_files(database: Path) -> dict[str, dict]:
    """Identity (size, mtime, ctime) and SHA-256 of every data file of a database, recorded at build."""
    files = {}
    for path in sorted(p for p in database.rglob("*") if p.is_file() and not p.name.startswith(_VOLATILE)):
        stat = path.stat()
        files[path.relative_to(database).as_posix()] = {
            "size": stat.st_size,
            "mtime_ns": stat.st_mtime_ns,
            "ctime_ns": stat.st_ctime_ns,
            "sha256": sha256_file(path),
        }
    return files


def _check_store_files(database: Path, recorded: dict | None) -> None:
    """StoreError if a data file of the database was changed since it was built (cheap: stat first,
    hashing only a file whose identity changed)."""
    if recorded is None:
        raise StoreError("the manifest records no checksums of the database files")
    present = {
        p.relative_to(database).as_posix()
        for p in database.rglob("*")
        if p.is_file() and not p.name.startswith(_VOLATILE)
    }
    if present != set(recorded):
        raise StoreError(f"database {database} has other files than were built")
    for name, entry in recorded.items():
        stat = (database / name).stat()
        same = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns) == (
            entry["size"],
            entry["mtime_ns"],
            entry["ctime_ns"],
        )
        if not same and sha256_file(database / name) != entry["sha256"]:
            raise StoreError(f"database file {name} was changed after the build")


def _write_manifest(location: Path, manifest: dict) -> None:
    """Atomically, not synced (a sync cost about 8 ms, a tenth of a small build): the database files are
    not synced either, and a manifest a power cut emptied or left naming a lost database is unreadable
    or fails the checks on open, so the store is rebuilt."""
    atomic_write(
        location / MANIFEST, (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode("utf-8"), durable=False
    )


def _remove_leftovers(location: Path) -> None:
    """Scratch builds, set-aside and superseded databases; only called under the build lock, so no
    other process is writing any of them (a reader of a superseded database keeps its open files)."""
    try:
        current = read_manifest(location)
    except StoreError:
        current = None
    keep = current["database"] if current else None
    for stray in location.iterdir():
        if stray.name.startswith(_LEFTOVERS) and stray.name != keep:
            shutil.rmtree(stray, ignore_errors=True)
    _remove_stale_fast_scratch()
