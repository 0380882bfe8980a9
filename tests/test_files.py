"""Tests of _files: FileAccessError on OS errors, atomic replacement that leaves the old file on failure."""

from __future__ import annotations

import errno
import os
import pickle
import stat
from collections.abc import Iterator
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
