"""Widgets of the browser: the catalog tree, the detail views and their parts."""
