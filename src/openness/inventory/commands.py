"""What the README tells a user to run: each command, the file of the tree it runs, and its job.

A research repository says what its code is for in its instructions more reliably than in
its file names: "## Training" followed by ``python main.py --epochs 100`` makes ``main.py``
the training code. Commands are read wherever READMEs write them: fenced blocks, indented
blocks, inline code and bare lines, behind prompts and environment prefixes
(``CUDA_VISIBLE_DEVICES=0 python …``, ``PYTHONPATH=. python -m pkg.train``) and launchers
(``torchrun``, ``accelerate launch``, ``deepspeed``, ``bash scripts/run.sh``). A command is
evidence only when what it runs exists: a script or notebook of the tree, a module of the
repository, or a console script its packaging declares. Placeholders (``path/to/…``,
``<your-model>``) are never evidence.

The job of a command comes first from the name of what it runs (``train_gpt.py`` trains,
``create_dataset.py`` prepares data, ``plot.py`` does neither), then from its context: the
option flags, the sentence introducing it and its section heading. A command under a
"usage" or "how to run" heading that names no job is the repository's main run, which in
research code is training; "reproduce the results" means training and evaluation both.
"""

from __future__ import annotations

import posixpath
import shlex
from collections.abc import Iterator
from dataclasses import dataclass, replace

from .. import patterns
from ..evidence import Document, Member
from .model import EvidenceRef
from .prose import Line
from .signals import Signals

Job = str
"""One of ``training``, ``evaluation``, ``preprocessing``, ``other``."""

PYTHON = frozenset({"python", "python2", "python3", "ipython", "py"})
SHELLS = frozenset({"bash", "sh", "zsh", "source", "."})
LAUNCHERS = frozenset({"torchrun", "accelerate", "deepspeed", "horovodrun", "mpirun", "srun", "jupyter"})
WRAPPERS = frozenset({"sudo", "nohup", "time", "env", "exec"})
CODE_SUFFIXES = (".py", ".sh", ".ipynb", ".bash", ".jl", ".lua", ".r")
MAX_CONTEXT_LINES = 3
"""Prose lines before a command read as the sentence that introduces it."""


@dataclass(frozen=True)
class Command:
    """One command of a README that runs a file of the tree."""

    member: Member
    document: Document
    line: int
    text: str
    target: str
    """The file it runs: a script, a notebook, a module, or the manifest declaring a console script."""
    jobs: frozenset[Job]

    def ref(self, what: str) -> EvidenceRef:
        excerpt = " ".join(self.text.split())
        excerpt = excerpt if len(excerpt) <= 70 else excerpt[:69] + "…"
        return EvidenceRef(member=self.member.id, path=self.target,
                           note=f"{what}: run by {self.document.path} line {self.line} ({excerpt})")


def readme_commands(signals: Signals) -> list[Command]:
    """Every command of the README-like documents that runs something of the tree, in reading order."""
    return signals.memo("readme_commands", lambda: list(_commands(signals)))


def commands_for(signals: Signals, job: Job) -> list[Command]:
    """The commands whose job is ``job``, outside vendored folders."""
    vendored = patterns.file_query("vendored_path")
    return [c for c in readme_commands(signals) if job in c.jobs and not vendored.match(c.target)]


def is_placeholder(text: str) -> bool:
    """Template text (``ORG/MODEL``, ``<your-model>``, ``path/to/…``, ``example.com``): never evidence."""
    return patterns.text("placeholder").search(text) is not None


def _commands(signals: Signals) -> Iterator[Command]:
    by_document: dict[int, list[Line]] = {}
    for line in signals.prose:
        by_document.setdefault(id(line.document), []).append(line)
    vendored = patterns.file_query("vendored_path")
    for lines in by_document.values():
        if vendored.match(lines[0].document.path):
            continue
        yield from _document_commands(signals, lines)


def _document_commands(signals: Signals, lines: list[Line]) -> Iterator[Command]:
    command_line, inline = patterns.text("command_line"), patterns.text("inline_code")
    index = 0
    while index < len(lines):
        line = lines[index]
        block = _block_at(lines, index)
        if block:
            start, end = block
            context = _before(lines, start) + _after(lines, end)
            yield from _run_block(signals, lines[start:end], context)
            index = end
            continue
        if not line.in_code:
            for match in inline.regex.finditer(line.text):
                span = match.group(2).strip()
                if command_line.search(_strip_prompt(span)) or span.lower().endswith(CODE_SUFFIXES):
                    yield from _run_block(signals, [replace(line, text=span)], [inline.regex.sub(" ", line.text)])
        index += 1


def _block_at(lines: list[Line], index: int) -> tuple[int, int] | None:
    """The code block (fenced content, an indented block, or one bare command line) starting at ``index``."""
    line, fence = lines[index], patterns.text("markdown_fence")
    if line.in_code and fence.search(line.text):
        end = index + 1
        while end < len(lines) and lines[end].in_code and not fence.search(lines[end].text):
            end += 1
        return (index + 1, end) if end > index + 1 else None
    if line.in_code:
        return None
    if _indented(line.text) or patterns.text("command_line").search(_strip_prompt(line.text.strip())):
        end = index + 1
        while end < len(lines) and not lines[end].in_code and (_indented(lines[end].text) or not lines[end].text.strip()):
            end += 1
        return index, end
    return None


def _indented(text: str) -> bool:
    return (text.startswith("    ") or text.startswith("\t")) and bool(text.strip())


def _before(lines: list[Line], start: int) -> list[str]:
    """The paragraph just before a block, in its section (a heading or another block ends it)."""
    found: list[str] = []
    index = start - 1
    while index >= 0 and lines[index].in_code and patterns.text("markdown_fence").search(lines[index].text):
        index -= 1
    while index >= 0 and not lines[index].text.strip() and not found:
        index -= 1
    while index >= 0 and len(found) < MAX_CONTEXT_LINES:
        line = lines[index]
        if line.in_code or not line.text.strip() or _is_heading(line, lines, index) or _indented(line.text):
            break
        found.append(line.text)
        index -= 1
    return found


def _after(lines: list[Line], end: int) -> list[str]:
    """The sentence just after a block when it continues it ("This will train …", "will evaluate …")."""
    index = end
    while index < len(lines) and (not lines[index].text.strip()
                                  or (lines[index].in_code and patterns.text("markdown_fence").search(lines[index].text))):
        index += 1
    if index >= len(lines) or lines[index].in_code or _is_heading(lines[index], lines, index):
        return []
    text = lines[index].text.strip()
    return [text] if patterns.text("command_continuation").search(text) else []


def _is_heading(line: Line, lines: list[Line], index: int) -> bool:
    if patterns.text("markdown_heading").search(line.text):
        return True
    underline = patterns.text("markdown_setext_underline")
    return bool(underline.search(line.text)) or (index + 1 < len(lines) and bool(underline.search(lines[index + 1].text)))


def _run_block(signals: Signals, block: list[Line], context: list[str]) -> Iterator[Command]:
    cwd = ""
    for line in block:
        text = _strip_prompt(line.text.strip())
        for part in _parts(text):
            tokens = _tokens(part)
            if not tokens:
                continue
            if tokens[0] == "cd" and len(tokens) > 1:
                cwd = "" if is_placeholder(tokens[1]) else posixpath.normpath(posixpath.join(cwd, tokens[1]))
                continue
            found = _target(signals, line, cwd, tokens)
            if found is None:
                continue
            target, name, console = found
            jobs = _jobs(name, line.heading, context, part, main_run=not console, path=target)
            yield Command(line.member, line.document, line.number, part, target, jobs)


def _strip_prompt(text: str) -> str:
    return patterns.text("command_prompt").regex.sub("", text, count=1)


def _parts(text: str) -> list[str]:
    """The commands of one line: split at ``&&``, ``;`` and ``||``; a pipe keeps only its first command."""
    parts: list[str] = []
    for chunk in text.replace("&&", ";").replace("||", ";").split(";"):
        chunk = chunk.split(" | ")[0].strip().rstrip("\\").strip()
        if chunk:
            parts.append(chunk)
    return parts


def _tokens(part: str) -> list[str]:
    try:
        tokens = shlex.split(part, comments=True)
    except ValueError:
        tokens = part.split()
    while tokens and (tokens[0] in WRAPPERS or patterns.text("environment_assignment").search(tokens[0])):
        tokens = tokens[1:]
    return tokens


def _target(signals: Signals, line: Line, cwd: str, tokens: list[str]) -> tuple[str, str, bool] | None:
    """(the file of the tree the command runs, the name that says its job, whether it is a console
    script), or None."""
    found = _script_target(_Resolver(signals, line, cwd), tokens)
    if found is not None:
        return (*found, False)
    console = _Resolver(signals, line, cwd).console_script(tokens[0])
    return (*console, True) if console else None


def _script_target(resolve: _Resolver, tokens: list[str]) -> tuple[str, str] | None:
    program, rest = posixpath.basename(tokens[0]), tokens[1:]
    if program.rstrip("0123456789.") in PYTHON or program in PYTHON:
        return resolve.python(rest)
    if program in SHELLS:
        script = next((t for t in rest if not t.startswith("-")), None)
        return resolve.script(script) if script else None
    if program in LAUNCHERS:
        if "-m" in rest:
            module = rest[rest.index("-m") + 1:rest.index("-m") + 2]
            found = resolve.module(module[0]) if module else None
            if found:
                return found
        script = next((t for t in rest if t.lower().endswith(CODE_SUFFIXES)), None)
        return resolve.script(script) if script else None
    if program == "make" and rest and not rest[0].startswith("-"):
        makefile = resolve.script("Makefile")
        return (makefile[0], rest[0]) if makefile else None
    if tokens[0].lower().endswith(CODE_SUFFIXES) or tokens[0].startswith("./"):
        return resolve.script(tokens[0])
    return None


class _Resolver:
    """Finds the file a command names, as a user standing in the README's folder would."""

    def __init__(self, signals: Signals, line: Line, cwd: str) -> None:
        self.signals, self.member = signals, line.member
        self.files = _file_set(signals, line.member)
        self.base = posixpath.dirname(line.document.path)
        self.cwd = cwd

    def python(self, rest: list[str]) -> tuple[str, str] | None:
        skip_next = False
        for index, token in enumerate(rest):
            if skip_next:
                skip_next = False
                continue
            if token == "-m":
                module = rest[index + 1] if index + 1 < len(rest) else None
                found = self.module(module) if module else None
                if found:
                    return found
                launched = next((t for t in rest[index + 2:] if t.lower().endswith(CODE_SUFFIXES)), None)
                return self.script(launched) if launched else None
            if token in {"-W", "-X"}:
                skip_next = True
                continue
            if token == "-c":
                return None
            if token.startswith("-"):
                continue
            return self.script(token)
        return None

    def script(self, written: str) -> tuple[str, str] | None:
        if is_placeholder(written):
            return None
        written = written.strip("'\"")
        path = self._find(written)
        if path is None:
            return None
        name = posixpath.basename(path)
        if name == "__main__.py":
            name = posixpath.basename(posixpath.dirname(path)) or name
        return path, name.rsplit(".", 1)[0]

    def module(self, module: str) -> tuple[str, str] | None:
        if is_placeholder(module) or not patterns.text("python_module_name").search(module):
            return None
        stem = module.replace(".", "/")
        for candidate in (f"{stem}.py", f"{stem}/__main__.py", f"src/{stem}.py", f"src/{stem}/__main__.py"):
            path = self._find(candidate, by_name=False)
            if path is not None:
                return path, module.rsplit(".", 1)[-1]
        return None

    def console_script(self, program: str) -> tuple[str, str] | None:
        """A console script the repository's packaging declares, or one named after its own package."""
        if is_placeholder(program):
            return None
        declared = _console_scripts(self.signals, self.member)
        if program in declared:
            manifest, module = declared[program]
            found = self.module(module)
            return (found[0] if found else manifest), program
        package = program.split("-", 1)[0]
        if "-" in program and (f"{package}/__init__.py" in self.files or f"src/{package}/__init__.py" in self.files):
            init = f"{package}/__init__.py" if f"{package}/__init__.py" in self.files else f"src/{package}/__init__.py"
            return init, program.split("-", 1)[1]
        return None

    def _find(self, written: str, by_name: bool = True) -> str | None:
        written = written[2:] if written.startswith("./") else written
        if written in {".", ""}:
            written = "__main__.py"
        elif not written.lower().endswith(CODE_SUFFIXES) and written != "Makefile":
            written = posixpath.join(written, "__main__.py")
        cwd_parts = [p for p in self.cwd.split("/") if p not in {"", "."}]
        candidates = [posixpath.join(self.base, self.cwd, written), posixpath.join(self.cwd, written)]
        candidates += [posixpath.join(*cwd_parts[i:], written) for i in range(1, len(cwd_parts))]
        candidates += [posixpath.join(self.base, written), written]
        for candidate in candidates:
            path = posixpath.normpath(candidate)
            if path in self.files:
                return path
        if not by_name or ".." in written:
            return None
        written = posixpath.normpath(written)
        matches = [p for p in _by_name(self.signals, self.member).get(posixpath.basename(written), ())
                   if p == written or p.endswith("/" + written)]
        return matches[0] if len(matches) == 1 else None


def _file_set(signals: Signals, member: Member) -> frozenset[str]:
    return signals.memo(f"file_set:{id(member)}", lambda: frozenset(f.path for f in member.files))


def _by_name(signals: Signals, member: Member) -> dict[str, list[str]]:
    """The member's paths by file name, so a script named without its folder is found in one look-up."""
    def index() -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for path in _file_set(signals, member):
            found.setdefault(posixpath.basename(path), []).append(path)
        return found
    return signals.memo(f"files_by_name:{id(member)}", index)


def _console_scripts(signals: Signals, member: Member) -> dict[str, tuple[str, str]]:
    """Console scripts declared in the member's packaging: name → (manifest path, module)."""
    def collect() -> dict[str, tuple[str, str]]:
        entry, found = patterns.text("console_script_entry"), {}
        for _, document in signals.documents_of("packaging_manifest", [member]):
            for match in entry.regex.finditer(document.text):
                module = match.group(0).split("=", 1)[1].strip(" '\"").split(":", 1)[0]
                found[match.group(1)] = (document.path, module)
        return found
    return signals.memo(f"console_scripts:{id(member)}", collect)


def console_script_targets(signals: Signals, job: Job) -> list[EvidenceRef]:
    """Console scripts the packaging declares whose names say ``job`` (``tape-train = tape.main:train``)."""
    refs = []
    for member in signals.members:
        for name, (manifest, module) in _console_scripts(signals, member).items():
            if job in _name_jobs(name):
                refs.append(EvidenceRef(member=member.id, path=manifest, note=f"console script {name} ({module})"))
    return refs


def _name_jobs(name: str, path: str = "") -> frozenset[Job]:
    """The jobs a script's own name says, or its folder (code under ``serve/`` or ``demo/`` serves a
    model, whatever its name); empty when it names none (``main``, ``run``)."""
    if patterns.text("job_preprocessing").search(name):
        return frozenset({"preprocessing"})
    if patterns.text("job_other").search(name) or (path and patterns.file_query("job_other_folder").match(path)):
        return frozenset({"other"})
    return frozenset(job for job, pattern in (("training", "job_training"), ("evaluation", "job_evaluation"))
                     if patterns.text(pattern).search(name))


def _jobs(name: str, heading: str, context: list[str], command: str, main_run: bool = True,
          path: str = "") -> frozenset[Job]:
    """The job of a command: its name's, else what its options, introduction and heading say.

    A command under a usage heading that names no job is the main run (training) only when it
    runs a script or module, and its introduction does not say it uses the model (sampling,
    chat, serving); an installed console script (``tool-chat``) is named for its job. Data
    preparation is read from the heading and the command itself, not from a sentence ("download
    the weights, then run …")."""
    named = _name_jobs(name, path)
    if named:
        return named
    words = " ".join([heading, *context])
    if patterns.text("job_reproduction").search(words):
        return frozenset({"training", "evaluation"})
    if patterns.text("job_preprocessing").search(heading):
        return frozenset({"preprocessing"})
    jobs = {job for job, pattern in (("training", "job_training"), ("evaluation", "job_evaluation"))
            if patterns.text(pattern).search(words)}
    if not jobs and patterns.text("job_preprocessing").search(command):
        return frozenset({"preprocessing"})
    if not jobs and main_run and patterns.text("job_run").search(words) \
            and not patterns.text("job_inference").search(words) \
            and not patterns.text("job_setup_heading").search(heading):
        jobs.add("training")
    if patterns.text("job_argument_evaluation").search(command):
        jobs.add("evaluation")
    return frozenset(jobs)
