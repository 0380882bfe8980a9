"""Tests of _files: FileAccessError on OS errors, atomic replacement that leaves the old file on failure."""

from __future__ import annotations

import errno
import os
import pickle
import signal
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from diplo_events import DiploEventsError
from diplo_events._files import atomic_path, open_binary, write_atomic
from diplo_events.errors import FileAccessError


class TestFileAccessError:
    def test_is_ours_and_an_os_error(self) -> None:
        """The error is both a DiploEventsError and an OSError with errno and filename."""
        error = FileAccessError.wrap(
            FileNotFoundError(errno.ENOENT, "No such file or directory", "x.json")
        )
        assert isinstance(error, DiploEventsError)
        assert isinstance(error, OSError)
        assert (error.errno, error.filename) == (errno.ENOENT, "x.json")
        assert str(error) == "[Errno 2] No such file or directory: 'x.json'"

    def test_filename_fallback_and_pickle(self) -> None:
        """A filename can be supplied when the OS error has none; the error pickles."""
        error = FileAccessError.wrap(OSError(errno.EIO, "I/O error"), "data.jsonl")
        assert error.filename == "data.jsonl"
        clone = pickle.loads(pickle.dumps(error))
        assert (type(clone), clone.errno, clone.filename) == (
            FileAccessError,
            errno.EIO,
            "data.jsonl",
        )


class TestOpenBinary:
    def test_reads(self, tmp_path: Path) -> None:
        """An existing file opens for reading bytes."""
        (tmp_path / "a.txt").write_bytes(b"abc")
        with open_binary(tmp_path / "a.txt") as f:
            assert f.read() == b"abc"

    @pytest.mark.parametrize("name", ["missing.json", "."])
    def test_missing_or_folder(self, tmp_path: Path, name: str) -> None:
        """A missing file or a folder gives FileAccessError naming the path."""
        with pytest.raises(FileAccessError) as exc:
            open_binary(tmp_path / name)
        assert exc.value.filename == str(tmp_path / name)


class TestAtomicWrites:
    def test_writes_and_replaces(self, tmp_path: Path) -> None:
        """write_atomic creates and then replaces the file, leaving no temporary file."""
        target = tmp_path / "out.json"
        write_atomic(target, [b"one"])
        write_atomic(target, [b"two", b"!"])
        assert target.read_bytes() == b"two!"
        assert [p.name for p in tmp_path.iterdir()] == ["out.json"]

    def test_failure_midway_leaves_old_file(self, tmp_path: Path) -> None:
        """If producing the bytes fails halfway, the old file is untouched and the temporary file is gone."""
        target = tmp_path / "out.json"
        target.write_bytes(b"old")

        def chunks() -> Iterator[bytes]:
            yield b"new-part-1"
            raise RuntimeError("encoder failed")

        with pytest.raises(RuntimeError, match="encoder failed"):
            write_atomic(target, chunks())
        assert target.read_bytes() == b"old"
        assert [p.name for p in tmp_path.iterdir()] == ["out.json"]

    def test_os_error_midway_is_wrapped(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A failing fsync (disk full, say) becomes FileAccessError and the old file stays."""
        target = tmp_path / "out.json"
        target.write_bytes(b"old")

        def broken_fsync(fd: int) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "fsync", broken_fsync)
        with pytest.raises(FileAccessError) as exc:
            write_atomic(target, [b"new"])
        assert exc.value.errno == errno.ENOSPC
        assert exc.value.filename == str(target)
        assert target.read_bytes() == b"old"
        assert [p.name for p in tmp_path.iterdir()] == ["out.json"]

    def test_keeps_permissions(self, tmp_path: Path) -> None:
        """Replacing a file keeps its permission bits."""
        target = tmp_path / "out.json"
        target.write_bytes(b"old")
        target.chmod(0o640)
        write_atomic(target, [b"new"])
        assert stat.S_IMODE(target.stat().st_mode) == 0o640

    def test_missing_folder(self, tmp_path: Path) -> None:
        """Writing into a missing folder gives FileAccessError."""
        with pytest.raises(FileAccessError):
            write_atomic(tmp_path / "no" / "such" / "out.json", [b"x"])

    def test_unreadable_target_metadata(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An error other than 'missing' while looking at the target is wrapped too."""

        def broken_stat(self: Path, **kwargs: object) -> os.stat_result:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))

        monkeypatch.setattr(Path, "stat", broken_stat)
        with pytest.raises(FileAccessError) as exc, atomic_path(tmp_path / "x"):
            pass  # pragma: no cover - never reached
        assert exc.value.errno == errno.EACCES


class TestTargetsThatAreNotRegularFiles:
    """One writer for every output: links are followed, pipes and devices written in place."""

    def test_symlink_is_kept_and_its_file_replaced(self, tmp_path: Path) -> None:
        real = tmp_path / "real.txt"
        real.write_bytes(b"old")
        link = tmp_path / "link.txt"
        link.symlink_to("real.txt")
        write_atomic(link, [b"new"])
        assert link.is_symlink()
        assert link.readlink() == Path("real.txt")
        assert real.read_bytes() == b"new"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "real.txt"]

    def test_chain_of_links_and_dangling_link(self, tmp_path: Path) -> None:
        """A chain of links reaches the file; a dangling link creates the file it names."""
        (tmp_path / "a").symlink_to("b")
        (tmp_path / "b").symlink_to("c.txt")
        write_atomic(tmp_path / "a", [b"through two links"])
        assert (tmp_path / "c.txt").read_bytes() == b"through two links"
        assert (tmp_path / "a").is_symlink()
        assert (tmp_path / "b").is_symlink()

    def test_fifo_is_written_in_place(self, tmp_path: Path) -> None:
        fifo = tmp_path / "pipe"
        os.mkfifo(fifo)
        reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        try:
            write_atomic(fifo, [b"through ", b"the pipe"])
            assert os.read(reader, 100) == b"through the pipe"
        finally:
            os.close(reader)
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]

    def test_fifo_without_reader_is_refused(self, tmp_path: Path) -> None:
        """Nobody reads the pipe: refused at once (ENXIO), not waited on, not replaced."""
        fifo = tmp_path / "pipe"
        os.mkfifo(fifo)
        with pytest.raises(FileAccessError) as exc:
            write_atomic(fifo, [b"x"])
        assert exc.value.errno == errno.ENXIO
        assert exc.value.filename == str(fifo)
        assert "no reader" in str(exc.value)
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)

    def test_text_to_character_device(self) -> None:
        """/dev/null stays a device: the text is written into it."""
        from diplo_events._files import open_for_writing

        before = Path(os.devnull).stat()
        with open_for_writing(os.devnull, text=True) as out:
            out.write("東京\n")
        after = Path(os.devnull).stat()
        assert stat.S_ISCHR(after.st_mode)
        assert (before.st_ino, before.st_rdev) == (after.st_ino, after.st_rdev)

    def test_atomic_path_copies_into_a_device(self) -> None:
        """A writer that needs a path of its own can still target a device."""
        with atomic_path(os.devnull) as tmp:
            tmp.write_bytes(b"parquet bytes")
            made = tmp
        assert not made.exists()
        assert stat.S_ISCHR(Path(os.devnull).stat().st_mode)

    @pytest.mark.parametrize(
        ("make", "code"),
        [
            (lambda p: p.mkdir(), errno.EISDIR),
            (lambda p: None, errno.ENOENT),  # below a missing folder, see `where` below
        ],
    )
    def test_errors_name_the_target(
        self, tmp_path: Path, make: Callable[[Path], object], code: int
    ) -> None:
        """Whatever fails, the error names the path asked for, never a temporary file."""
        target = tmp_path / "out.jsonl" if code == errno.EISDIR else tmp_path / "no" / "out.jsonl"
        make(target)
        with pytest.raises(FileAccessError) as exc:
            write_atomic(target, [b"x"])
        assert exc.value.errno == code
        assert exc.value.filename == str(target)
        assert ".tmp" not in str(exc.value)

    def test_below_a_regular_file(self, tmp_path: Path) -> None:
        (tmp_path / "file.txt").write_text("x")
        target = tmp_path / "file.txt" / "out.json"
        with pytest.raises(FileAccessError) as exc:
            write_atomic(target, [b"x"])
        assert exc.value.errno == errno.ENOTDIR
        assert exc.value.filename == str(target)

    def test_empty_name(self) -> None:
        with pytest.raises(FileAccessError) as exc:
            write_atomic("", [b"x"])
        assert exc.value.errno == errno.ENOENT

    def test_socket_is_refused(self, tmp_path: Path) -> None:
        import socket

        path = tmp_path / "sock"
        with socket.socket(socket.AF_UNIX) as server:
            server.bind(str(path))
            with pytest.raises(FileAccessError) as exc:
                write_atomic(path, [b"x"])
        assert exc.value.filename == str(path)
        assert stat.S_ISSOCK(os.lstat(path).st_mode)


class TestAtomicDirectory:
    def test_creates_and_replaces(self, tmp_path: Path) -> None:
        from diplo_events._files import atomic_directory

        target = tmp_path / "store"
        with atomic_directory(target) as tmp:
            (tmp / "a.parquet").write_bytes(b"1")
        assert sorted(p.name for p in target.iterdir()) == ["a.parquet"]
        with atomic_directory(target) as tmp:
            (tmp / "b.parquet").write_bytes(b"2")
        assert sorted(p.name for p in target.iterdir()) == ["b.parquet"]
        assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]

    def test_failure_keeps_the_old_folder(self, tmp_path: Path) -> None:
        from diplo_events._files import atomic_directory

        target = tmp_path / "store"
        target.mkdir()
        (target / "old.parquet").write_bytes(b"old")

        def fill_then_fail() -> None:
            with atomic_directory(target) as tmp:
                (tmp / "new.parquet").write_bytes(b"half")
                raise RuntimeError

        with pytest.raises(RuntimeError):
            fill_then_fail()
        assert sorted(p.name for p in target.iterdir()) == ["old.parquet"]
        assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]

    def test_a_file_in_the_way_is_refused(self, tmp_path: Path) -> None:
        from diplo_events._files import atomic_directory

        target = tmp_path / "store"
        target.write_text("a file")
        with pytest.raises(FileAccessError) as exc, atomic_directory(target):
            pass  # pragma: no cover - never entered
        assert exc.value.errno == errno.ENOTDIR
        assert target.read_text() == "a file"


_SLOW_WRITER = """
import sys, time
from diplo_events._files import write_atomic
def chunks():
    yield b"x" * 1000
    sys.stdout.write("writing\\n"); sys.stdout.flush()
    time.sleep(60)
    yield b"never"
write_atomic(sys.argv[1], chunks())
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_stopped_writer_leaves_no_temporary_file(tmp_path: Path, signum: int) -> None:
    """SIGTERM or Ctrl-C while writing: the old file stays, nothing else is left beside it.

    The process still ends as the signal ends it (exit status -15 or -2).
    """
    target = tmp_path / "out.jsonl"
    target.write_bytes(b"old")
    with subprocess.Popen(
        [sys.executable, "-c", _SLOW_WRITER, str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as proc:
        assert proc.stdout is not None
        assert proc.stdout.readline() == b"writing\n"
        assert len(list(tmp_path.iterdir())) == 2  # the target and its temporary file
        proc.send_signal(signum)
        proc.wait(timeout=120)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]
    assert target.read_bytes() == b"old"
    assert proc.returncode == -signum


def _run_script(script: str, target: Path) -> subprocess.CompletedProcess[str]:
    """Run `script` in a fresh interpreter with `target` as its argument."""
    return subprocess.run(
        [sys.executable, "-c", script, str(target)],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )


_SIGNAL_IN_EXIT = """
import os, signal, sys
from diplo_events._files import write_atomic
def on_call(frame, event, arg):
    # SIGTERM as the writer's `with` statement leaves its body: Python runs the
    # handler in contextlib's __exit__, outside the writer's own try blocks
    if event == "call" and frame.f_code.co_name == "__exit__":
        sys.setprofile(None)
        os.kill(os.getpid(), signal.SIGTERM)
sys.setprofile(on_call)
write_atomic(sys.argv[1], [b"new"])
print("survived")
"""


def test_a_signal_in_a_with_statements_exit_ends_the_process_quietly(tmp_path: Path) -> None:
    """SIGTERM that lands between the writer's frames: no traceback, no temporary file, old file."""
    target = tmp_path / "out.jsonl"
    target.write_bytes(b"old")
    out = _run_script(_SIGNAL_IN_EXIT, target)
    assert (out.returncode, out.stdout, out.stderr) == (-signal.SIGTERM, "", "")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


_SIGNAL_BETWEEN_RENAMES = """
import os, signal, sys
from pathlib import Path
from diplo_events._files import atomic_directory
def on_return(frame, event, arg):
    # SIGTERM just after the old folder was renamed aside, before the new one takes its place
    if event == "return" and frame.f_code.co_name == "replace" and not Path(sys.argv[1]).exists():
        sys.setprofile(None)
        os.kill(os.getpid(), signal.SIGTERM)
with atomic_directory(sys.argv[1]) as tmp:
    (tmp / "new.parquet").write_bytes(b"new")
    sys.setprofile(on_return)
print("survived")
"""


def test_a_signal_between_the_folder_renames_puts_the_old_folder_back(tmp_path: Path) -> None:
    """SIGTERM while the old folder is aside: it is renamed back, nothing else is left."""
    target = tmp_path / "store"
    target.mkdir()
    (target / "old.parquet").write_bytes(b"old")
    out = _run_script(_SIGNAL_BETWEEN_RENAMES, target)
    assert (out.returncode, out.stdout, out.stderr) == (-signal.SIGTERM, "", "")
    assert sorted(p.name for p in target.iterdir()) == ["old.parquet"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


_FULL_DISK = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
from diplo_events._files import open_for_writing
try:
    with open_for_writing(sys.argv[1], text=True) as out:
        for i in range(10_000):
            out.write(f"row {i}\\n")
except OSError as exc:
    print(type(exc).__name__, exc.errno, exc.filename)
"""


def test_a_full_disk_keeps_the_old_file(tmp_path: Path) -> None:
    """Writes past a 4 KiB file-size limit fail (EFBIG) as on a full disk: old file intact."""
    target = tmp_path / "out.csv"
    target.write_bytes(b"old,content\n")
    out = _run_script(_FULL_DISK, target)
    assert out.returncode == 0
    assert out.stdout.split() == ["FileAccessError", str(errno.EFBIG), str(target)]
    assert target.read_bytes() == b"old,content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


class TestAtomicDirectorySafety:
    """A folder writer must never delete a user's folder, nor leave a new one unreadable."""

    def test_a_folder_it_did_not_make_is_refused(self, tmp_path: Path) -> None:
        from diplo_events._files import atomic_directory

        mine = tmp_path / "thesis"
        mine.mkdir()
        (mine / "chapter1.txt").write_text("precious")
        with (
            pytest.raises(FileAccessError) as exc,
            atomic_directory(mine, replaces=lambda d: False, what="a Parquet store"),
        ):
            pass  # pragma: no cover - never entered
        assert exc.value.errno == errno.EEXIST
        assert (
            str(exc.value)
            == f"[Errno 17] Exists and is not a Parquet store; not replaced: {str(mine)!r}"
        )
        assert (mine / "chapter1.txt").read_text() == "precious"

    def test_an_empty_folder_is_replaced(self, tmp_path: Path) -> None:
        from diplo_events._files import atomic_directory

        (tmp_path / "store").mkdir()
        with atomic_directory(tmp_path / "store", replaces=lambda d: False) as tmp:
            (tmp / "a").write_text("1")
        assert [p.name for p in (tmp_path / "store").iterdir()] == ["a"]

    def test_a_new_folder_gets_the_umasks_mode(self, tmp_path: Path) -> None:
        from diplo_events._files import atomic_directory

        old = os.umask(0o022)
        try:
            with atomic_directory(tmp_path / "store") as tmp:
                (tmp / "a").write_text("1")
        finally:
            os.umask(old)
        assert stat.S_IMODE((tmp_path / "store").stat().st_mode) == 0o755

    def test_failure_with_a_relative_path_from_inside_keeps_the_folder(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """`-o ../here` run from inside `here`: the old folder is renamed aside and back."""
        from diplo_events._files import atomic_directory

        here = tmp_path / "here"
        here.mkdir()
        (here / "keep.txt").write_text("keep")
        monkeypatch.chdir(here)
        real_replace = Path.replace

        def failing_replace(self: Path, target: str | os.PathLike[str]) -> Path:
            if self.name.endswith(".tmp"):  # moving the new folder into place fails
                raise OSError(errno.EIO, "I/O error")
            return real_replace(self, target)

        monkeypatch.setattr(Path, "replace", failing_replace)
        with pytest.raises(FileAccessError), atomic_directory("../here") as tmp:
            (tmp / "new").write_text("new")
        monkeypatch.setattr(Path, "replace", real_replace)
        assert (here / "keep.txt").read_text() == "keep"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["here"]
