"""The engine's light imports: stand-ins only while importing, real modules afterwards."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
from leitfaden.engine._imports import light_engine_imports
with light_engine_imports():
    import leitfaden.engine.index, leitfaden.engine.search
skipped = [m for m in ("http.client", "asyncio", "urllib.request", "cached_property",
                       "whoosh.lang.morph_en") if m in sys.modules]
import whoosh.query.terms
assert "render" in whoosh.query.terms.variations("rendering")  # imports the real module now
assert "whoosh.lang.morph_en" in sys.modules
import urllib.request, cached_property, whoosh.reading
assert urllib.request.urlopen.__module__ == "urllib.request"
assert "asyncio" in sys.modules  # the real cached_property module, imported on request
assert whoosh.reading.cached_property.__module__ == "functools"
from leitfaden.paths import locate
print(",".join(skipped) or "-")
"""


def test_engine_imports_skip_unused_modules_and_leave_the_real_ones() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "-"


def test_stand_in_hands_other_attributes_to_the_real_module() -> None:
    probe = (
        "import sys\n"
        "from leitfaden.engine._imports import light_engine_imports\n"
        "with light_engine_imports():\n"
        "    import urllib.request as stand_in\n"
        "    opener = stand_in.build_opener\n"
        "print(opener.__module__, type(sys.modules['urllib.request']).__name__)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["urllib.request", "module"]
