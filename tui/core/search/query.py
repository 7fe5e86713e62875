"""A query split into its parts: words that must match, `!words` that exclude, `name:value` filters."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .normalise import WORD

MAX_QUERY_CHARS = 1000
MAX_WORDS = 12
FILTER = re.compile(r"^([A-Za-z_]+):(.*)$", re.DOTALL)


@dataclass
class ParsedQuery:
    words: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    filters: list[tuple[str, str, bool]] = field(default_factory=list)  # (name, value, negated)
    warnings: list[str] = field(default_factory=list)


def parse_query(query: str) -> ParsedQuery:
    """Split a query into terms, exclusions (`!word`) and filters (`name:value`, `!name:value`)."""
    parsed = ParsedQuery()
    if len(query) > MAX_QUERY_CHARS:
        parsed.warnings.append(f"query shortened to its first {MAX_QUERY_CHARS} characters")
        query = query[:MAX_QUERY_CHARS]
    words = query.split()
    if len(words) > MAX_WORDS:
        parsed.warnings.append(f"only the first {MAX_WORDS} words of the query are used")
        words = words[:MAX_WORDS]
    for word in words:
        negated = word.startswith("!")
        body = word.lstrip("!")
        match = FILTER.match(body)
        if match:
            parsed.filters.append((match.group(1).casefold(), match.group(2), negated))
        elif not WORD.search(body):
            continue  # punctuation alone ("-", "!!") asks for nothing
        elif negated:
            parsed.excluded.append(body)
        else:
            parsed.words.append(body)
    return parsed
