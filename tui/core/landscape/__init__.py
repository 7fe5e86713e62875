"""The landscape: the whole field at a glance, computed here and only drawn by widgets and the CLI.

`table` (one row per trial, sorting, facets with counts, filtering through the search language), `matrix`
(interventions × measures), `forest` (reported effects on a shared axis per estimate type and unit),
`timeline` (trials as bars by year) and `render_text` (the plain-text charts, also the lines widgets
style). Headless, like the rest of `core`: no Textual or Rich here (tests/core/test_headless.py).
"""
