"""A local fake of the Hugging Face Hub, good enough for the real huggingface_hub client.

Routes, in the shapes the real Hub uses (see ../shared/docs/apis-and-fakes.md §2):

* ``GET /api/models/{id}``, ``/api/models/{id}/revision/{rev}``, ``/api/models/{id}/refs``
  and the same under ``/api/datasets/``; ``?blobs=true`` adds ``size``/``blobId``/``lfs``
  to ``siblings``;
* ``HEAD`` and ``GET /{id}/resolve/{rev}/{path}`` (``/datasets/{id}/…`` for datasets), with
  ``X-Repo-Commit`` and ``ETag``, and the full body on HEAD too (werkzeug drops it; a HEAD
  with an empty body and a hand-set length makes hf_hub_download cache a 0-byte file);
* ``GET /api/datasets/{id}/croissant``: the Croissant JSON-LD the Hub generates for a dataset, in the
  shape of the dataset viewer's documentation (``@context`` with the ``cr``/``rai`` prefixes, ``sc:Dataset``,
  the repository as a ``cr:FileObject``), plus a repository's own ``croissant`` fields (``rai:…``);
* renamed ids answer ``307`` with a relative ``Location``; unknown repositories ``401`` with
  ``X-Error-Code: RepoNotFound``; gated files ``401`` with ``GatedRepo``; missing files ``404``
  with ``EntryNotFound``; disabled repositories ``403`` "Access to this resource is disabled.".

API answers carry a weak ``ETag`` (as the Hub's do: ``W/"<length>-<digest>"``) and a request
whose ``If-None-Match`` names it gets ``304`` with no body.

``script(path, *responses)`` queues one-shot answers (429, 500 …) for a path before the
normal behaviour; ``fail(path, status, times=N)`` answers ``status`` N times then normally,
``times=None`` for ever; ``log`` records every request (with its status and when it arrived) for
counting; ``delay`` seconds are waited before each answer (a slow host).
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

SHA = "0123456789abcdef0123456789abcdef01234567"


@dataclass
class FakeRepo:
    """One repository: its info fields, its files (bytes, or an int size for large LFS files)."""

    id: str
    kind: str = "model"  # or "dataset"
    sha: str = SHA
    files: dict[str, bytes | int] = field(default_factory=dict)
    info: dict[str, Any] = field(default_factory=dict)
    branches: list[str] = field(default_factory=lambda: ["main"])
    tags: list[str] = field(default_factory=list)
    gated: bool | str = False
    public_files: tuple[str, ...] = ()
    """Files served without access even when gated."""
    disabled: str | None = None
    """"flag": info says disabled=true; "hard": every route answers 403 disabled."""
    raw_info: dict[str, Any] | None = None
    """A recorded /api/models body served as is (URLs rewritten); overrides the built one."""
    croissant: dict[str, Any] = field(default_factory=dict)
    """Fields added to a dataset's generated Croissant answer (its responsible-AI ``rai:`` fields)."""


@dataclass
class Logged:
    method: str
    path: str
    query: str
    authorization: str | None
    status: int = 0
    sent: int = 0
    """Body bytes the fake sent (all of them, even when the client stopped reading early)."""
    at: float = field(default_factory=time.monotonic)
    """When the request arrived (``time.monotonic``)."""


class FakeHub:
    """A werkzeug server on 127.0.0.1, port chosen by the OS; ``url`` is its base URL."""

    def __init__(self) -> None:
        self.repos: dict[tuple[str, str], FakeRepo] = {}
        self.revisions: dict[tuple[str, str, str], FakeRepo] = {}
        """Older states of a repository, by (kind, id, commit): what ``@REV`` asks for."""
        self.renames: dict[tuple[str, str], str] = {}
        self.log: list[Logged] = []
        self._scripts: dict[str, deque[Response]] = defaultdict(deque)
        self._failing: dict[str, tuple[int, int | None]] = {}
        self.delay = 0.0
        """Seconds every answer waits before it is sent: a slow host."""
        self._server = make_server("127.0.0.1", 0, self._app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # set-up ------------------------------------------------------------------------
    def add(self, repo: FakeRepo) -> FakeRepo:
        self.repos[(repo.kind, repo.id)] = repo
        return repo

    def add_revision(self, repo: FakeRepo) -> FakeRepo:
        """Serve ``repo`` as it was at commit ``repo.sha``, beside whatever ``add`` made current."""
        self.revisions[(repo.kind, repo.id, repo.sha)] = repo
        return repo

    def rename(self, old: str, new: str, kind: str = "model") -> None:
        self.renames[(kind, old)] = new

    def script(self, path: str, *responses: tuple[int, dict[str, str], Any]) -> None:
        """Queue one-shot answers ``(status, headers, body)`` for requests to ``path``."""
        for status, headers, body in responses:
            text = body if isinstance(body, str) else json.dumps(body)
            self._scripts[path].append(Response(text, status=status, headers=headers,
                                                content_type="application/json"))

    def fail(self, path: str, status: int = 502, times: int | None = None) -> None:
        """Answer requests to ``path`` with ``status`` (no body worth reading) ``times`` times, or always."""
        self._failing[path] = (status, times)

    def requests(self, method: str | None = None, contains: str = "") -> list[Logged]:
        return [r for r in self.log if (method is None or r.method == method) and contains in r.path]

    # routing -----------------------------------------------------------------------
    def _app(self, environ: dict, start_response: Any) -> Any:
        request = Request(environ)
        logged = Logged(request.method, request.path, request.query_string.decode(), request.headers.get("Authorization"))
        self.log.append(logged)
        if self.delay:
            time.sleep(self.delay)
        scripted = self._scripts.get(request.path)
        response = scripted.popleft() if scripted else self._failure(request.path) or self._route(request)
        if response.status_code == 200 and request.path.startswith("/api/"):
            response = _conditional(response, request)
        logged.status = response.status_code
        logged.sent = 0 if request.method == "HEAD" else len(response.get_data())
        return response(environ, start_response)

    def _failure(self, path: str) -> Response | None:
        if path not in self._failing:
            return None
        status, times = self._failing[path]
        if times is not None:
            if times <= 0:
                return None
            self._failing[path] = (status, times - 1)
        return Response(f"<html>{status}</html>", status=status, content_type="text/html")

    def _route(self, request: Request) -> Response:
        path = unquote(request.path)
        for kind in ("model", "dataset"):
            prefix = f"/api/{kind}s/"
            if path.startswith(prefix):
                return self._api(kind, path[len(prefix):], request)
        if path.startswith("/datasets/") and "/resolve/" in path:
            return self._resolve("dataset", path[len("/datasets/"):], request)
        if "/resolve/" in path:
            return self._resolve("model", path[1:], request)
        return _error(404, "Not Found", None)

    def _lookup(self, kind: str, repo_id: str, revision: str | None = None) -> tuple[FakeRepo | None, str | None]:
        """(repo, None) when found (at ``revision`` when one was added for it); (None, new_id) when
        renamed; (None, None) when unknown."""
        if (kind, repo_id) in self.renames:
            return None, self.renames[(kind, repo_id)]
        if revision is not None and (kind, repo_id, revision) in self.revisions:
            return self.revisions[(kind, repo_id, revision)], None
        return self.repos.get((kind, repo_id)), None

    def _api(self, kind: str, rest: str, request: Request) -> Response:
        suffix = ""
        if rest.endswith("/refs"):
            rest, suffix = rest[: -len("/refs")], "/refs"
        elif kind == "dataset" and rest.endswith("/croissant"):
            rest, suffix = rest[: -len("/croissant")], "/croissant"
        elif "/revision/" in rest:
            rest, _, revision = rest.partition("/revision/")
            suffix = f"/revision/{revision}"
        repo, new_id = self._lookup(kind, rest, suffix[len("/revision/"):] if suffix.startswith("/revision/") else None)
        if new_id is not None:
            return Response("Moved", status=307, headers={"Location": f"/api/{kind}s/{new_id}{suffix}"})
        if repo is None:
            return _error(401, "Repository not found", "RepoNotFound", "Invalid username or password.")
        if repo.disabled == "hard":
            return _disabled()
        if suffix == "/refs":
            return _json({
                "branches": [{"name": b, "ref": f"refs/heads/{b}", "targetCommit": repo.sha} for b in repo.branches],
                "tags": [{"name": t, "ref": f"refs/tags/{t}", "targetCommit": repo.sha} for t in repo.tags],
                "converts": [],
            })
        if suffix == "/croissant":
            return _json(self._croissant(repo))
        if suffix.startswith("/revision/") and suffix[len("/revision/"):] not in {"main", repo.sha, *repo.branches, *repo.tags}:
            return _error(404, "Invalid rev id", "RevisionNotFound")
        return _json(self._info(repo, blobs=request.args.get("blobs") == "true"))

    def _info(self, repo: FakeRepo, *, blobs: bool) -> dict[str, Any]:
        if repo.raw_info is not None:
            return json.loads(json.dumps(repo.raw_info).replace("https://huggingface.co", self.url))
        siblings = []
        for path, content in sorted(repo.files.items()):
            entry: dict[str, Any] = {"rfilename": path}
            if blobs:
                size = content if isinstance(content, int) else len(content)
                entry |= {"size": size, "blobId": _blob_id(content)}
                if isinstance(content, int):
                    entry["lfs"] = {"sha256": hashlib.sha256(path.encode()).hexdigest(), "size": size, "pointerSize": 134}
            siblings.append(entry)
        body: dict[str, Any] = {
            "_id": hashlib.md5(repo.id.encode()).hexdigest()[:24], "id": repo.id,
            "author": repo.id.split("/")[0] if "/" in repo.id else None, "sha": repo.sha,
            "lastModified": "2024-05-01T10:00:00.000Z", "createdAt": "2024-04-01T10:00:00.000Z",
            "private": False, "gated": repo.gated, "disabled": repo.disabled == "flag",
            "downloads": 1234, "likes": 56, "tags": [], "siblings": siblings,
        }
        if repo.kind == "model":
            body["modelId"] = repo.id
        return body | repo.info

    def _croissant(self, repo: FakeRepo) -> dict[str, Any]:
        licence = (repo.info.get("cardData") or {}).get("license")
        return {
            "@context": {"@language": "en", "@vocab": "https://schema.org/", "sc": "https://schema.org/",
                         "cr": "http://mlcommons.org/croissant/", "rai": "http://mlcommons.org/croissant/RAI/",
                         "dct": "http://purl.org/dc/terms/", "citeAs": "cr:citeAs", "recordSet": "cr:recordSet"},
            "@type": "sc:Dataset", "conformsTo": "http://mlcommons.org/croissant/1.1",
            "name": repo.id.replace("/", "_"), "url": f"{self.url}/datasets/{repo.id}",
            "description": f"{repo.id} dataset hosted on Hugging Face and contributed by the HF Datasets community",
            **({"license": licence} if licence else {}),
            "distribution": [{"@type": "cr:FileObject", "@id": "repo", "name": "repo",
                              "description": "The Hugging Face git repository.",
                              "contentUrl": f"{self.url}/datasets/{repo.id}/tree/refs%2Fconvert%2Fparquet",
                              "encodingFormat": "git+https", "sha256": "https://github.com/mlcommons/croissant/issues/80"}],
            "recordSet": [],
            **repo.croissant,
        }

    def _resolve(self, kind: str, rest: str, request: Request) -> Response:
        repo_part, _, tail = rest.partition("/resolve/")
        revision, _, file_path = tail.partition("/")
        repo, new_id = self._lookup(kind, repo_part, revision)
        if new_id is not None:
            prefix = "/datasets" if kind == "dataset" else ""
            return Response("Moved", status=307, headers={"Location": f"{prefix}/{new_id}/resolve/{tail}"})
        if repo is None:
            return _error(401, "Repository not found", "RepoNotFound", "Invalid username or password.")
        if repo.disabled == "hard":
            return _disabled()
        if repo.gated and file_path not in repo.public_files and not request.headers.get("Authorization"):
            return _error(401, f"Access to model {repo.id} is restricted.", "GatedRepo",
                          f"Access to model {repo.id} is restricted and you are not in the authorized list.")
        content = repo.files.get(file_path)
        if content is None:
            return _error(404, "Entry not found", "EntryNotFound")
        data = content if isinstance(content, bytes) else b"\0" * min(content, 1024)
        return Response(data, status=200, content_type="application/octet-stream", headers={
            "X-Repo-Commit": repo.sha, "ETag": f'"{_blob_id(content)}"', "Accept-Ranges": "bytes"})


def _conditional(response: Response, request: Request) -> Response:
    """The Hub's API answers: a weak ETag of the body; a 304 when the request already has it."""
    body = response.get_data()
    etag = f'W/"{len(body):x}-{hashlib.sha1(body).hexdigest()[:27]}"'
    if etag in request.headers.get("If-None-Match", ""):
        return Response(status=304, headers={"ETag": etag})
    response.headers["ETag"] = etag
    return response


def _blob_id(content: bytes | int) -> str:
    data = content if isinstance(content, bytes) else str(content).encode()
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def _json(body: Any) -> Response:
    return Response(json.dumps(body), status=200, content_type="application/json; charset=utf-8")


def _error(status: int, message: str, code: str | None, header_message: str | None = None) -> Response:
    headers = {"X-Error-Message": header_message or message}
    if code:
        headers["X-Error-Code"] = code
    return Response(json.dumps({"error": message}), status=status, headers=headers,
                    content_type="application/json; charset=utf-8")


def _disabled() -> Response:
    return _error(403, "Access to this resource is disabled.", None, "Access to this resource is disabled.")
