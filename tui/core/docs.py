"""The generated parts of data/README.md: the trial field table, the vocabularies, the curation rules.

`python -m tui.core.docs` rewrites them; a test checks that data/README.md holds exactly this text between its
`generated:*` markers, so the documentation cannot drift from the field table and the vocabularies.
"""

from __future__ import annotations

from . import curation, fields, vocab
from .schema import Field


def _cell(value: str) -> str:
    return value.replace("|", "\\|")


def field_table() -> str:
    """Every trial field: its key, whether it is required, its form and what it means."""
    lines = ["| field | required | value | meaning |", "|---|---|---|---|"]
    for field in fields.STORED:
        spec = field.spec
        assert spec is not None
        required = "yes" if spec.required else "no"
        meaning = field.doc or field.label
        lines.append(f"| `{field.key}` | {required} | {_cell(spec.described())} | {_cell(meaning)} |")
    return "\n".join(lines)


def sub_record_tables() -> str:
    """The fields of the sub-records (arms, outcomes and their results, adverse events, sources…)."""
    from . import schema

    parts = []
    for title, record in (
        ("Arm (`arms[]`)", schema.ARM),
        ("Enrolment (`enrolment`)", schema.ENROLMENT),
        ("Dates (`dates`)", schema.DATES),
        ("Related trial (`related[]`)", schema.RELATED),
        ("Outcome (`outcomes[]`)", schema.OUTCOME),
        ("Effect (`outcomes[].result`)", schema.EFFECT),
        ("Adverse events of one arm (`adverse_events[]`)", schema.ADVERSE_EVENTS),
        ("Source (`sources[]`, everywhere)", schema.SOURCE),
    ):
        parts.append(f"**{title}**\n\n" + _table(record))
    return "\n\n".join(parts)


def _table(record: dict[str, Field]) -> str:
    lines = ["| field | required | value |", "|---|---|---|"]
    for key, spec in record.items():
        lines.append(f"| `{key}` | {'yes' if spec.required else 'no'} | {_cell(spec.described())} |")
    return "\n".join(lines)


def vocabulary_tables() -> str:
    """Each controlled vocabulary: its values and the words a reader sees."""
    parts = []
    for vocabulary in vocab.ALL:
        lines = [f"**{vocabulary.name}**", "", "| value | shown as |", "|---|---|"]
        lines += [f"| `{value}` | {_cell(label)} |" for value, label in vocabulary.labels.items()]
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def curation_rules() -> str:
    return "\n".join(f"{n}. {text}" for n, (_, text) in enumerate(curation.RULES, start=1))


SECTIONS = {
    "fields": field_table,
    "sub-records": sub_record_tables,
    "vocabularies": vocabulary_tables,
    "curation-rules": curation_rules,
}


def replace_sections(readme: str) -> str:
    """The README with every `<!-- generated:NAME -->` … `<!-- /generated:NAME -->` block regenerated."""
    for name, make in SECTIONS.items():
        start, end = f"<!-- generated:{name} -->", f"<!-- /generated:{name} -->"
        if start in readme and end in readme:
            before, rest = readme.split(start, 1)
            _, after = rest.split(end, 1)
            readme = f"{before}{start}\n{make()}\n{end}{after}"
    return readme


def main() -> int:
    """`python -m tui.core.docs [README]`: regenerate the generated blocks of data/README.md in place."""
    import sys
    from pathlib import Path

    from .loader import bundled_data_path

    path = Path(sys.argv[1]) if len(sys.argv) > 1 else bundled_data_path() / "README.md"
    readme = path.read_text(encoding="utf-8")
    updated = replace_sections(readme)
    if updated != readme:
        path.write_text(updated, encoding="utf-8")
        print(f"updated {path}")
    else:
        print(f"{path} is current")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
