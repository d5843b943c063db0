"""A fake GitHub API (REST and GraphQL) on a local port.

Replies use the envelope of the recorded fixtures (``{"status", "headers", "body"}``). The
fake rewrites ``https://api.github.com`` in bodies and in ``Link``/``Location`` headers to its
own address, matches query strings whatever their order, answers ``If-None-Match`` with 304
when the ETag matches, plays scripted one-shot replies before the standing ones, and logs
every request with the size of the body it sent.

``POST /graphql`` is answered by the resolver registered for the ``owner``/``name`` variables
(``graphql``): it gets the query's variables and returns GitHub's ``{"data": …}`` envelope,
``{"data": {"repository": null}, "errors": [{"type": "NOT_FOUND", …}]}`` for an unknown
repository, as GitHub does. Scripted replies on ``/graphql`` come first, as for any route.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import tarfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

GITHUB_API = "https://api.github.com"
RAW_PREFIX = "/raw/"
"""Where the fetcher downloads single files when the API root is not github.com's (``raw_base_url``):
``/raw/{owner}/{repo}/{sha}/{path}``, as raw.githubusercontent.com serves ``/{owner}/{repo}/{sha}/{path}``."""
RAW_HEADERS = {"Content-Type": "text/plain; charset=utf-8", "Cache-Control": "max-age=300",
               "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
               "Access-Control-Allow-Origin": "*", "Accept-Ranges": "bytes", "X-Content-Type-Options": "nosniff"}
"""The headers raw.githubusercontent.com sends with a file (and with its ``404: Not Found`` text)."""


@dataclass
class Reply:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    raw: bytes | None = None
    """Bytes to send as they are (archives), instead of ``body`` as JSON."""


@dataclass
class Seen:
    method: str
    path: str
    query: dict[str, str]
    status: int
    headers: dict[str, str]
    size: int = 0
    """Bytes of the body sent."""
    variables: dict[str, Any] = field(default_factory=dict)
    """The variables of a GraphQL query."""


def _key(path: str, query: dict[str, str] | None) -> tuple[str, frozenset]:
    return path, frozenset((query or {}).items())


class FakeGitHub:
    """Routes by path and query set; unknown routes answer GitHub's real 404."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.url = server.url_for("/").rstrip("/")
        self.routes: dict[tuple[str, frozenset], Reply] = {}
        self.scripts: dict[tuple[str, frozenset], list[Reply]] = {}
        self.log: list[Seen] = []
        self.resolvers: dict[tuple[str, str], Callable[[dict[str, Any]], dict[str, Any]]] = {}
        server.expect_request(re.compile(r"^/.*")).respond_with_handler(self._handle)

    def add(self, path: str, body: Any = None, *, status: int = 200, headers: dict[str, str] | None = None,
            query: dict[str, str] | None = None, raw: bytes | None = None) -> None:
        self.routes[_key(path, query)] = Reply(status, body, dict(headers or {}), raw)

    def add_raw(self, full_name: str, sha: str, path: str, content: bytes) -> None:
        """One file as raw.githubusercontent.com answers it: its bytes, a strong ETag of them."""
        self.add(f"{RAW_PREFIX}{full_name}/{sha}/{path}", raw=content,
                 headers={**RAW_HEADERS, "ETag": f'"{hashlib.sha256(content).hexdigest()}"'})

    def script(self, path: str, replies: list[Reply], query: dict[str, str] | None = None) -> None:
        """Answer the next requests to this route with ``replies``, in order, then the standing reply."""
        self.scripts.setdefault(_key(path, query), []).extend(replies)

    def graphql(self, owner: str, name: str, resolver: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
        """Answer GraphQL queries about ``owner/name`` with ``resolver(variables)`` (the ``data`` object)."""
        self.resolvers[(owner.lower(), name.lower())] = resolver

    def requests(self, status: int | None = None) -> list[Seen]:
        return [s for s in self.log if status is None or s.status == status]

    def _rewrite(self, text: str) -> str:
        return text.replace(GITHUB_API, self.url)

    def _handle(self, request: Request) -> Response:
        key = _key(request.path, dict(request.args.items()))
        queue = self.scripts.get(key)
        reply = queue.pop(0) if queue else self.routes.get(key)
        variables: dict[str, Any] = {}
        if reply is None and request.method == "POST" and request.path == "/graphql":
            variables = dict((request.get_json(silent=True) or {}).get("variables") or {})
            reply = self._graphql(variables)
        if reply is None and request.path.startswith(RAW_PREFIX):
            reply = Reply(404, raw=b"404: Not Found", headers=dict(RAW_HEADERS))
        if reply is None:
            reply = Reply(404, {"message": "Not Found",
                                "documentation_url": "https://docs.github.com/rest", "status": "404"})
        data = reply.raw if reply.raw is not None else (
            b"" if reply.body is None else self._rewrite(json.dumps(reply.body)).encode())
        headers = {"Content-Type": "application/json; charset=utf-8",
                   "Vary": "Accept, Authorization, Cookie, X-GitHub-OTP, Accept-Encoding",
                   "Cache-Control": "private, max-age=60, s-maxage=60"}
        headers.update({k: self._rewrite(v) for k, v in reply.headers.items()})
        status = reply.status
        if status == 200 and not any(k.lower() == "etag" for k in headers):
            headers["ETag"] = f'W/"{hashlib.sha1(data).hexdigest()}"'
        etag = next((v for k, v in headers.items() if k.lower() == "etag"), None)
        if status == 200 and etag and request.headers.get("If-None-Match") == etag:
            status, data = 304, b""
        self.log.append(Seen(request.method, request.path, dict(request.args.items()), status,
                             dict(request.headers.items()), len(data), variables))
        return Response(data, status=status, headers=headers)

    def _graphql(self, variables: dict[str, Any]) -> Reply:
        resolver = self.resolvers.get((str(variables.get("owner", "")).lower(), str(variables.get("name", "")).lower()))
        if resolver is None:
            return Reply(200, {"data": {"repository": None}, "errors": [{
                "type": "NOT_FOUND", "path": ["repository"], "locations": [{"line": 2, "column": 3}],
                "message": f"Could not resolve to a Repository with the name '{variables.get('owner')}/"
                           f"{variables.get('name')}'."}]})
        return Reply(200, resolver(variables), {"Cache-Control": "no-cache"})


def tarball(prefix: str, files: dict[str, bytes]) -> bytes:
    """A gzip'd tar as GitHub's archive host makes it: everything under one ``prefix/`` folder."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for path, content in sorted(files.items()):
            info = tarfile.TarInfo(f"{prefix}/{path}")
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    return buffer.getvalue()
