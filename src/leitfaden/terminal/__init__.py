"""The terminal: the ``leitfaden`` command line and what only it needs.

- :mod:`~leitfaden.terminal.cli`: the commands (``suche``, ``zeige``, ``liste``, ``pruefe``,
  ``neu``, ``index``, ``baue``, ``vorschau``, ``init``, ``export``, ``bewerte``), German help
  and messages.
- :mod:`~leitfaden.terminal.statute_commands`: ``leitfaden gesetz`` (a cited provision's
  wording) and ``leitfaden gesetze aktualisieren`` (the statute data).
- :mod:`~leitfaden.terminal.build`: ``leitfaden baue``, the HTML and PDF build that never
  destroys the last good one.
- :mod:`~leitfaden.terminal.render`: entries and hits as terminal text, with or without colour.
- :mod:`~leitfaden.terminal.snapshot`: the cached, checked copy of the guide that lets
  ``zeige`` and ``liste`` start fast.
"""
