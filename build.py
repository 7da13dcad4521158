#!/usr/bin/env python3
"""The bundled site's entry: `python build.py COMMAND` is `ratify COMMAND --root` this folder (ratify/cli.py)."""

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV = HERE / ".venv"


def _in_venv_when_there_is_one() -> None:
    """After `make site` the dependencies live in .venv: started with another Python, run again with its own, so
    that the README's commands work as written without activating anything."""
    python = VENV / "bin" / "python"
    if python.is_file() and Path(sys.prefix).resolve() != VENV.resolve():
        os.execv(python, [str(python), str(Path(__file__).resolve()), *sys.argv[1:]])


if __name__ == "__main__":
    _in_venv_when_there_is_one()
    try:
        from ratify.cli import main
        import babel, jinja2, markdown, yaml  # noqa: E401,F401 (what every command needs, asked here to say so)
    except ModuleNotFoundError as error:
        sys.exit(f"build.py: the Python package '{error.name}' is not installed: run `make site` first, which "
                 "installs ratify's dependencies into .venv (this command then uses it by itself)")
    sys.exit(main(sys.argv[1:], root=HERE, program="build.py"))
