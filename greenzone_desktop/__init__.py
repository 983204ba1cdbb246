"""GreenZone Desktop (Sổ Vùng Xanh): offline register for community green-zone campaigns."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("greenzone-desktop")
except PackageNotFoundError:  # frozen bundle without metadata
    __version__ = "0.1.0"
