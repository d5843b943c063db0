"""Evidence → the dataset-description fact: what each dataset of the bundle says of its intended use,
its known biases, its kinds of data and its size.

Read from the dataset's own card (its intended-use section and its section on bias), its Croissant
responsible-AI fields (``rai:dataUseCases``, ``rai:dataBiases``), the host's modality tags or the card's
task categories, and the file sizes the host listed. Nothing is inferred: what is not stated stays empty.

Judgment calls, stated here once:
* intended use: the card's section first (the owner's prose, with its line), else the Croissant field;
* known bias: a card section on limitations counts only when its heading names bias (a limitation is
  not a bias); the Croissant field is kept beside it;
* data types: the host's ``modality:`` tags when it gives them (the Hub derives them from the data
  files), else the card's task categories, each read through the Hub's task taxonomy (which data a
  task takes); a modality or task without an SPDX counterpart (3d, geospatial, document, robotics …)
  adds nothing, and when nothing maps the type is SPDX's noAssertion, written by the reporter;
* size: the sum of the listed files' sizes, only when the listing is whole and every file has a size
  (a partial sum would understate it).
"""

from __future__ import annotations

from typing import Any

from .. import patterns
from ..cards import CardSection, sections_about
from ..evidence import Member
from .croissant import rai_ref
from .facts import DatasetDescription, DatasetType, Fact, Quote, known
from .model import EvidenceRef
from .model_description import quote
from .signals import Signals

MODALITIES: dict[str, DatasetType] = {"text": "text", "image": "image", "audio": "audio", "video": "video",
                                      "tabular": "structured", "timeseries": "timeseries"}
"""The Hub's ``modality:`` tags with an SPDX ``dataset_DatasetType`` (tabular data is SPDX's "structured")."""
TASK_DATA: dict[str, tuple[DatasetType, ...]] = {
    **dict.fromkeys(("text-classification", "token-classification", "question-answering", "zero-shot-classification",
                     "translation", "summarization", "text-generation", "text2text-generation", "fill-mask",
                     "sentence-similarity", "text-ranking", "text-retrieval", "multiple-choice", "feature-extraction"),
                    ("text",)),
    **dict.fromkeys(("image-classification", "object-detection", "image-segmentation", "image-to-image",
                     "unconditional-image-generation", "depth-estimation", "mask-generation", "keypoint-detection",
                     "image-feature-extraction"), ("image",)),
    **dict.fromkeys(("text-to-image", "image-to-text", "image-text-to-text", "visual-question-answering",
                     "zero-shot-image-classification", "zero-shot-object-detection", "document-question-answering"),
                    ("text", "image")),
    **dict.fromkeys(("audio-classification", "audio-to-audio", "voice-activity-detection"), ("audio",)),
    **dict.fromkeys(("automatic-speech-recognition", "text-to-speech", "text-to-audio", "audio-text-to-text"),
                    ("text", "audio")),
    "video-classification": ("video",), "video-to-video": ("video",),
    "text-to-video": ("text", "video"), "video-text-to-text": ("text", "video"),
    "tabular-classification": ("structured",), "tabular-regression": ("structured",),
    "table-question-answering": ("structured", "text"), "time-series-forecasting": ("timeseries",),
    "graph-ml": ("graph",),
}
"""The Hub's task categories (its task taxonomy) and the kinds of data each takes, in SPDX's names."""
USE_CASES, BIASES = "rai:dataUseCases", "rai:dataBiases"


def dataset_descriptions_fact(signals: Signals) -> Fact[list[DatasetDescription]]:
    """One description per dataset member (a bundle's dataset, or a dataset target) that states anything."""
    found = [_describe(member, signals) for member in signals.members
             if member.role == "dataset" or member.content == "dataset"]
    described = [d for d in found if d != DatasetDescription(member=d.member)]
    return known("dataset_descriptions", described,
                 [EvidenceRef(member=d.member, note="dataset card, Croissant metadata and host") for d in described])


def _describe(member: Member, signals: Signals) -> DatasetDescription:
    readme = signals.readme(member)
    intended: Quote | None = None
    biases: list[Quote] = []
    if readme is not None:
        section = signals.sections_of(readme).get("intended_use")
        intended = quote(section, member.id, readme) if section is not None else None
        biases = [quote(s, member.id, readme) for s in _bias_section(readme.text)]
    rai = member.croissant.rai if member.croissant is not None else {}
    if intended is None and USE_CASES in rai:
        intended = Quote(text=rai[USE_CASES], ref=rai_ref(member, [USE_CASES]))
    if BIASES in rai:
        biases.append(Quote(text=rai[BIASES], ref=rai_ref(member, [BIASES])))
    types, types_ref = _types(member, signals)
    return DatasetDescription(member=member.id, intended_use=intended, known_bias=biases, types=types,
                              types_ref=types_ref, size=_size(member, signals))


def _bias_section(text: str) -> list[CardSection]:
    """The most specific section on bias: the first one whose heading names bias and that holds no
    such section of its own ("Discussion of Biases" rather than the "Considerations" around it)."""
    bias_heading = patterns.text("card_heading_bias").regex
    named = [s for s in sections_about(text, "limitations_bias") if bias_heading.search(s.heading)]
    inner = [s for s in named if not any(t.line > s.line and t.heading in s.body for t in named)]
    return inner[:1]


def _types(member: Member, signals: Signals) -> tuple[list[DatasetType], EvidenceRef | None]:
    tags = [t.split(":", 1)[1] for t in member.host.tags if t.startswith("modality:")]
    from_tags = [MODALITIES[t] for t in tags if t in MODALITIES]
    if from_tags:
        return list(dict.fromkeys(from_tags)), EvidenceRef(member=member.id, note="the host's modality tags")
    tasks = _strings(signals.card(member).get("task_categories"))
    from_tasks = [kind for task in tasks for kind in TASK_DATA.get(task, ())]
    if from_tasks:
        readme = signals.readme(member)
        return list(dict.fromkeys(from_tasks)), EvidenceRef(member=member.id, path=readme.path if readme else None,
                                                            note="the card's task_categories")
    return [], None


def _strings(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [item.strip() for item in items if isinstance(item, str) and item.strip()]


def _size(member: Member, signals: Signals) -> int | None:
    sizes = [entry.size for entry in member.files]
    if not sizes or signals.gap("tree", member=member) is not None or any(s is None for s in sizes):
        return None
    return sum(s for s in sizes if s is not None)
