from __future__ import annotations

import multiprocessing
import sys

if __name__ == "__main__":
    # A pile of USB packages is read in a second process (services/handoff_read.py): in the
    # packaged app that process starts this same program, which must then only read.
    multiprocessing.freeze_support()
    from greenzone_desktop.cli import main

    sys.exit(main())
