"""``python -m leitfaden``."""

from leitfaden.terminal.cli import run

run()
