"""Just enough of the Chrome DevTools Protocol to load a page in headless Chromium and watch it.

Chromium is Debian's ``chromium`` package (``.ci/run`` installs it on CI). It runs with
networking features off, a fresh profile, and a DevTools port on loopback; the test
talks to it over one WebSocket (``websocket-client``).
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import websocket

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--mute-audio", "--hide-scrollbars",
         "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0"]
TIMEOUT = 30.0


@dataclass
class PageLog:
    """What happened while a page loaded."""

    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    """Requests the browser refused before sending (CSP, mixed content …)."""
    ids: dict[str, str] = field(default_factory=dict)
    dialogs: list[str] = field(default_factory=list)


class Browser:
    def __init__(self, ws_url: str) -> None:
        self._ws = websocket.create_connection(ws_url, timeout=TIMEOUT, suppress_origin=True)
        self._id = 0
        self.log = PageLog()

    def close(self) -> None:
        self._ws.close()

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self._id += 1
        self._ws.send(json.dumps({"id": self._id, "method": method, "params": params}))
        while True:
            message = json.loads(self._ws.recv())
            if message.get("id") == self._id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self._event(message)

    def wait_for(self, event: str) -> None:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            message = json.loads(self._ws.recv())
            if message.get("method") == event:
                return
            self._event(message)
        raise TimeoutError(event)

    def _event(self, message: dict[str, Any]) -> None:
        method, params = message.get("method"), message.get("params", {})
        if method == "Runtime.consoleAPICalled":
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
            self.log.console.append(f"{params.get('type')}: {text}")
            if params.get("type") in {"error", "assert"}:
                self.log.errors.append(text)
        elif method == "Runtime.exceptionThrown":
            self.log.errors.append(params["exceptionDetails"].get("text", "exception"))
        elif method == "Log.entryAdded" and params["entry"]["level"] in {"error", "warning"}:
            self.log.errors.append(params["entry"]["text"])
        elif method == "Network.requestWillBeSent":
            self.log.requests.append(params["request"]["url"])
            self.log.ids[params["requestId"]] = params["request"]["url"]
        elif method == "Network.loadingFailed" and params.get("blockedReason"):
            self.log.blocked.append(self.log.ids.get(params["requestId"], "?"))
        elif method == "Page.javascriptDialogOpening":
            self.log.dialogs.append(params.get("message", ""))

    def open(self, url: str, *, dark: bool = False, width: int = 1280) -> None:
        """Load ``url`` with the colour scheme emulated, and wait for its load event."""
        self.log = PageLog()
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")
        self.call("Emulation.setEmulatedMedia", features=[{"name": "prefers-color-scheme",
                                                            "value": "dark" if dark else "light"}])
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=900, deviceScaleFactor=1, mobile=False)
        self.call("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        return self.call("Runtime.evaluate", expression=expression, returnByValue=True)["result"].get("value")

    def screenshot(self, path: Path) -> None:
        """A whole-page PNG."""
        data = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)["data"]
        path.write_bytes(base64.b64decode(data))


def available() -> bool:
    return Path(CHROMIUM).is_file() and shutil.which(CHROMIUM) is not None


@contextmanager
def chromium() -> Iterator[Browser]:
    """A headless Chromium with an empty profile, and a DevTools connection to its first page."""
    profile = tempfile.mkdtemp(prefix="openness-chromium-")
    try:
        process = subprocess.Popen([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            port = _devtools_port(process, Path(profile))
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=TIMEOUT) as response:
                pages = [t for t in json.load(response) if t["type"] == "page"]
            browser = Browser(pages[0]["webSocketDebuggerUrl"])
            try:
                yield browser
            finally:
                browser.close()
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    finally:
        _remove_profile(profile)


def _remove_profile(path: str) -> None:
    """Remove the profile; Chromium's helper processes may still write to it a moment after the browser
    exited (on a loaded machine, ``Directory not empty: 'Default'``), so try again for a few seconds."""
    deadline = time.monotonic() + 5
    while True:
        try:
            shutil.rmtree(path)
            return
        except FileNotFoundError:
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def _devtools_port(process: subprocess.Popen[bytes], profile: Path) -> int:
    """Chromium writes the port it picked to ``DevToolsActivePort`` in its profile."""
    marker = profile / "DevToolsActivePort"
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"chromium exited with {process.returncode} before opening DevTools")
        lines = marker.read_text().splitlines() if marker.is_file() else []
        if lines and lines[0].isdigit():
            return int(lines[0])
        time.sleep(0.05)
    raise TimeoutError("chromium did not open its DevTools port")
