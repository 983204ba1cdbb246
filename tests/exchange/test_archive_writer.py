"""Zip members written on a second thread: same archive, errors raised on the caller's side."""

from __future__ import annotations

import io
import threading
import zipfile

import pytest

from greenzone_desktop.exchange.archive_writer import ArchiveWriter


def _writers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "package-archive"]


def test_members_come_out_in_order_with_every_byte() -> None:
    buffer = io.BytesIO()
    blocks = [bytes([i % 251]) * (50_000 + i) for i in range(40)]
    with (zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
          ArchiveWriter(archive) as writer):
        for name in ("a", "b"):
            writer.open(zipfile.ZipInfo(name))
            for block in blocks:
                writer.write(block)
            writer.close()
        writer.finish()
    with zipfile.ZipFile(buffer) as archive:
        assert archive.namelist() == ["a", "b"]
        assert archive.read("a") == archive.read("b") == b"".join(blocks)
    assert not _writers()


class _Full(io.BytesIO):
    """A file that refuses writes past a size (a USB stick filling up)."""

    def write(self, data: bytes) -> int:  # type: ignore[override]
        if self.tell() + len(data) > 10_000:
            raise OSError(28, "No space left on device")
        return super().write(data)


def test_an_error_on_the_writer_thread_is_raised_on_the_callers() -> None:
    archive = zipfile.ZipFile(_Full(), "w", zipfile.ZIP_STORED)
    with pytest.raises(OSError, match="No space"), ArchiveWriter(archive) as writer:
        writer.open(zipfile.ZipInfo("a"))
        for _ in range(100):
            writer.write(b"x" * 5_000)
        writer.close()
        writer.finish()
    assert not _writers()
    assert not archive._writing  # type: ignore[attr-defined]  # the member was closed
    archive.close()


def test_an_error_on_the_callers_side_stops_the_writer_and_closes_the_member() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        with pytest.raises(ValueError, match="bad row"), ArchiveWriter(archive) as writer:
            writer.open(zipfile.ZipInfo("a"))
            writer.write(b"{}\n")
            raise ValueError("bad row")
        assert not _writers()
        assert not archive._writing  # type: ignore[attr-defined]
