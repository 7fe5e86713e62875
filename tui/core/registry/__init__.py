"""A link to ClinicalTrials.gov for curators: fetch study records (API v2), compare them with ours, draft new ones.

Headless like the rest of `core`: `api` fetches (or reads saved responses) with a rate limit and a cache,
`parse` turns a response into a neutral `RegistryRecord`, `diff` compares one with a curated `Trial`, and
`draft` writes a YAML trial record for a curator to review. Nothing here ever edits the curated data.
"""
