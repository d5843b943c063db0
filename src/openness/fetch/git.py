"""What ``git`` can tell about a checkout without the network."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from ..evidence import Gap, GitFacts

GIT_TIMEOUT_SECONDS = 30



def read_git_facts(root: Path, since: datetime) -> tuple[GitFacts | None, Gap | None]:
    """Facts of the checkout at ``root`` (None with a gap when it is not one or git is missing)."""
    if not (root / ".git").exists():
        return None, None
    if shutil.which("git") is None:
        return None, Gap(what="git history", kind="no_git", reason="git is not installed")
    head = _git(root, "rev-parse", "HEAD")
    if head is None:
        if _git(root, "rev-parse", "--git-dir") is None:
            return None, Gap(what="git history", kind="forbidden", reason=(
                "git refuses to read this checkout (owned by another user, or damaged); "
                "see git's safe.directory setting"))
        return None, Gap(what="git history", kind="empty_repository", reason="the checkout has no commits")
    log = _git(root, "log", "--format=%ct%x1f%aE") or ""
    threshold = since.timestamp()
    authors: set[str] = set()
    recent_authors: set[str] = set()
    commits = recent = 0
    for line in log.splitlines():
        stamp, _, author = line.partition("\x1f")
        commits += 1
        authors.add(author.lower())
        if stamp.isdigit() and int(stamp) >= threshold:
            recent += 1
            recent_authors.add(author.lower())
    remote = _git(root, "config", "--get", "remote.origin.url")
    tags = _git(root, "tag", "--list", "--sort=-creatordate") or ""
    return GitFacts(
        head=head,
        remote_url=without_credentials(remote) if remote else None,
        last_commit_date=_git(root, "log", "-1", "--format=%cI"),
        commits_total=commits,
        commits_90d=recent,
        authors_total=len(authors),
        authors_90d=len(recent_authors),
        tags=tags.split()[:50],
    ), None


_GITHUB_REMOTE = re.compile(r"^(?:https?://|ssh://git@|git@)github\.com[/:]([\w.-]+)/([\w.-]+?)(?:\.git)?/?$")


def without_credentials(url: str) -> str:
    """A remote URL without user, password, token or query: remotes often embed access tokens."""
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return url  # scp-like ``git@host:path``: the user is always "git", never a secret
    host = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


def github_web_url(remote_url: str | None) -> str | None:
    """``https://github.com/OWNER/REPO`` for a GitHub remote, so evidence links open at the scored commit."""
    match = _GITHUB_REMOTE.match(remote_url or "")
    return f"https://github.com/{match.group(1)}/{match.group(2)}" if match else None


def ignored_paths(root: Path) -> frozenset[str]:
    """Paths git ignores in a checkout (folders end with '/'); empty when it is not one."""
    if not (root / ".git").exists() or shutil.which("git") is None:
        return frozenset()
    listing = _git(root, "ls-files", "--others", "--ignored", "--exclude-standard", "--directory", "-z")
    return frozenset(p for p in (listing or "").split("\0") if p)


SAFE_CONFIG = (
    "core.fsmonitor=false", "core.hooksPath=/dev/null", "core.pager=cat", "log.showSignature=false",
    "gpg.program=false", "core.untrackedCache=false", "diff.external=",
)
"""Settings that stop a checkout's own ``.git/config`` from running programs while we read it.
Git's ownership check (``safe.directory``) stays on: a repository owned by someone else is not read."""


def _git(root: Path, *args: str) -> str | None:
    overrides = [item for setting in SAFE_CONFIG for item in ("-c", setting)]
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *overrides, *args],
            capture_output=True, text=True, timeout=GIT_TIMEOUT_SECONDS, check=False,
            env={**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_TERMINAL_PROMPT": "0"},
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    output = result.stdout.strip("\n ")
    return output if result.returncode == 0 and output else None
