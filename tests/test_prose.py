"""The BibTeX entry reader both the own-paper component and the peer-reviewed venue fact use."""

from openness.evidence import Document
from openness.inventory.prose import BIBTEX_ENTRY_LINES, bibtex_entry

README = """# Project

```bibtex
@inproceedings{x2020,
  title={X},
  booktitle={Proceedings of NeurIPS},
}
```
@misc{after, howpublished={GitHub}}
"""


def _doc(text: str) -> Document:
    return Document(path="README.md", text=text, size=len(text))


def test_an_entry_ends_at_its_closing_brace() -> None:
    entry = bibtex_entry(_doc(README), 4)
    assert entry.splitlines()[0].startswith("@inproceedings") and entry.splitlines()[-1] == "}"
    assert "howpublished" not in entry


def test_an_entry_without_its_brace_ends_with_its_code_block_or_the_line_limit() -> None:
    unclosed = README.replace("}\n```", "```")
    assert "howpublished" not in bibtex_entry(_doc(unclosed), 4)
    endless = "@article{y,\n" + "  note={n},\n" * 50
    assert len(bibtex_entry(_doc(endless), 1).splitlines()) == BIBTEX_ENTRY_LINES
