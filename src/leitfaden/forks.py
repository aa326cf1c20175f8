"""Forked helper processes that end with the process that forked them.

Large guides are read, analysed and written by forked processes (``leitfaden.content.loader``,
``leitfaden.engine.index``). If the parent is killed (``kill -9``, the out-of-memory killer, a CI
timeout), such a process would wait for work on its pipe for ever. Inside
:func:`children_end_with_parent`, every process forked from this one asks Linux to be killed
when its parent ends (``prctl(PR_SET_PDEATHSIG)``), and ends at once if its parent has ended
already. On other systems it does nothing.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Iterator

__all__ = ["children_end_with_parent"]

#: ``PR_SET_PDEATHSIG`` of ``<linux/prctl.h>``.
_PR_SET_PDEATHSIG = 1
#: The process whose children are guarded now (None: no guard).
_guarding: int | None = None
_registered = False


def _after_fork_in_child() -> None:
    parent = _guarding
    if parent is None:
        return
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent ended before the request took effect
        os._exit(1)


@contextlib.contextmanager
def children_end_with_parent() -> Iterator[None]:
    """Processes forked from this one meanwhile end when it ends."""
    global _guarding, _registered
    if not sys.platform.startswith("linux"):
        yield
        return
    if not _registered:
        os.register_at_fork(after_in_child=_after_fork_in_child)
        _registered = True
    previous, _guarding = _guarding, os.getpid()
    try:
        yield
    finally:
        _guarding = previous
