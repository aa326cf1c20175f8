# A tiny guide with statutes data: the page of statute texts and the links to it.
project = "Testleitfaden Gesetze"
author = "das leitfaden-Team"
language = "de"
extensions = ["myst_parser", "leitfaden.sphinxext"]
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence"]
nitpicky = True
leitfaden_chapter_page = "kapitel/{id}"
leitfaden_statutes_page = "gesetze"
leitfaden_search = False
