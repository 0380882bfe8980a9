"""Files: opening for reading and atomic replacement, with errors from our tree.

Every operating-system error becomes a `FileAccessError` (a `DiploEventsError`
and an `OSError`) naming the file. Writes are atomic: a temporary file beside
the target is written, flushed and fsynced, then renamed over it, so a reader
sees the old file or the new one, and a failure midway leaves the old file
untouched.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from .errors import FileAccessError

__all__ = ["atomic_path", "open_binary", "write_atomic"]

PathLike = str | os.PathLike[str]


def open_binary(path: PathLike) -> IO[bytes]:
    """Open `path` for reading bytes.

    Raises:
        FileAccessError: the file is missing, a folder, or unreadable.
    """
    try:
        return Path(path).open("rb")
    except OSError as exc:
        raise FileAccessError.wrap(exc, os.fspath(path)) from exc


def _new_file_mode() -> int:
    """The mode a new file gets under the current umask (``0o666 & ~umask``)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def atomic_path(path: PathLike) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success, make it replace `path` atomically.

    For writers that want a path of their own (a Parquet writer, say). The
    temporary file gets the old file's permissions (or the umask's), is
    fsynced and renamed over `path`; the folder is fsynced where the platform
    allows. On any error the temporary file is removed and `path` is unchanged.

    Raises:
        FileAccessError: the file cannot be written.
    """
    target = Path(path)
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = _new_file_mode()
    except OSError as exc:
        raise FileAccessError.wrap(exc, os.fspath(path)) from exc
    try:
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise FileAccessError.wrap(exc, os.fspath(path)) from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        with tmp.open("rb+") as written:
            os.fsync(written.fileno())
        tmp.chmod(mode)
        tmp.replace(target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError) and not isinstance(exc, FileAccessError):
            raise FileAccessError.wrap(exc, os.fspath(path)) from exc
        raise
    _fsync_folder(target.parent)


def write_atomic(path: PathLike, chunks: Iterable[bytes]) -> None:
    """Write `chunks` to `path` atomically (see `atomic_path`).

    Raises:
        FileAccessError: the file cannot be written; `path` is then unchanged.
    """
    with atomic_path(path) as tmp, tmp.open("wb") as out:
        for chunk in chunks:
            out.write(chunk)


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable: fsync the folder (not possible on every platform)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - Windows cannot open folders
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
