"""A local stand-in for the ClinicalTrials.gov API v2 on 127.0.0.1, serving fixture files and scripted answers.

`FakeRegistry.script(nct, Reply(...), ...)` queues answers for one id (a 429, a redirect, an HTML page, a reply
held until the test ends to provoke a timeout); without a script, `GET /api/v2/studies/NCT…` answers with
`<folder>/NCT….json`, or 404. Every request path is logged in `requests`.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HOLD_LIMIT = 30.0  # a held reply is released at teardown; this only bounds a test that forgets to


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "application/json"})
    hold: bool = False  # wait until the test ends before answering (a server too slow for the timeout)


class FakeRegistry:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.scripts: dict[str, list[Reply]] = {}
        self.requests: list[str] = []
        self.release = threading.Event()
        registry = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                registry.requests.append(self.path)
                reply = registry.reply_for(self.path)
                if reply.hold:
                    registry.release.wait(HOLD_LIMIT)
                try:
                    self.send_response(reply.status)
                    for key, value in reply.headers.items():
                        self.send_header(key, value)
                    self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test): nothing to answer

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        # A short poll interval: `shutdown` waits for the next poll, and every test stops a server.
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/api/v2"

    def script(self, nct: str, *replies: Reply) -> None:
        self.scripts.setdefault(nct, []).extend(replies)

    def reply_for(self, path: str) -> Reply:
        found = re.fullmatch(r"/api/v2/studies/(NCT\d{8})", path)
        if not found:
            return Reply(404, b"not an API path", {"Content-Type": "text/plain"})
        nct = found.group(1)
        queued = self.scripts.get(nct)
        if queued:
            return queued.pop(0)
        file = self.folder / f"{nct}.json"
        if file.is_file():
            return Reply(200, file.read_bytes())
        return Reply(404, f"Study {nct} not found".encode(), {"Content-Type": "text/plain"})

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=HOLD_LIMIT)
