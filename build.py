#!/usr/bin/env python3
"""The bundled site's entry: `python build.py COMMAND` is `ratify COMMAND --root` this folder (ratify/cli.py)."""

import sys
from pathlib import Path

from ratify.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], root=Path(__file__).resolve().parent, program="build.py"))
