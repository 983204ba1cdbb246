"""Locate bundled resources both from a source checkout and from a frozen (PyInstaller) bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_root() -> Path:
    """The `resources/` folder: beside the package in a checkout, inside the bundle when frozen."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a file under `resources/`, e.g. `resource_path("data", "phone_prefixes.json")`."""
    return resource_root().joinpath(*parts)
