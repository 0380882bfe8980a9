"""Files: opening for reading, and the one writer for every file the project writes.

Every operating-system error becomes a `FileAccessError` (a `DiploEventsError`
and an `OSError`) naming the file the caller asked for, never a temporary one.

Writes are atomic where the target is a regular file (or does not exist yet):
a temporary file beside the target is written, flushed and fsynced, then
renamed over it, so a reader sees the old file or the new one, and a failure
midway (disk full, a killed process, SIGTERM) leaves the old file untouched
and no temporary file behind. The other kinds of target are handled as ``cp``
and ``sort -o`` handle them:

- a symbolic link is followed (a chain of them too): the file it points at is
  replaced atomically and the link is kept;
- a named pipe (FIFO) or a character device (``/dev/null``, a terminal) is
  written in place, since it cannot be replaced without breaking whoever reads
  it; a FIFO that no process reads is refused rather than waited on;
- a folder, a socket or a block device is refused.

While a temporary file or folder exists, SIGTERM (what ``kill``, ``timeout``
and service managers send) is caught in the main thread: the handler itself
removes the temporaries (or puts the old folder back) and delivers the signal
again with the default handler, so the process ends as it would have, without
leaving debris, and no exception surfaces wherever the signal lands. A
handler the program installed itself is left alone.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import FrameType
from typing import IO, Any, Literal, overload

from .errors import FileAccessError

__all__ = [
    "atomic_directory",
    "atomic_path",
    "open_binary",
    "open_for_writing",
    "write_atomic",
]

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


def _error(exc: OSError, path: PathLike) -> FileAccessError:
    """`exc` as a `FileAccessError` that names `path`, whatever file the system named."""
    return FileAccessError(exc.errno, exc.strerror or str(exc), os.fspath(path))


def _refuse(path: PathLike, code: int, why: str) -> FileAccessError:
    return FileAccessError(code, why, os.fspath(path))


def _umask() -> int:
    """The process's umask (read by setting it and setting it back)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


def _new_file_mode() -> int:
    """The mode a new file gets under the current umask (``0o666 & ~umask``)."""
    return 0o666 & ~_umask()


# --- SIGTERM: remove temporaries, then end as the signal would have ---------------------

_UNDO: list[Callable[[], None]] = []
"""What to undo for each write in progress in the main thread, innermost last."""


def _on_sigterm(signum: int, frame: FrameType | None) -> None:  # noqa: ARG001
    """Undo every write in progress, then end the process by SIGTERM as the default would.

    The handler raises nothing: Python runs it between any two bytecodes (in a
    ``with`` statement's ``__exit__``, say), where an exception could escape
    the writers' own cleanup and end the program with a traceback.
    """
    for undo in reversed(_UNDO):
        with contextlib.suppress(Exception):  # the process ends by the signal whatever happens
            undo()
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGTERM)


@contextlib.contextmanager
def _undone_on_sigterm(undo: Callable[[], None]) -> Iterator[None]:
    """While inside, SIGTERM runs `undo` (and those of enclosing writes), then ends the process.

    Only in the main thread, and only while SIGTERM has its default handler
    (or ours): a handler the program installed itself is left alone. `undo`
    must be safe to call at any point of the write, and more than once.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    try:
        previous = signal.getsignal(signal.SIGTERM)
    except (ValueError, OSError):  # pragma: no cover - no signals on this platform
        yield
        return
    if previous is not signal.SIG_DFL and previous is not _on_sigterm:
        yield
        return
    _UNDO.append(undo)
    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        yield
    finally:
        _UNDO.remove(undo)
        if not _UNDO:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _remove(tmp: Path) -> None:
    with contextlib.suppress(OSError):
        if tmp.is_dir() and not tmp.is_symlink():
            shutil.rmtree(tmp)
        else:
            tmp.unlink()


# --- what the target is -------------------------------------------------------------------


def _resolve(path: PathLike) -> tuple[Path, os.stat_result | None]:
    """The file to write (symbolic links followed) and its status (None when missing).

    Raises:
        FileAccessError: the target is a folder, a socket or a block device, or
            the path cannot be looked up (a link loop, a file used as a folder).
    """
    target = Path(path)
    if os.fspath(path) == "":
        raise _refuse(path, errno.ENOENT, "No such file or directory")
    try:
        if target.is_symlink():
            target = Path(os.path.realpath(target))
        st: os.stat_result | None = target.stat()
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise _error(exc, path) from exc
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise _refuse(path, errno.EISDIR, "Is a directory")
    if st is not None and (stat.S_ISSOCK(st.st_mode) or stat.S_ISBLK(st.st_mode)):
        raise _refuse(path, errno.EINVAL, "Is a socket or block device; not written")
    return target, st


def _is_special(st: os.stat_result | None) -> bool:
    """A FIFO or character device: written in place, never replaced."""
    return st is not None and (stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode))


def _open_in_place(target: Path, path: PathLike) -> IO[bytes]:
    """Open a FIFO or character device for writing, refusing a FIFO nobody reads."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise _refuse(path, exc.errno, "Named pipe with no reader; not written") from exc
        raise _error(exc, path) from exc
    with contextlib.suppress(OSError):
        os.set_blocking(fd, True)
    return os.fdopen(fd, "wb")


# --- the writer ---------------------------------------------------------------------------


@contextlib.contextmanager
def atomic_path(path: PathLike) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces `path` atomically.

    For writers that want a path of their own (a Parquet or image writer). The
    temporary file lies beside the file `path` names (after symbolic links),
    gets the old file's permissions (or the umask's), is fsynced and renamed
    over it; the folder is fsynced where the platform allows. When `path` is a
    FIFO or character device, the temporary file lies in the system's
    temporary folder and its bytes are then copied into `path`. On any error,
    and on SIGTERM, the temporary file is removed and `path` is unchanged.

    Raises:
        FileAccessError: the file cannot be written; it names `path`.
    """
    target, st = _resolve(path)
    special = _is_special(st)
    mode = _new_file_mode() if st is None else st.st_mode & 0o7777
    folder = None if special else target.parent
    tmp: Path | None = None

    def undo() -> None:
        if tmp is not None:
            _remove(tmp)

    with _undone_on_sigterm(undo):
        try:
            fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
        except OSError as exc:
            raise _error(exc, path) from exc
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            yield tmp
            if special:
                with tmp.open("rb") as src, _open_in_place(target, path) as out:
                    shutil.copyfileobj(src, out)
                tmp.unlink()
            else:
                with tmp.open("rb+") as written:
                    os.fsync(written.fileno())
                tmp.chmod(mode)
                tmp.replace(target)
        except BaseException as exc:
            undo()
            if isinstance(exc, OSError) and not isinstance(exc, FileAccessError):
                raise _error(exc, path) from exc
            raise
    if not special:
        _fsync_folder(target.parent)


@overload
def open_for_writing(
    path: PathLike, *, text: Literal[False] = ...
) -> contextlib.AbstractContextManager[IO[bytes]]: ...
@overload
def open_for_writing(
    path: PathLike, *, text: Literal[True]
) -> contextlib.AbstractContextManager[IO[str]]: ...
@overload
def open_for_writing(
    path: PathLike, *, text: bool
) -> contextlib.AbstractContextManager[IO[Any]]: ...
def open_for_writing(
    path: PathLike, *, text: bool = False
) -> contextlib.AbstractContextManager[IO[Any]]:
    """A context manager giving a file to write `path` through, atomically (see the module).

    With `text`, the file takes `str` and writes UTF-8 with line ends as given
    (``newline=""``, what the `csv` module needs). A FIFO or character device
    is written in place; anything else through a temporary file that replaces
    `path` only when the ``with`` block ends without an error.

    Raises:
        FileAccessError: the file cannot be written; it names `path`.
    """
    return _writing(path, text=text)


@contextlib.contextmanager
def _writing(path: PathLike, *, text: bool) -> Iterator[IO[Any]]:
    target, st = _resolve(path)
    if _is_special(st):
        try:
            with _open_in_place(target, path) as raw:
                if not text:
                    yield raw
                    return
                with open(raw.fileno(), "w", encoding="utf-8", newline="", closefd=False) as out:
                    yield out
        except OSError as exc:
            if isinstance(exc, FileAccessError):
                raise
            raise _error(exc, path) from exc
        return
    with atomic_path(path) as tmp:
        try:
            opened = tmp.open("w", encoding="utf-8", newline="") if text else tmp.open("wb")
        except OSError as exc:
            raise _error(exc, path) from exc
        with opened as out:
            yield out


def write_atomic(path: PathLike, chunks: Iterable[bytes]) -> None:
    """Write `chunks` to `path` atomically (see the module).

    Raises:
        FileAccessError: the file cannot be written; `path` is then unchanged.
    """
    with open_for_writing(path) as out:
        for chunk in chunks:
            out.write(chunk)


@contextlib.contextmanager
def atomic_directory(
    path: PathLike,
    *,
    replaces: Callable[[Path], bool] | None = None,
    what: str = "a folder this writer made",
) -> Iterator[Path]:
    """Yield a temporary folder to fill; on success it takes the place of folder `path`.

    The temporary folder lies beside `path`. At the end its files and folders
    are fsynced, an old folder at
    `path` is first renamed aside, the new one renamed into place, and the old
    one removed; a reader sees the old folder or the new one, except for the
    instant between the two renames, when `path` is missing. On any error, and
    on SIGTERM, the temporary folder is removed and `path` is unchanged.

    The new folder gets the old one's permissions, or the umask's for a new
    one. With `replaces`, a folder at `path` that holds anything is replaced
    only when ``replaces(folder)`` says it is one this writer made (described
    by `what`), so a user's folder given by mistake is never deleted.

    Raises:
        FileAccessError: `path` exists and is not a folder, or is a folder
            `replaces` refuses (``EEXIST``), or the folder cannot be written;
            it names `path`.
    """
    if os.fspath(path) == "":
        raise _refuse(path, errno.ENOENT, "No such file or directory")
    # Absolute, so that renaming the old folder aside (it may hold the working directory)
    # cannot make the path stop pointing at it before the rollback.
    target = Path(os.path.realpath(path))
    if target.exists() and not target.is_dir():
        raise _refuse(path, errno.ENOTDIR, "Not a directory")
    if replaces is not None and target.is_dir() and any(target.iterdir()) and not replaces(target):
        raise _refuse(path, errno.EEXIST, f"Exists and is not {what}; not replaced")
    try:
        mode = target.stat().st_mode & 0o7777 if target.is_dir() else 0o777 & ~_umask()
    except OSError as exc:
        raise _error(exc, path) from exc
    tmp: Path | None = None
    aside: Path | None = None

    def undo() -> None:
        """Back to the old folder wherever the write stands (past the last rename: the new one)."""
        if tmp is not None:
            _remove(tmp)
        if aside is not None and (aside / "old").exists() and not target.exists():
            with contextlib.suppress(OSError):
                (aside / "old").replace(target)
        if aside is not None:
            _remove(aside)

    with _undone_on_sigterm(undo):
        try:
            tmp = Path(
                tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            )
        except OSError as exc:
            raise _error(exc, path) from exc
        try:
            yield tmp
            tmp.chmod(mode)  # mkdtemp made it 0700
            _fsync_tree(tmp)
            if target.exists():
                aside = Path(
                    tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".old")
                )
                target.replace(aside / "old")
            tmp.replace(target)
        except BaseException as exc:
            undo()
            if isinstance(exc, OSError) and not isinstance(exc, FileAccessError):
                raise _error(exc, path) from exc
            raise
        if aside is not None:
            _remove(aside)
    _fsync_folder(target.parent)


def _fsync_tree(folder: Path) -> None:
    """Make a folder's files durable before it is renamed into place: fsync each, then it."""
    for root, _, names in os.walk(folder):
        for name in names:
            with (Path(root) / name).open("rb+") as written:
                os.fsync(written.fileno())
        _fsync_folder(Path(root))


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
