# A tiny guide for the extension's tests: two chapters, three entries.
project = "Testleitfaden"
author = "das leitfaden-Team"
language = "de"
extensions = ["myst_parser", "leitfaden.sphinxext"]
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence"]
nitpicky = True
leitfaden_chapter_page = "kapitel/{id}"
leitfaden_search = False
leitfaden_pdf_subtitle = "Drei Fragen zum Testen"
