"""A structural audit of generated HTML: what a browser would load or run."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "form", "input", "link", "base", "frame", "frameset", "img",
                  "audio", "video", "source", "style_in_body"}


@dataclass
class Audit:
    tags: list[str] = field(default_factory=list)
    handlers: list[tuple[str, str]] = field(default_factory=list)
    hrefs: list[str] = field(default_factory=list)
    srcs: list[str] = field(default_factory=list)
    metas: list[dict[str, str]] = field(default_factory=list)
    styles: int = 0
    text: list[str] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.audit = Audit()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.audit.tags.append(tag)
        values = {k: v or "" for k, v in attrs}
        self.audit.handlers += [(tag, k) for k in values if k.startswith("on")]
        for key in ("src", "data", "action", "formaction", "poster", "srcset"):
            if key in values:
                self.audit.srcs.append(values[key])
        if "href" in values:
            self.audit.hrefs.append(values["href"])
        if tag == "meta":
            self.audit.metas.append(values)
        if tag == "style":
            self.audit.styles += 1

    def handle_data(self, data: str) -> None:
        self.audit.text.append(data)


def audit(html: str) -> Audit:
    parser = _Parser()
    parser.feed(html)
    return parser.audit


def assert_inert(html: str) -> Audit:
    """No script, handler, frame, form, remote load, or unsafe link; exactly our one stylesheet and CSP."""
    found = audit(html)
    assert not set(found.tags) & FORBIDDEN_TAGS, sorted(set(found.tags) & FORBIDDEN_TAGS)
    assert not found.handlers, found.handlers
    assert not found.srcs, found.srcs
    assert found.styles == 1
    for href in found.hrefs:
        assert href.startswith(("https://", "http://", "#")), href
    csp = [m for m in found.metas if m.get("http-equiv", "").lower() == "content-security-policy"]
    assert len(csp) == 1 and "default-src 'none'" in csp[0]["content"]
    assert "script-src" not in csp[0]["content"]
    assert not [m for m in found.metas if m.get("http-equiv", "").lower() == "refresh"]
    return found
