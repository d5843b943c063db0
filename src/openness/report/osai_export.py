"""A European Open Source AI Index entry (one YAML file of ``main-database``) drafted from an Assessment.

The 12 dimensions are the index lens's rows as they are (``frameworks/osai.py``): nothing is
judged again here. Each dimension gets the lens's rating as its ``class``, its evidence as
``link`` (URLs at the scored revision) and its reason as ``notes``. A dimension the lens could
not judge (``unknown``) has no class: the note says why, and a reviewer fills it in.

System and organisation fields come from the same run, each with a comment naming where it was
read. What the evidence does not show is left empty, never guessed:
* ``performanceclass`` is the index's capability tier (latest / full / limited), not an openness
  fact: nothing in a repository states it;
* ``releasedate`` is the announced release, which the host does not record (a repository's
  creation date can be months earlier, so it is not used);
* ``type`` is filled only from a pipeline tag that names one of the index's types without doubt
  (a code model carries the same ``text-generation`` tag as a chat model, so ``code`` never is).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import yaml

from .. import licenses
from ..assessment import Assessment
from ..errors import UsageError
from ..frameworks.interface import LensResult, LensRow
from ..frameworks.osai import DIMENSIONS
from ..inventory import EvidenceRef
from .links import evidence_link

_EMPTY = None
"""An empty value: written as a bare ``key:``, as the index's own files leave what was not found."""


@dataclass(frozen=True)
class Value:
    """One system or organisation value and where it was read (None: not found)."""

    value: str | None
    source: str


def render_osai_entry(assessment: Assessment) -> str:
    """The entry as YAML text; ``UsageError`` when the index lens did not judge the target."""
    lens = assessment.frameworks.get("osai")
    if lens is None:
        raise UsageError(f"{assessment.target.id} was judged as {assessment.inventory.kind}: the European Open Source "
                         "AI Index rates model releases, so there is no entry to export")
    header = (f"---\n# Drafted by {assessment.tool.name} {assessment.tool.version} from the evidence of "
              f"{assessment.target.id}@{assessment.target.revision or 'working tree'} on {assessment.generated_at}.\n"
              f"# The assessment computed: {lens.verdict} ({lens.summary}). Empty values were not found in the "
              "evidence: fill them in, and review every class against https://osai-index.eu/contribute.\n\n")
    # A saved report's details are read back untyped, and one from before the field has none.
    system = system_fields(assessment, getattr(lens.details, "system_type", None))
    blocks = [_block("system", system), _block("org", org_fields(assessment))]
    blocks += [_dimension_block(row, assessment) for row in _rows(lens)]
    return header + "\n".join(blocks)


def system_fields(assessment: Assessment, system_type: str | None) -> dict[str, Value]:
    primary = assessment.members[0]
    facts = assessment.inventory.facts
    name = assessment.target.id.rsplit("/", 1)[-1]
    description = facts.model_description.value if facts is not None else None
    task = description.task if description is not None else None
    base = facts.base_model.value if facts is not None else None
    weights = assessment.inventory.licenses["weights"]
    licence = licenses.display_name(weights.license_id, weights.modified) if weights.license_id else None
    licence_source = (f"weights licence, {_where(weights.declared_by, assessment)}" if weights.declared_by
                      else weights.reason or "no licence of the weights was found")
    return {
        "name": Value(name, f"repository name of {assessment.target.id} (the index names a family without size)"),
        "link": Value(primary.web_url, f"{primary.source_label or 'repository'} page"),
        "type": Value(system_type, f"pipeline tag {task!r}" if task else "no pipeline tag"),
        "performanceclass": Value(_EMPTY, "a capability tier the evidence does not state"),
        "basemodelname": Value(base.id if base else name, f"base model named in {base.stated_in}" if base
                               else "no base model declared: the end model is its own base model"),
        "endmodelname": Value(name, f"repository name of {assessment.target.id}"),
        "endmodellicense": Value(licence, licence_source),
        "releasedate": Value(_EMPTY, "the host does not record a release date"),
    }


def org_fields(assessment: Assessment) -> dict[str, Value]:
    primary = assessment.members[0]
    if primary.web_url is None or "/" not in primary.id:
        return {"name": Value(_EMPTY, "a local checkout names no organisation"),
                "link": Value(_EMPTY, "a local checkout names no organisation")}
    owner = primary.id.split("/", 1)[0]
    return {"name": Value(owner, f"owner of {primary.id} (its account name, not necessarily the organisation's)"),
            "link": Value(primary.web_url.rsplit("/", 1)[0], f"owner's page beside the {primary.source_label or 'repository'} page")}


def dimension(row: LensRow, assessment: Assessment) -> dict[str, Any]:
    """One dimension as the index writes it: ``class``, ``link`` and ``notes``."""
    links = _links(row.evidence, assessment)
    judged = row.value in {"open", "partial", "closed"}
    return {"class": row.value if judged else _EMPTY,
            "link": links[0] if len(links) == 1 else (links or _EMPTY),
            "notes": row.reason if judged else f"Not judged: {row.reason.rstrip('.')}."}


def _rows(lens: LensResult) -> list[LensRow]:
    by_id = {row.id: row for row in lens.requirements}
    return [by_id[key] for key in DIMENSIONS]


def _block(name: str, fields: dict[str, Value]) -> str:
    """A mapping whose every value is preceded by a comment naming its source. Sources and values come from
    untrusted evidence: a comment is one line (whitespace collapsed), a value is dumped by the YAML library."""
    lines = [f"{name}:"]
    for key, item in fields.items():
        lines.append(f"    # {key}: {' '.join(item.source.split())}")
        lines.append(textwrap.indent(_scalar(key, item.value), "    "))
    return "\n".join(lines) + "\n"


def _dimension_block(row: LensRow, assessment: Assessment) -> str:
    body = yaml.safe_dump({row.id: dimension(row, assessment)}, sort_keys=False, allow_unicode=True, width=10_000,
                          indent=4)
    return body.replace(": null\n", ":\n")


def _scalar(key: str, value: str | None) -> str:
    return yaml.safe_dump({key: value}, allow_unicode=True, width=10_000).rstrip("\n").replace(": null", ":")


def _links(refs: Iterable[EvidenceRef], assessment: Assessment) -> list[str]:
    """Each reference's URL at the scored revision; a metadata key stands for its member's page."""
    found = [evidence_link(ref, assessment) or _member_page(ref, assessment) for ref in refs]
    return list(dict.fromkeys(link for link in found if link))


def _member_page(ref: EvidenceRef, assessment: Assessment) -> str | None:
    return next((m.web_url for m in assessment.members if m.id == ref.member), None)


def _where(ref: EvidenceRef, assessment: Assessment) -> str:
    location = (f"{ref.path}:{ref.line}" if ref.line else ref.path) or ref.url or ref.note or "metadata"
    primary = assessment.members[0].id
    return location if ref.member == primary else f"{ref.member} {location}"
