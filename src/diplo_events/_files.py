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
import shutil
import signal
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from .errors import FileAccessError

__all__ = ["atomic_directory", "atomic_path", "open_binary", "write_atomic"]

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


def _umask() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


def _new_file_mode() -> int:
    """The mode a new file gets under the current umask (``0o666 & ~umask``)."""
    return 0o666 & ~_umask()


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


class _Terminated(BaseException):
    """SIGTERM arrived while a write was under way (the handler raises it)."""


@contextlib.contextmanager
def _sigterm_unwinds() -> Iterator[None]:
    """Turn SIGTERM into an exception in the main thread, so clean-up code runs.

    The default action kills the process at once and would leave temporary
    files behind. Elsewhere than the main thread signals cannot be handled and
    nothing changes. After the block the old handler is back, and a SIGTERM
    received meanwhile is re-raised as the process's own.
    """
    try:
        previous = signal.signal(signal.SIGTERM, _raise_terminated)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    except _Terminated:
        signal.signal(signal.SIGTERM, previous)
        previous = None
        signal.raise_signal(signal.SIGTERM)
        raise  # pragma: no cover - reached only when the old handler returns
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _raise_terminated(signum: int, _frame: object) -> None:
    raise _Terminated(signum)


@contextlib.contextmanager
def atomic_directory(path: PathLike) -> Iterator[Path]:
    """Yield a new empty folder beside `path`; on success, make it replace `path`.

    For writers of several files (a Parquet store). The files written into
    the temporary folder are fsynced, then the folder is renamed to `path`.
    An existing `path` is first renamed aside and removed after the swap, so
    a failure (or SIGTERM) before the swap leaves `path` as it was and removes
    the temporary folder. The swap itself is two renames: a crash between
    them leaves the old folder at a hidden name beside `path`.

    Raises:
        FileAccessError: the folder cannot be written, or `path` exists and is
            not a folder.
    """
    target = Path(path)
    if target.exists() and not target.is_dir():
        raise FileAccessError(20, "Not a directory", os.fspath(path))  # errno ENOTDIR
    with _sigterm_unwinds():
        try:
            tmp = Path(
                tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            )
        except OSError as exc:
            raise FileAccessError.wrap(exc, os.fspath(path)) from exc
        old = tmp.with_suffix(".old")
        try:
            yield tmp
            for folder, _, files in os.walk(tmp):
                for name in files:
                    with Path(folder, name).open("rb+") as written:
                        os.fsync(written.fileno())
                _fsync_folder(Path(folder))
            tmp.chmod(0o777 & ~_umask())
            _swap(tmp, target, old)
        except BaseException as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            if isinstance(exc, OSError) and not isinstance(exc, FileAccessError):
                raise FileAccessError.wrap(exc, os.fspath(path)) from exc
            raise
        shutil.rmtree(old, ignore_errors=True)
        _fsync_folder(target.parent)


def _swap(new: Path, target: Path, old: Path) -> None:
    """Rename `new` to `target`, moving an existing `target` to `old` first (back on failure)."""
    moved = target.exists()
    if moved:
        target.replace(old)
    try:
        new.replace(target)
    except BaseException:
        if moved:
            old.replace(target)
        raise
