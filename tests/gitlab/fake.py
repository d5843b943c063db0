"""A fake GitLab REST API v4 on a local port, for the real python-gitlab client.

Answers in the shapes GitLab documents (docs.gitlab.com/api: projects, repositories,
repository_files, releases, tags): a project addressed by its URL-encoded full path
(``group%2Fsub%2Fproject``) or its numeric id; ``404 Project Not Found`` for unknown and for
private projects without a token; ``401 Unauthorized`` for a wrong ``PRIVATE-TOKEN``; offset
pagination with ``X-Page``/``X-Next-Page``/``X-Total-Pages`` and ``Link`` (or, with
``keyset=True``, only ``Link``, as GitLab's keyset pagination of the tree answers); raw files
with GitLab's ``X-Gitlab-*`` headers; a weak ``ETag`` on every 200 and ``304`` for a matching
``If-None-Match`` (Rack::ETag, as GitLab answers). ``script`` queues one-shot replies (429, 5xx) before the
standing ones; ``log`` records every request.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import quote, unquote

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

NOW = datetime(2025, 11, 26)  # the tests' fixed clock (SOURCE_DATE_EPOCH in tests/conftest.py)


@dataclass
class FakeProject:
    path: str = "acme/ml/tiny-llm"
    id: int = 4711
    files: dict[str, bytes] = field(default_factory=dict)
    visibility: str = "public"
    commit_days_ago: list[int] = field(default_factory=lambda: [1, 5, 20, 40, 120, 400])
    releases: list[str] = field(default_factory=lambda: ["v1.1.0", "v1.0.0"])
    tags: list[str] = field(default_factory=lambda: ["v1.1.0", "v1.0.0", "v0.9"])
    contributors: int = 3
    license_key: str | None = "mit"
    forked_from: str | None = None
    empty: bool = False
    keyset: bool = False
    description: str = "A tiny language model and its training code"

    @property
    def sha(self) -> str:
        return hashlib.sha1(self.path.encode()).hexdigest()

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[1]


@dataclass
class Seen:
    method: str
    path: str
    query: dict[str, str]
    status: int
    headers: dict[str, str]


@dataclass
class Reply:
    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)


class FakeGitLab:
    def __init__(self, server: HTTPServer, token: str | None = None) -> None:
        self.server = server
        self.url = server.url_for("/").rstrip("/")
        self.token = token
        self.projects: dict[str, FakeProject] = {}
        self.scripts: dict[str, list[Reply]] = {}
        self.log: list[Seen] = []
        server.expect_request(re.compile(r"^/.*")).respond_with_handler(self._handle)

    def add(self, project: FakeProject) -> FakeProject:
        self.projects[project.path] = project
        return project

    def script(self, suffix: str, replies: list[Reply]) -> None:
        """Answer the next requests whose raw path ends with ``suffix`` with ``replies``, in order."""
        self.scripts.setdefault(suffix, []).extend(replies)

    def requests(self, contains: str = "") -> list[Seen]:
        return [s for s in self.log if contains in s.path]

    # --- routing ------------------------------------------------------------------------

    def _handle(self, request: Request) -> Response:
        raw_path = request.environ.get("RAW_URI", request.full_path).split("?", 1)[0]
        reply = self._scripted(raw_path) or self._route(raw_path, request)
        headers = {"Content-Type": "application/json", "Cache-Control": "max-age=0, private, must-revalidate",
                   "Vary": "Origin", **reply.headers}
        data = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body).encode()
        if isinstance(reply.body, bytes):
            headers["Content-Type"] = "text/plain; charset=utf-8"
        status = reply.status
        if status == 200:  # GitLab's Rack::ETag: a weak ETag on every answer, 304 when it still matches
            headers["ETag"] = f'W/"{hashlib.md5(data).hexdigest()}"'
            if request.headers.get("If-None-Match") == headers["ETag"]:
                status, data = 304, b""
        self.log.append(Seen(request.method, raw_path, dict(request.args.items()), status,
                             dict(request.headers.items())))
        return Response(data, status=status, headers=headers)

    def _scripted(self, raw_path: str) -> Reply | None:
        for suffix, queue in self.scripts.items():
            if raw_path.endswith(suffix) and queue:
                return queue.pop(0)
        return None

    def _route(self, raw_path: str, request: Request) -> Reply:
        match = re.match(r"^/api/v4/projects/([^/]+)(/.*)?$", raw_path)
        if not match:
            return Reply(404, {"error": "404 Not Found"})
        ident, rest = unquote(match.group(1)), match.group(2) or ""
        project = self.projects.get(ident) or next((p for p in self.projects.values() if str(p.id) == ident), None)
        given = request.headers.get("PRIVATE-TOKEN")
        if given is not None and given != self.token:
            return Reply(401, {"message": "401 Unauthorized"})
        if project is None or (project.visibility == "private" and given is None):
            return Reply(404, {"message": "404 Project Not Found"})
        args = dict(request.args.items())
        if rest == "":
            return Reply(200, self._project(project, with_license=args.get("license") == "true"))
        if rest == "/repository/commits":
            return self._commits(project, args)
        if rest == "/repository/tree":
            return self._tree(project, args)
        raw = re.match(r"^/repository/files/([^/]+)/raw$", rest)
        if raw:
            return self._raw(project, unquote(raw.group(1)), args)
        if rest == "/releases":
            return Reply(200, [_release(project, tag) for tag in project.releases])
        if rest == "/repository/tags":
            return Reply(200, [{"name": t, "message": "", "target": project.sha, "protected": False,
                                "commit": {"id": project.sha, "short_id": project.sha[:8]}} for t in project.tags])
        if rest == "/repository/contributors":
            page = [{"name": "Ada", "email": "ada@example.org", "commits": 40, "additions": 0, "deletions": 0}]
            return Reply(200, page, _pages(page=1, per_page=1, total=project.contributors))
        return Reply(404, {"error": "404 Not Found"})

    def _project(self, project: FakeProject, *, with_license: bool) -> dict[str, Any]:
        namespace = project.path.rsplit("/", 1)[0]
        body: dict[str, Any] = {
            "id": project.id, "description": project.description,
            "name": project.name, "name_with_namespace": project.path.replace("/", " / "),
            "path": project.name, "path_with_namespace": project.path,
            "created_at": "2024-02-01T10:00:00.000Z", "default_branch": None if project.empty else "main",
            "tag_list": ["llm"], "topics": ["llm"],
            "ssh_url_to_repo": f"git@gitlab.example.org:{project.path}.git",
            "http_url_to_repo": f"https://gitlab.example.org/{project.path}.git",
            "web_url": f"https://gitlab.example.org/{project.path}",
            "readme_url": f"https://gitlab.example.org/{project.path}/-/blob/main/README.md",
            "forks_count": 4, "star_count": 42, "last_activity_at": "2025-11-25T09:00:00.000Z",
            "namespace": {"id": 99, "name": namespace.rsplit("/", 1)[-1], "path": namespace.rsplit("/", 1)[-1],
                          "kind": "group", "full_path": namespace, "parent_id": 98 if "/" in namespace else None,
                          "web_url": f"https://gitlab.example.org/groups/{namespace}"},
            "empty_repo": project.empty, "archived": False, "visibility": project.visibility,
            "issues_enabled": True, "open_issues_count": 5, "merge_requests_enabled": True,
            "wiki_enabled": True, "license_url": None,
        }
        if project.forked_from:
            body["forked_from_project"] = {"id": 1, "path_with_namespace": project.forked_from,
                                           "web_url": f"https://gitlab.example.org/{project.forked_from}"}
        if with_license:
            body["license"] = None if project.license_key is None else {
                "key": project.license_key, "name": "MIT License", "nickname": None,
                "html_url": "http://choosealicense.com/licenses/mit/",
                "source_url": "https://opensource.org/licenses/MIT"}
        return body

    def _commits(self, project: FakeProject, args: dict[str, str]) -> Reply:
        if args.get("ref_name") not in (None, "main", project.sha, *project.tags):
            return Reply(404, {"message": "404 Reference Not Found"})
        commits = []
        for index, days in enumerate(project.commit_days_ago):
            sha = project.sha if index == 0 else hashlib.sha1(f"{project.path}{index}".encode()).hexdigest()
            date = (NOW - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%S.000+00:00")
            commits.append({"id": sha, "short_id": sha[:8], "title": f"change {index}", "message": f"change {index}\n",
                            "author_name": "Ada", "author_email": "ada@example.org", "authored_date": date,
                            "committer_name": "Ada", "committer_email": "ada@example.org", "committed_date": date,
                            "created_at": date, "parent_ids": [],
                            "web_url": f"https://gitlab.example.org/{project.path}/-/commit/{sha}"})
        return Reply(200, commits)

    def _tree(self, project: FakeProject, args: dict[str, str]) -> Reply:
        if args.get("ref") != project.sha or args.get("recursive") != "true":
            return Reply(404, {"message": "404 Tree Not Found"})
        entries: list[dict[str, Any]] = []
        folders = sorted({p.rsplit("/", 1)[0] for p in project.files if "/" in p})
        for folder in folders:
            entries.append({"id": hashlib.sha1(folder.encode()).hexdigest(), "name": folder.rsplit("/", 1)[-1],
                            "type": "tree", "path": folder, "mode": "040000"})
        for path, content in sorted(project.files.items()):
            entries.append({"id": hashlib.sha1(content).hexdigest(), "name": path.rsplit("/", 1)[-1],
                            "type": "blob", "path": path, "mode": "100644"})
        per_page = int(args.get("per_page", "20"))
        if project.keyset:
            start = int(args.get("page_token", "0") or 0)
            chunk = entries[start:start + per_page]
            headers = {}
            if start + per_page < len(entries):
                base = f"{self.url}/api/v4/projects/{project.id}/repository/tree"
                headers["Link"] = (f'<{base}?id={project.id}&page_token={start + per_page}&pagination=keyset'
                                   f'&per_page={per_page}&recursive=true&ref={project.sha}>; rel="next"')
            return Reply(200, chunk, headers)
        page = int(args.get("page", "1"))
        chunk = entries[(page - 1) * per_page: page * per_page]
        return Reply(200, chunk, self._pages_for(project, page, per_page, len(entries)))

    def _pages_for(self, project: FakeProject, page: int, per_page: int, total: int) -> dict[str, str]:
        pages = max(1, -(-total // per_page))
        base = f"{self.url}/api/v4/projects/{project.id}/repository/tree?per_page={per_page}&recursive=true&ref={project.sha}"
        links = [f'<{base}&page={page + 1}>; rel="next"'] if page < pages else []
        links += [f'<{base}&page=1>; rel="first"', f'<{base}&page={pages}>; rel="last"']
        return {"X-Page": str(page), "X-Per-Page": str(per_page), "X-Next-Page": str(page + 1) if page < pages else "",
                "X-Prev-Page": str(page - 1) if page > 1 else "", "X-Total": str(total), "X-Total-Pages": str(pages),
                "Link": ", ".join(links)}

    def _raw(self, project: FakeProject, path: str, args: dict[str, str]) -> Reply:
        content = project.files.get(path)
        if content is None or args.get("ref") != project.sha:
            return Reply(404, {"message": "404 File Not Found"})
        return Reply(200, content, {
            "X-Gitlab-Blob-Id": hashlib.sha1(content).hexdigest(), "X-Gitlab-Commit-Id": project.sha,
            "X-Gitlab-Encoding": "base64", "X-Gitlab-File-Name": quote(path.rsplit("/", 1)[-1]),
            "X-Gitlab-File-Path": quote(path), "X-Gitlab-Ref": project.sha, "X-Gitlab-Size": str(len(content))})


def _pages(*, page: int, per_page: int, total: int) -> dict[str, str]:
    pages = max(1, -(-total // per_page))
    return {"X-Page": str(page), "X-Per-Page": str(per_page), "X-Next-Page": str(page + 1) if page < pages else "",
            "X-Prev-Page": "", "X-Total": str(total), "X-Total-Pages": str(pages)}


def _release(project: FakeProject, tag: str) -> dict[str, Any]:
    return {"tag_name": tag, "name": f"Release {tag}", "description": "Notes", "created_at": "2025-10-01T00:00:00.000Z",
            "released_at": "2025-10-01T00:00:00.000Z", "upcoming_release": False,
            "author": {"id": 1, "username": "ada"}, "commit": {"id": project.sha},
            "assets": {"count": 0, "sources": [], "links": []},
            "_links": {"self": f"https://gitlab.example.org/{project.path}/-/releases/{tag}"}}
