"""Long licences as real repositories carry them, built by hand from the SPDX reference texts
that ship in the venv (never from ../shared): older revisions of their preambles and
appendices, Markdown and HTML renderings, re-wrapped lines, bundled notices.
"""

from __future__ import annotations

import html
import re
import textwrap

from openness.licenses import reference


def stock(key: str) -> str:
    """The SPDX reference text of ``key``."""
    ref = reference.reference(key)
    assert ref is not None, key
    return ref.text


def rewrapped(text: str, width: int = 72) -> str:
    """Every paragraph hard-wrapped at ``width`` (as most LICENSE files are)."""
    return "\n\n".join(textwrap.fill(p, width) if len(p) > width else p for p in text.split("\n\n"))


def gpl2_1991() -> str:
    """GPL-2.0 as published in 1991: the "675 Mass Ave" address, the *Library* GPL in the preamble
    and the closing paragraph that the SPDX copy leaves out."""
    text = stock("GPL-2.0-only").replace("51 Franklin Street, Fifth Floor, Boston, MA  02110-1301, USA",
                                         "675 Mass Ave, Cambridge, MA 02139, USA")
    text = text.replace("51 Franklin Street, Fifth Floor, Boston, MA 02110-1301, USA",
                        "675 Mass Ave, Cambridge, MA 02139, USA")
    text = text.replace("GNU Lesser General Public License", "GNU Library General Public License")
    return rewrapped(text + (
        "\n\nThis General Public License does not permit incorporating your program into proprietary "
        "programs. If your program is a subroutine library, you may consider it more useful to permit "
        "linking proprietary applications with the library. If this is what you want to do, use the GNU "
        "Library General Public License instead of this License.\n"))


def gpl2_temple_place() -> str:
    """GPL-2.0 of the late 1990s: "59 Temple Place, Suite 330" and no "How to Apply" appendix."""
    text = stock("GPL-2.0-only").replace("51 Franklin Street, Fifth Floor, Boston, MA  02110-1301, USA",
                                         "59 Temple Place, Suite 330, Boston, MA  02111-1307  USA")
    return rewrapped(text[: text.index("END OF TERMS AND CONDITIONS") + len("END OF TERMS AND CONDITIONS")])


_GPL3_OLD_APPENDIX = """How to Apply These Terms to Your New Programs

If you develop a new program, and you want it to be of the greatest possible use to the public, the best way to achieve this is to make it free software which everyone can redistribute and change under these terms.

To do so, attach the following notices to the program.  It is safest to attach them to the start of each source file to most effectively state the exclusion of warranty; and each file should have at least the "copyright" line and a pointer to where the full notice is found.

    <one line to give the program's name and a brief idea of what it does.>
    Copyright (C) <year>  <name of author>

    This program is free software: you can redistribute it and/or modify it under the terms of the GNU General Public License as published by the Free Software Foundation, either version 3 of the License, or (at your option) any later version.

    This program is distributed in the hope that it will be useful, but WITHOUT ANY WARRANTY; without even the implied warranty of MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the GNU General Public License for more details.

    You should have received a copy of the GNU General Public License along with this program.  If not, see <http://www.gnu.org/licenses/>.

Also add information on how to contact you by electronic and paper mail.

The GNU General Public License does not permit incorporating your program into proprietary programs.  If your program is a subroutine library, you may consider it more useful to permit linking proprietary applications with the library.  If this is what you want to do, use the GNU Library General Public License instead of this License.
"""
"""An edited, older-style appendix: http:// addresses, no "interactive mode" paragraph, the
*Library* GPL named in its closing paragraph."""


def gpl3_older_appendix() -> str:
    text = stock("GPL-3.0-only").replace("https://fsf.org/", "http://fsf.org/")
    end = text.index("END OF TERMS AND CONDITIONS") + len("END OF TERMS AND CONDITIONS")
    return rewrapped(text[:end] + "\n\n" + _GPL3_OLD_APPENDIX)


_SECTION = re.compile(r"^(\d+)\. ([A-Z][^.]{2,80}\.)$")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")


def as_markdown(text: str) -> str:
    """A Markdown rendering (as "markdown-licenses" publishes them): ``#`` headings, bold defined
    terms, links, paragraphs re-wrapped at 100 columns."""
    lines = text.split("\n\n")
    out = [f"# {lines[0].strip()}"]
    for paragraph in lines[1:]:
        p = paragraph.strip()
        if p in {"Preamble", "TERMS AND CONDITIONS", "END OF TERMS AND CONDITIONS",
                 "How to Apply These Terms to Your New Programs"}:
            out.append(f"### {p}")
            continue
        section = _SECTION.match(p)
        if section:
            out.append(f"#### {section.group(1)}. {section.group(2)}")
            continue
        p = re.sub("\u201c[^\u201d]{1,40}\u201d", r"**\g<0>**", p)
        p = re.sub(r'"[^"]{1,40}"', r"**\g<0>**", p)
        p = _AUTOLINK.sub(r"[\1](\1)", p)
        out.append(p if p.startswith("    ") else textwrap.fill(p, 100))
    return "\n\n".join(out) + "\n"


def as_html(text: str) -> str:
    """An HTML rendering (as gnu.org's *-standalone.html): headings, ``<p>``, entities, links."""
    paragraphs = text.split("\n\n")
    body = [f"<h2>{html.escape(paragraphs[0].strip())}</h2>"]
    for paragraph in paragraphs[1:]:
        p = html.escape(paragraph.strip(), quote=False).replace('"', "&quot;")
        p = p.replace("\u201c", "&ldquo;").replace("\u201d", "&rdquo;")
        p = re.sub(r"&lt;(https?://[^&\s]+)&gt;", r'&lt;<a href="\1">\1</a>&gt;', p)
        body.append(f"<h3>{p}</h3>" if len(p) < 40 and not p.endswith(".") else f"<p>{p}</p>")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><title>GNU General Public License</title></head>\n<body>\n"
            + "\n".join(body) + "\n</body></html>\n")


def lgpl3_alone() -> str:
    """LGPL-3.0 as COPYING.LESSER carries it: only its own text (SPDX appends the GPL to it)."""
    text = stock("LGPL-3.0-only")
    return rewrapped(text[: text.index("GNU GENERAL PUBLIC LICENSE")])


def without_appendix(key: str, marker: str) -> str:
    """``key``'s text cut before ``marker`` (Apache's appendix, MPL's exhibits)."""
    text = stock(key)
    return rewrapped(text[: text.index(marker)])
