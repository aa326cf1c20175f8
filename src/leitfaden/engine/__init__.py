"""The FAQ engine: German analysis, the Whoosh index, the query side and the ranking model.

- :mod:`~leitfaden.engine.analysis`: the one analysis chain (stems, compounds, thesaurus
  groups, filler words), for the index, the terminal and, ported, the search page.
- :mod:`~leitfaden.engine.ranking`: the ranking model, every number of it, defined once.
- :mod:`~leitfaden.engine.index`: the Whoosh index (atomic generations, manifest) and the
  scoring through Whoosh's documented extension points.
- :mod:`~leitfaden.engine.search`: the query syntax, typo correction, snippets; ``search()``.
- :mod:`~leitfaden.engine.evaluation`: search quality on a file of queries
  (``leitfaden bewerte``).

The search page's port of the query side is ``leitfaden/sphinxext/static/search/suche.js``.
"""
