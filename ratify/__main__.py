"""`python -m ratify` is the `ratify` command."""

from ratify.cli import run

run()
