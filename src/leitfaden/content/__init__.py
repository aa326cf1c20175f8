"""The content: a guide's entries and everything read from its ``faq/`` folder.

- :mod:`~leitfaden.content.loader`: the one loader. It reads and checks the entries, chapters,
  laws and identity into typed objects (:class:`~leitfaden.content.loader.Guide`); the index,
  the command line, the pages, the PDF and the exports all start from what it returns.
- :mod:`~leitfaden.content.citations`: statute citations (``§ 16 Abs. 2 SGB VIII``), their
  normalised form and a lenient reader for what people type.
- :mod:`~leitfaden.content.references`: the ``{frage}`` role between entries.
- :mod:`~leitfaden.content.thesaurus`: abbreviations and synonym groups (toolkit and guide).
- :mod:`~leitfaden.content.export`: the guide as JSON for other systems.

The statute texts themselves are :mod:`leitfaden.statutes`. This file imports nothing, so
that a module of this package does not bring the loader (and PyYAML) onto the search's path.
"""
