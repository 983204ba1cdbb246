from __future__ import annotations

import sys

from greenzone_desktop.cli import main

sys.exit(main())
