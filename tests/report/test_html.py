"""The HTML scorecard: self-contained, inert with hostile input, and complete."""

from __future__ import annotations

from pathlib import Path

from markupsafe import escape
from typer.testing import CliRunner

from openness import api
from openness.assessment import Assessment
from openness.cli import app
from openness.report.html import render_html
from openness.report.sanitize import render_untrusted_markdown, safe_href
from openness.report.templating import dimension_label

from .htmlcheck import assert_inert

runner = CliRunner()


def test_scorecard_is_self_contained_and_has_every_section(good: Assessment) -> None:
    html = render_html(good)
    found = assert_inert(html)
    for heading in ("Verdict", "Dimensions", "Licences", "Findings", "Release components", "What was scored",
                    "In the project's own words"):
        assert f">{heading}</h2>" in html, heading
    assert ">Gaps</h3>" in html
    assert "<title>Openness scorecard: tiny-model</title>" in html
    assert f"{good.score.overall:.1f}" in html and f'aria-label="grade {good.score.grade}"' in html
    # the chart is described for screen readers and its numbers are also in a table
    assert 'role="img"' in html and "<title id=\"dims-t\">" in html and "<desc id=\"dims-d\">" in html
    for name, dimension in good.dimensions.items():
        label = escape(dimension_label(name))
        assert f"<th scope=\"row\">{label}</th><td class=\"num\">{dimension.score:.1f}</td>" in html
    assert "prefers-color-scheme: dark" in html and "@media print" in html
    assert "Tiny model" in " ".join(found.text)  # the card excerpt is shown


def test_fixes_are_ordered_by_gain(good: Assessment) -> None:
    html = render_html(good)
    fixes = good.fixes()
    assert fixes, "the fixture should leave something to fix"
    positions = [html.index(f'<td class="num">+{f.gain:.1f}</td><td><a href="#c-{f.criterion}">') for f in fixes[:10]]
    assert positions == sorted(positions)


def test_frameworks_render_when_present(good: Assessment) -> None:
    html = render_html(good)
    assert "What the public frameworks would say" in html
    assert "Model Openness Framework" in html and "OSI Open Source AI Definition" in html
    rows = sum(len(lens.requirements) for lens in good.frameworks.values())
    assert html.count('<li class="s-') >= rows == 17 + 3 + 12 + 5  # one strip tile per requirement of every lens
    assert "What the public frameworks would say" not in render_html(good.model_copy(update={"frameworks": {}}))


def test_hostile_card_file_and_directory_names_render_inert(hostile: Assessment) -> None:
    html = render_html(hostile)
    found = assert_inert(html)
    assert not any("PWNED" in href for href in found.hrefs)
    assert "[click me](javascript:" in " ".join(found.text)  # refused as a link, left as visible text
    assert "evil&lt;b&gt;model" in html and "evil<b>model" not in html
    assert "train&lt;img src=x onerror=alert(1)&gt;.py" in html
    # remote images become plain links; safe links survive with rel attributes
    assert "https://tracker.example/pixel.png" in found.hrefs and "https://example.org/docs" in found.hrefs
    assert 'rel="noopener noreferrer nofollow"' in html
    assert "https://evil.example/" not in found.hrefs


def test_sanitiser_allow_list() -> None:
    out = str(render_untrusted_markdown("# Top\n\n<details><summary>S</summary>x</details>\n\n"
                                        "<table><tr><td align=\"right\" style=\"color:red\">1</td></tr></table>"))
    assert "<h4>Top</h4>" in out  # demoted below the report's own headings
    assert "<details><summary>S</summary>x</details>" in out
    assert '<td align="right">1</td>' in out
    assert "[image: a]" in str(render_untrusted_markdown("![a](https://x.example/a.png)"))
    assert "href" not in str(render_untrusted_markdown("[rel](docs/a.md)"))  # relative links point nowhere useful


def test_safe_href() -> None:
    assert safe_href("https://github.com/o/r/blob/abc/README.md#L3") == "https://github.com/o/r/blob/abc/README.md#L3"
    assert safe_href("README.md") == "README.md"
    for bad in ("javascript:alert(1)", " JavaScript:x", "java\tscript:x", "data:text/html,x", "//evil.example",
                "vbscript:x", "file:///etc/passwd", "\\\\evil\\share"):
        assert safe_href(bad) is None, bad


def test_buyer_licence_summary_renders_when_present(good: Assessment) -> None:
    html = render_html(good)
    if getattr(good, "licenses", None) is not None:
        assert "What a buyer asks" in html and "Licence terms by component type" in html
        assert "Commercial use: <span class=\"status" in html
    else:
        assert "Licence by component type" in html


def test_cli_writes_html_by_suffix(good_repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "card.html"
    result = runner.invoke(app, ["score", str(good_repo), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert_inert(out.read_text(encoding="utf-8"))


def test_html_is_deterministic(good_repo: Path) -> None:
    assert render_html(api.score(str(good_repo))) == render_html(api.score(str(good_repo)))
