"""Widgets of the Landscape screen: they draw what `core.landscape` computes (rows, cells, styled chart
lines) and add only the cursor; every role of a chart line gets its style from the theme (app.tcss)."""
