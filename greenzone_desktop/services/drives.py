"""Removable drives (USB sticks) to offer as a package destination. Local only: reads the
mount table (Linux), /Volumes (macOS) or asks Windows for removable drive letters."""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

# File systems a USB stick carries; a mount under these folders with one of them is a stick.
_STICK_FS = {"vfat", "exfat", "ntfs", "ntfs3", "fuseblk", "msdos", "hfsplus", "udf", "iso9660"}
_MOUNT_ROOTS = ("/media/", "/run/media/", "/mnt/")
_DRIVE_REMOVABLE = 2


@dataclass(frozen=True)
class Drive:
    path: Path
    label: str
    free_bytes: int

    @property
    def display(self) -> str:
        free = f"{self.free_bytes / 1024**3:.1f}".replace(".", ",")
        return f"{self.label} ({self.path}) — còn trống {free} GB"


def _unescape(field: str) -> str:
    """/proc/mounts writes space, tab, newline and backslash as octal escapes."""
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def _free(path: Path) -> int:
    try:
        return shutil.disk_usage(path).free
    except OSError:
        return 0


def _removable_block(device: str) -> bool:
    """/sys/block/<disk>/removable for /dev/sdb1 and the like (False when unknown)."""
    name = os.path.basename(device)
    base = name.rstrip("0123456789")
    if base.endswith("p") and base[:-1].rstrip("0123456789") != base[:-1]:
        base = base[:-1]  # mmcblk0p1 -> mmcblk0
    try:
        return Path(f"/sys/block/{base}/removable").read_text().strip() == "1"
    except OSError:
        return False


def linux_drives(mounts_text: str) -> list[Drive]:
    """Sticks found in the text of /proc/mounts."""
    found: list[Drive] = []
    seen: set[str] = set()
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        device, mount, fs = parts[0], _unescape(parts[1]), parts[2]
        under_media = mount.startswith(_MOUNT_ROOTS)
        if not device.startswith("/dev/") or mount in seen:
            continue
        if not ((under_media and fs in _STICK_FS) or _removable_block(device)):
            continue
        seen.add(mount)
        path = Path(mount)
        found.append(Drive(path, path.name or mount, _free(path)))
    return found


def _windows_drives() -> list[Drive]:
    import ctypes

    kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
    mask = kernel.GetLogicalDrives()
    found: list[Drive] = []
    for i in range(26):
        if not mask & (1 << i):
            continue
        root = f"{chr(65 + i)}:\\"
        if kernel.GetDriveTypeW(ctypes.c_wchar_p(root)) != _DRIVE_REMOVABLE:
            continue
        label = ctypes.create_unicode_buffer(261)
        ok = kernel.GetVolumeInformationW(ctypes.c_wchar_p(root), label, 261, None, None, None,
                                          None, 0)
        if not ok:
            continue  # an empty card reader slot
        found.append(Drive(Path(root), label.value or "USB", _free(Path(root))))
    return found


def removable_drives() -> list[Drive]:
    """The USB sticks plugged in now (empty when none or when the system cannot say)."""
    try:
        if sys.platform == "win32":
            return _windows_drives()
        if sys.platform == "darwin":
            volumes = Path("/Volumes")
            return [Drive(p, p.name, _free(p)) for p in sorted(volumes.iterdir())
                    if p.is_dir() and not p.is_symlink()]
        return linux_drives(Path("/proc/mounts").read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return []
