"""USB sticks offered as the export destination: found from the mount table, nothing else."""

from __future__ import annotations

from pathlib import Path

from greenzone_desktop.services.drives import Drive, linux_drives, removable_drives

MOUNTS = """\
/dev/vda / ext4 rw,relatime 0 0
tmpfs /run tmpfs rw,nosuid 0 0
/dev/sdb1 /media/thon/KINGSTON\\040USB vfat rw,nosuid,nodev 0 0
/dev/sdc1 /run/media/phuong/DATA exfat rw 0 0
/dev/sdd1 /media/thon/backup ext4 rw 0 0
proc /proc proc rw 0 0
"""


def test_sticks_are_found_in_the_mount_table() -> None:
    found = linux_drives(MOUNTS)
    assert [(d.path, d.label) for d in found] == [
        (Path("/media/thon/KINGSTON USB"), "KINGSTON USB"),
        (Path("/run/media/phuong/DATA"), "DATA"),
    ]


def test_drive_display_and_this_machine() -> None:
    d = Drive(Path("/media/thon/USB"), "USB", int(7.5 * 1024**3))
    assert d.display == "USB (/media/thon/USB) — còn trống 7,5 GB"
    assert all(isinstance(x, Drive) for x in removable_drives())
