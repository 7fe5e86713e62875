"""The headless core: model, loading, validation, search and compare. Never imports textual or rich."""
