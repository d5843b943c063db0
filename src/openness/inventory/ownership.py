"""Whose weights a link points to: this release's own, or another organisation's.

A training library's README lists checkpoints others published (``meta-llama/…``,
``mistralai/…``) so its users can fine-tune them; a model release links its own. Only the
second is this release's final parameters, and only the second makes a repository a
model release.

**The rule.** A weights link on the Hugging Face Hub (``huggingface.co/ORG/NAME``) or on
GitHub (``github.com/OWNER/REPO/releases/…``) is the release's own when its organisation is
one of the release's own organisations:

- the owner of the primary repository or of the release's code repository (the Hub org of
  a Hub model, the GitHub owner of a GitHub repository, the GitHub ``origin`` of a local
  checkout, or the owner in the README's own ``git clone`` / ``pip install git+`` command:
  the one whose repository name ends the checkout folder's, since READMEs clone dependencies too);
- an organisation the card or README names as the release's maker ("Developed by",
  "Model developers", "Organization", "Shared by" …).

Names are compared after case folding and dropping everything but letters and digits
(``AllenAI``, ``allenai`` and ``allen-ai`` are one name). No table of aliases: an
organisation that publishes under a different name on each host (GitHub ``facebookresearch``,
Hub ``meta-llama``) is its own only where the card or README says so, because a table
would be one fixture's answer, not a rule. Links to other hosts (an archive on a lab's
server, a cloud drive) cannot be told apart by name and count as the release's own, as
they did before. When no organisation of the release is known (a checkout without a
remote, a README without a clone command), Hub links are not judged either way: they
count as its own, and the kind rule does not read them as another organisation's.
Placeholders (``huggingface.co/ORG/MODEL``, ``<your-model>``, ``example.com``) are never links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import patterns
from .commands import is_placeholder
from .model import EvidenceRef
from .prose import Line, prose_of
from .signals import Signals

MAX_LINKS = 5
"""Weights links kept as evidence, per side (own, others)."""

OWN_ROLES = frozenset({"primary", "code"})
"""Bundle members that are the release itself (not its datasets or its base model)."""

_HUB_MODEL = re.compile(r"https?://(?:www\.)?huggingface\.co/[\w.-]+/[\w.-]+")


@dataclass(frozen=True)
class ReleaseOrg:
    """One of the release's own organisations, and the rule that made it one."""

    name: str
    how: str
    """In words, for the report: "AcmeAI owns the repository", "the README names acme as the maker"."""


@dataclass(frozen=True)
class WeightLink:
    """One weights download link in a README or card, and whose weights it points to."""

    ref: EvidenceRef
    org: str | None
    """The Hub organisation or GitHub owner in the URL, as written; None for other hosts."""
    own: bool | None
    """True: under one of the release's organisations; False: another's; None: cannot be told
    (another host, or the release's organisations are unknown), counted as the release's own."""


@dataclass(frozen=True)
class WeightLinks:
    """The release's weights links, split by whose weights they are."""

    own: list[WeightLink]
    others: list[WeightLink]
    orgs: tuple[ReleaseOrg, ...]
    """The release's own organisations (empty: unknown)."""

    @property
    def other_orgs(self) -> list[str]:
        """The other organisations linked, each once, in order of appearance."""
        return list(dict.fromkeys(link.org for link in self.others if link.org))


def normalised(name: str) -> str:
    """An organisation's name for comparison: case-folded, letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", name.casefold())


def release_orgs(signals: Signals) -> tuple[ReleaseOrg, ...]:
    """The release's own organisations (see the module docstring), each once."""
    return signals.memo("release_orgs", lambda: _release_orgs(signals))


def weight_links(signals: Signals) -> WeightLinks:
    """Weights download links in the README-like documents, split by whose weights they are
    (the rule is ``_weight_links``'); placeholders are left out."""
    return signals.memo("weight_links", lambda: _weight_links(signals))


def is_own(org: str, signals: Signals) -> bool | None:
    """Whether ``org`` is one of the release's organisations; None when none of them is known."""
    orgs = release_orgs(signals)
    return release_org(org, signals) is not None if orgs else None


def release_org(org: str, signals: Signals) -> ReleaseOrg | None:
    """The release's organisation that ``org`` names, if it names one."""
    key = normalised(org)
    return next((o for o in release_orgs(signals) if normalised(o.name) == key), None)


def _release_orgs(signals: Signals) -> tuple[ReleaseOrg, ...]:
    found: list[ReleaseOrg] = []
    clone = patterns.text("clone_command")
    for member in signals.members:
        if member.role not in OWN_ROLES:
            continue
        owners = [member.id.split("/", 1)[0]] if member.kind != "local" and "/" in member.id else []
        owners += [o for o in [_github_owner(member.web_url or "")] if o]
        found += [ReleaseOrg(owner, f"{owner} owns the repository") for owner in owners]
        readme = signals.readme(member)
        if member.kind == "local" and readme is not None:
            folder = normalised(member.id.rsplit("/", 1)[-1])
            found += [ReleaseOrg(owner, f"{owner} owns the repository the README clones")
                      for owner, name in clone.regex.findall(readme.text)
                      if not is_placeholder(f"{owner}/{name}") and _names(folder, name.removesuffix(".git"))]
    maker = patterns.text("release_maker")
    stated = {normalised(line.text): line.document.path for line in signals.prose
              if line.member.role in OWN_ROLES and not line.in_code and maker.search(line.text)}
    for linked in _hub_orgs(signals):
        key = normalised(linked)
        where = next((path for statement, path in stated.items() if key in statement), None) if len(key) >= 3 else None
        if where is not None:
            found.append(ReleaseOrg(linked, f"{where} names {linked} as the maker"))
    unique: dict[str, ReleaseOrg] = {}
    for org in found:
        unique.setdefault(normalised(org.name), org)
    return tuple(unique.values())


def _names(folder: str, repository: str) -> bool:
    """Whether a checkout folder (normalised) is named for ``repository``: it ends with its name."""
    name = normalised(repository)
    return bool(name) and folder.endswith(name)


def _hub_orgs(signals: Signals) -> list[str]:
    """Organisations of the Hub links in the documents (candidates the card may name as its maker)."""
    urls = patterns.text("weights_url").regex
    return list(dict.fromkeys(org for line in signals.prose for url in urls.findall(line.text)
                              if not is_placeholder(url) and (org := _link_org(url))))


def _weight_links(signals: Signals) -> WeightLinks:
    """Which links are weights, and whose.

    - A URL under one of the release's organisations on the Hub or GitHub is its weights, in
      prose or in a command (``git clone https://huggingface.co/ORG/NAME`` downloads them).
    - A Hub model page of another organisation is that organisation's weights wherever it stands.
    - Any other URL is a weights link where it stands in prose and its line, its section or its
      own name says weights (inside a command it is an argument, often an output path); whose
      it is cannot be told, and it counts as the release's own.
    - A Hub id that code loads (``from_pretrained("ORG/NAME")``, ``--model_name_or_path``) is
      that organisation's weights, judged only when the release's organisations are known.
    """
    own: list[WeightLink] = []
    others: list[WeightLink] = []
    context, url_name, data_line = (patterns.text(p) for p in ("weights_link_context", "weights_url_name",
                                                                "weights_data_line"))
    urls = [patterns.text("weights_url").regex, patterns.text("weights_host_url").regex]
    file_url = patterns.text("weights_file_url").regex
    reference = patterns.text("hub_model_reference").regex
    sections = _weights_sections(signals)

    def add(line: Line, url: str, org: str | None, owned: bool | None, note: str) -> None:
        side = others if owned is False else own
        if len(side) < MAX_LINKS and all(link.ref.url != url for link in side):
            ref = EvidenceRef(member=line.member.id, path=line.document.path, line=line.number, url=url,
                              note=note if side is own else f"weights of another organisation ({org})")
            side.append(WeightLink(ref, org, owned))

    for line in signals.prose:
        words = prose_of(line.text)
        in_section = not line.in_code and (id(line.document), line.heading) in sections
        said_here = bool(context.search(words))
        candidates = [url for regex in urls for url in regex.findall(line.text)]
        if in_section:  # a section that says it provides pre-trained models: its file links are them
            candidates += file_url.findall(line.text)
        for url in dict.fromkeys(candidates):
            if is_placeholder(url):
                continue
            org = _link_org(url)
            owned = None if org is None else is_own(org, signals)
            # A line about data (datasets, features) links data, unless it says weights itself.
            about_data = not said_here and bool(data_line.search(words))
            said = not line.in_code and not about_data and (
                said_here or bool(context.search(line.heading)) or in_section
                or bool(url_name.search(url.rsplit("/", 2)[-2] + url.rsplit("/", 1)[-1])))
            if owned or said or (owned is False and _HUB_MODEL.match(url)):
                add(line, url, org, owned, "weights download link")
        for repo_id in reference.findall(line.text):
            org = repo_id.split("/", 1)[0]
            owned = is_own(org, signals)
            if owned is not None and not is_placeholder(repo_id):
                add(line, f"https://huggingface.co/{repo_id}", org, owned, "weights loaded from the Hub")
        if len(own) >= MAX_LINKS and len(others) >= MAX_LINKS:
            break
    return WeightLinks(own=own, others=others, orgs=release_orgs(signals))


def _weights_sections(signals: Signals) -> set[tuple[int, str]]:
    """(document, heading) of the sections whose prose says the release provides pre-trained models."""
    statement = patterns.text("weights_section_statement")
    return {(id(line.document), line.heading) for line in signals.prose
            if not line.in_code and statement.search(prose_of(line.text))}


def _link_org(url: str) -> str | None:
    """The organisation a weights URL is published under: a Hub org or a GitHub owner; None elsewhere."""
    match = re.match(r"https?://(?:www\.)?huggingface\.co/([\w.-]+)/", url)
    return match.group(1) if match else _github_owner(url)


def _github_owner(url: str) -> str | None:
    match = re.match(r"https?://(?:www\.)?github\.com/([\w.-]+)/", url)
    return match.group(1) if match else None
