"""Getting ClinicalTrials.gov study records (API v2): fetched politely, or read from saved responses.

Online, `RegistryClient.fetch` asks `GET {base}/studies/{NCT id}` with the standard library only: at most one
request per `RateLimiter.interval` (1 s), a timeout, HTTP 429/503 retried after the server's Retry-After,
redirects of merged records followed by id (never to another host), and an HTML page where JSON was expected
reported as such. Every fetched response is cached (with its fetch date) as `<cache>/NCT….json`, which is
also the form `read_saved` reads: a folder of raw API responses, or of our cache files, works the same.

The base address is a parameter, or $MSTRIALS_REGISTRY_URL (tests point it at a local server); the clock
and the sleep of the limiter are parameters too, so tests never wait.
"""

from __future__ import annotations

import dataclasses
import email.utils
import http.client
import json
import os
import re
import socket
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import Message
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from ... import __version__
from .. import safety
from .errors import (
    NoSavedResponse,
    RegistryBadResponse,
    RegistryError,
    RegistryNotFound,
    RegistryRateLimited,
    RegistryTimeout,
    RegistryUnreachable,
)

BASE_URL_ENV = "MSTRIALS_REGISTRY_URL"
DEFAULT_BASE_URL = "https://clinicaltrials.gov/api/v2"
NCT_PATTERN = re.compile(r"^NCT\d{8}$")
_NCT_IN_TEXT = re.compile(r"NCT\d{8}", re.IGNORECASE)
DEFAULT_TIMEOUT = 30.0
MIN_INTERVAL = 1.0  # seconds between two requests: the registry's published limit is about 50 a minute
MAX_RETRIES = 3
MAX_RETRY_AFTER = 120.0  # a longer wait than this is reported to the curator rather than slept through
MAX_REDIRECTS = 2
# A study with posted results runs to a few MB; anything far larger is not a study record.
MAX_BYTES = 32 * 1024 * 1024
CACHE_MARK = "mstrials_registry_cache"  # the key that tells our cache envelope from a raw API response
CACHE_VERSION = 1
REDIRECTS = frozenset({301, 302, 303, 307, 308})


def normalise_nct(value: str) -> str:
    """'nct02040298 ' -> 'NCT02040298'; RegistryError for anything that is not NCT + 8 digits."""
    nct = value.strip().upper()
    if not NCT_PATTERN.match(nct):
        shown = safety.visible(value.strip())[:40]
        raise RegistryError(f"{shown!r} is not a ClinicalTrials.gov id (NCT followed by 8 digits)")
    return nct


def default_base_url() -> str:
    """$MSTRIALS_REGISTRY_URL if set, else the public API."""
    return os.environ.get(BASE_URL_ENV, "").strip() or DEFAULT_BASE_URL


def default_cache_dir() -> Path:
    """`<user cache folder>/mstrials-tui/registry` (platformdirs: ~/.cache/mstrials-tui/registry on Linux)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("mstrials-tui", appauthor=False)) / "registry"


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Fetched:
    """A study response and where it came from."""

    requested: str  # the NCT id asked for
    payload: Any  # the decoded JSON of the study
    origin: str  # the URL or the file it was read from
    fetched_at: datetime | None  # when it left the registry; None for a saved raw response (date unknown)
    redirected_to: str | None = None  # the id the registry sent us to (a merged record), if any
    warnings: tuple[str, ...] = ()


class RateLimiter:
    """At most one request per `interval` seconds, and none before a time the server asked us to wait for.

    `clock` and `sleep` are injectable so that tests can check the waits without waiting."""

    def __init__(
        self,
        interval: float = MIN_INTERVAL,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = interval
        self.clock = clock
        self.sleep = sleep
        self._next: float | None = None

    def wait(self) -> None:
        """Sleep until the next request is allowed, and book the one after it."""
        now = self.clock()
        if self._next is not None and now < self._next:
            self.sleep(self._next - now)
            # A real sleep moved the clock at least this far; a test's fake clock may not have moved at all.
            now = max(self.clock(), self._next)
        self._next = now + self.interval

    def defer(self, seconds: float) -> None:
        """The server asked for a pause (Retry-After): no request before `seconds` from now."""
        until = self.clock() + max(0.0, seconds)
        self._next = until if self._next is None else max(self._next, until)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects come back as HTTPError: we follow a merged record by its id, through the rate limiter, and
    never to an address the server names (which could be anywhere)."""

    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: Any, newurl: str
    ) -> urllib.request.Request | None:
        return None


@dataclass(frozen=True)
class _Answer:
    status: int
    body: bytes
    url: str
    content_type: str | None = None
    location: str | None = None  # where a redirect points


def _answer(status: int, headers: Message | None, body: bytes, url: str) -> _Answer:
    if headers is None:
        return _Answer(status, body, url)
    return _Answer(status, body, url, headers.get("Content-Type"), headers.get("Location"))


class RegistryClient:
    """Fetches study records from the ClinicalTrials.gov API v2 (or a server that answers like it)."""

    def __init__(
        self,
        base_url: str | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        limiter: RateLimiter | None = None,
        cache_dir: Path | None = None,
        now: Callable[[], datetime] = utc_now,
        max_retries: int = MAX_RETRIES,
    ) -> None:
        self.base_url = (base_url or default_base_url()).rstrip("/")
        parts = urlsplit(self.base_url)
        # urllib would also open file:, ftp: and data: addresses; a registry is only ever http(s).
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise RegistryError(f"the registry address must be http:// or https:// with a host, not {self.base_url!r}")
        self.host = parts.hostname
        self.timeout = timeout
        self.limiter = limiter or RateLimiter()
        self.cache_dir = cache_dir
        self.now = now
        self.max_retries = max_retries
        self._opener = urllib.request.build_opener(_NoRedirect())

    def study_url(self, nct_id: str) -> str:
        return f"{self.base_url}/studies/{normalise_nct(nct_id)}"

    def fetch(self, nct_id: str) -> Fetched:
        """The study record of `nct_id`, following the registry's redirect when the id was merged into
        another record; cached when a cache folder is set."""
        requested = normalise_nct(nct_id)
        current = requested
        for _ in range(MAX_REDIRECTS + 1):
            answer = self._get(self.study_url(current))
            if answer.status in REDIRECTS:
                target = _nct_in(answer.location or "")
                if target is None or target == current:
                    raise RegistryBadResponse(
                        f"{requested}: the registry redirected to {answer.location or 'nowhere'!r}, "
                        "which names no other study"
                    )
                current = target  # a merged record: the registry now files it under another id
                continue
            if answer.status == 404:
                raise RegistryNotFound(_not_found(current, answer))
            if answer.status != 200:
                raise RegistryBadResponse(f"{current}: the registry answered HTTP {answer.status}{_gist(answer)}")
            payload = decode_study(answer.body, answer.content_type, answer.url)
            fetched = Fetched(
                requested,
                payload,
                answer.url,
                self.now(),
                redirected_to=current if current != requested else None,
            )
            return self._cached(fetched)
        raise RegistryBadResponse(f"{requested}: more than {MAX_REDIRECTS} redirects")

    def _get(self, url: str) -> _Answer:
        """One GET through the rate limiter; 429 and 503 are retried after the wait the server asks for."""
        request = urllib.request.Request(
            url,
            headers={"Accept": "application/json", "User-Agent": f"mstrials-tui/{__version__} (registry check)"},
        )
        for attempt in range(self.max_retries + 1):
            self.limiter.wait()
            try:
                with self._opener.open(request, timeout=self.timeout) as response:
                    return _answer(response.status, response.headers, _read(response), response.geturl())
            except urllib.error.HTTPError as error:
                # An HTTP error is still an answer: 3xx (not followed automatically), 404, 429, 5xx…
                if error.code in (429, 503) and attempt < self.max_retries:
                    self.limiter.defer(self._retry_delay(error.headers.get("Retry-After"), attempt, error.code))
                    continue
                if error.code == 429:
                    raise RegistryRateLimited(
                        f"the registry at {self.host} is still limiting requests (HTTP 429) after "
                        f"{self.max_retries} retries: try again later"
                    ) from None
                body = _read(error) if error.fp is not None else b""
                return _answer(error.code, error.headers, body, url)
            except TimeoutError:
                raise RegistryTimeout(
                    f"{self.host} did not answer within {self.timeout:g} s: try again later"
                ) from None
            except urllib.error.URLError as error:
                if isinstance(error.reason, (TimeoutError, socket.timeout)):
                    raise RegistryTimeout(
                        f"{self.host} did not answer within {self.timeout:g} s: try again later"
                    ) from None
                raise RegistryUnreachable(_offline(self.host, error.reason)) from None
            except (http.client.HTTPException, OSError) as error:
                raise RegistryUnreachable(_offline(self.host, error)) from None
        raise RegistryRateLimited(f"the registry at {self.host} kept asking us to wait: try again later")

    def _retry_delay(self, header: str | None, attempt: int, status: int) -> float:
        """Seconds to wait before retrying: the server's Retry-After (seconds or an HTTP date), else a
        doubling back-off. A wait longer than MAX_RETRY_AFTER is refused, not slept through."""
        delay = parse_retry_after(header, self.now())
        if delay is None:
            delay = self.limiter.interval * 2 ** (attempt + 1)
        if delay > MAX_RETRY_AFTER:
            raise RegistryRateLimited(
                f"the registry at {self.host} asks us to wait {delay:.0f} s before the next request "
                f"(HTTP {status}): try again later"
            )
        return delay

    def _cached(self, fetched: Fetched) -> Fetched:
        if self.cache_dir is None:
            return fetched
        try:
            save_response(self.cache_dir, fetched)
        except OSError as error:
            # The answer is good; a cache that cannot be written only costs a later fetch.
            warning = f"could not cache {fetched.requested} in {self.cache_dir}: {error.strerror or error}"
            return dataclasses.replace(fetched, warnings=(*fetched.warnings, warning))
        return fetched


def parse_retry_after(header: str | None, now: datetime) -> float | None:
    """Seconds from a Retry-After header ('120' or an HTTP date); None when absent or unreadable."""
    if header is None or not header.strip():
        return None
    value = header.strip()
    if re.fullmatch(r"\d{1,9}(?:\.\d+)?", value):
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def _read(stream: IO[bytes]) -> bytes:
    body = stream.read(MAX_BYTES + 1)
    if len(body) > MAX_BYTES:
        raise RegistryBadResponse(f"the answer is over {MAX_BYTES // (1024 * 1024)} MB: not a study record")
    return body


def _nct_in(text: str) -> str | None:
    found = _NCT_IN_TEXT.search(text)
    return found.group(0).upper() if found else None


def _gist(answer: _Answer) -> str:
    """A short, safe hint of what an error answer said (its HTML title, or its first words)."""
    text = answer.body[:2000].decode("utf-8", "replace")
    title = re.search(r"<title[^>]*>(.*?)</title>", text, re.IGNORECASE | re.DOTALL)
    words = " ".join((title.group(1) if title else re.sub(r"<[^>]+>", " ", text)).split())
    words = safety.UNSAFE.sub("", words)[:120]
    return f": {words}" if words else ""


def _not_found(nct_id: str, answer: _Answer) -> str:
    message = f"ClinicalTrials.gov has no record {nct_id} (HTTP 404)"
    other = {m.upper() for m in _NCT_IN_TEXT.findall(answer.body[:20000].decode("utf-8", "replace"))} - {nct_id}
    if other:
        message += f"; the answer mentions {', '.join(sorted(other))}: the record may have been merged into it"
    return message + "; check the id on https://clinicaltrials.gov"


def _offline(host: str, reason: object) -> str:
    why = reason.strerror if isinstance(reason, OSError) and reason.strerror else str(reason)
    return (
        f"cannot reach {host} ({safety.UNSAFE.sub('', why)}): check the network connection, "
        "or check saved responses with --from DIR"
    )


def decode_study(body: bytes, content_type: str | None, origin: str) -> Any:
    """The JSON of a response, or RegistryBadResponse saying what came instead (an HTML page, broken JSON).

    The body decides, not the Content-Type: maintenance pages, login portals and proxies' error pages are
    often served with status 200 and whatever type the address would normally have."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise RegistryBadResponse(f"{origin}: not UTF-8 text, so not a JSON study record") from None
    stripped = text.lstrip("\ufeff \t\r\n")
    try:
        if not stripped.startswith("<"):
            return json.loads(stripped)
    except ValueError as error:
        if "html" not in (content_type or "").lower():
            where = f" at line {error.lineno}" if isinstance(error, json.JSONDecodeError) else ""
            raise RegistryBadResponse(f"{origin}: not valid JSON{where}") from None
    title = _gist(_Answer(200, stripped.encode("utf-8"), origin))
    raise RegistryBadResponse(
        f"{origin}: an HTML page came where JSON was expected{title}. The registry may be down for "
        "maintenance, or the address is not the API (see MSTRIALS_REGISTRY_URL)"
    )


# --- Saved responses and the cache ---------------------------------------------------------------------------


def save_response(folder: Path, fetched: Fetched) -> Path:
    """Write `folder/<requested id>.json` (our envelope: the response plus its fetch date and address).

    Replaced atomically: a cache entry is ours to refresh, and a reader never sees half a file."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    envelope = {
        CACHE_MARK: CACHE_VERSION,
        "requested_id": fetched.requested,
        "redirected_to": fetched.redirected_to,
        "fetched_at": fetched.fetched_at.isoformat() if fetched.fetched_at else None,
        "url": fetched.origin,
        "study": fetched.payload,
    }
    target = folder / f"{fetched.requested}.json"
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{fetched.requested}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(envelope, handle, ensure_ascii=False, indent=1)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def read_saved(path: Path, nct_id: str) -> Fetched:
    """A saved response for `nct_id`: `path/NCT….json` if `path` is a folder, else the file `path` itself.

    The file may be a raw API v2 response or one of our cache files (which also give the fetch date)."""
    requested = normalise_nct(nct_id)
    file = path / f"{requested}.json" if path.is_dir() else path
    if not file.is_file():
        where = f"{file} does not exist" if path.is_dir() or not path.exists() else f"{file} is not a file"
        raise NoSavedResponse(f"no saved response for {requested}: {where}")
    try:
        with file.open("rb") as handle:
            body = _read(handle)
    except OSError as error:
        raise NoSavedResponse(f"cannot read {file}: {error.strerror or error}") from None
    payload = decode_study(body, None, str(file))
    if isinstance(payload, dict) and CACHE_MARK in payload and "study" in payload:
        fetched_at = _parse_time(payload.get("fetched_at"))
        redirected = payload.get("redirected_to")
        return Fetched(
            requested,
            payload["study"],
            str(file),
            fetched_at,
            redirected_to=redirected if isinstance(redirected, str) and NCT_PATTERN.match(redirected) else None,
        )
    return Fetched(requested, payload, str(file), None)


def _parse_time(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
