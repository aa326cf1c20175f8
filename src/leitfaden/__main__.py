"""``python -m leitfaden``."""

from leitfaden.cli import run

run()
