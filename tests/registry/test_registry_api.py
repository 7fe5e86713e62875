"""Fetching from the registry, against a local server on 127.0.0.1: the rate limit, Retry-After, redirects of
merged records, timeouts, HTML pages, no network, and the cache. The limiter's clock is fake: nothing sleeps."""

from __future__ import annotations

import json
import re
import socket
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tui.core.registry import api
from tui.core.registry.api import RateLimiter, RegistryClient, parse_retry_after, read_saved
from tui.core.registry.errors import (
    RegistryBadResponse,
    RegistryError,
    RegistryNotFound,
    RegistryRateLimited,
    RegistryTimeout,
    RegistryUnreachable,
)
from tui.core.registry.parse import parse_study

from .conftest import QUIRKS, SAVED, FakeClock
from .server import FakeRegistry, Reply

NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
STUDY = "/api/v2/studies/NCT05338450"


def client(server: FakeRegistry, clock: FakeClock, **options: object) -> RegistryClient:
    limiter = RateLimiter(clock=clock.clock, sleep=clock.sleep)
    return RegistryClient(server.url, limiter=limiter, now=lambda: NOW, **options)  # type: ignore[arg-type]


def test_fetch_a_study(registry_server, fake_clock):
    fetched = client(registry_server, fake_clock).fetch("nct05338450")
    assert fetched.requested == "NCT05338450" and fetched.fetched_at == NOW and fetched.redirected_to is None
    assert fetched.payload == json.loads((SAVED / "NCT05338450.json").read_text(encoding="utf-8"))
    assert fetched.origin == registry_server.url + "/studies/NCT05338450"
    assert registry_server.requests == [STUDY]


def test_one_request_per_second_at_most(registry_server, fake_clock):
    fetcher = client(registry_server, fake_clock)
    fetcher.fetch("NCT05338450")
    fetcher.fetch("NCT02040298")
    fake_clock.now += 0.25  # time spent elsewhere counts towards the wait
    fetcher.fetch("NCT01864148")
    assert fake_clock.sleeps == [1.0, 0.75]
    assert len(registry_server.requests) == 3


def test_limiter_without_a_moving_clock_still_spaces_requests():
    sleeps: list[float] = []
    limiter = RateLimiter(interval=1.0, clock=lambda: 5.0, sleep=sleeps.append)
    for _ in range(3):
        limiter.wait()
    assert sleeps == [1.0, 2.0]


def test_429_is_retried_after_the_wait_the_server_asks_for(registry_server, fake_clock):
    registry_server.script("NCT05338450", Reply(429, b"Too Many Requests", {"Retry-After": "7"}))
    fetched = client(registry_server, fake_clock).fetch("NCT05338450")
    assert fetched.payload["protocolSection"]["identificationModule"]["acronym"] == "RESTORE"
    assert fake_clock.sleeps == [7.0]
    assert registry_server.requests == [STUDY, STUDY]


def test_429_without_retry_after_backs_off(registry_server, fake_clock):
    registry_server.script("NCT05338450", Reply(429), Reply(503))
    client(registry_server, fake_clock).fetch("NCT05338450")
    assert fake_clock.sleeps == [2.0, 4.0]


def test_429_for_too_long_is_reported_not_slept_through(registry_server, fake_clock):
    registry_server.script("NCT05338450", Reply(429, b"", {"Retry-After": "3600"}))
    with pytest.raises(RegistryRateLimited, match="wait 3600 s"):
        client(registry_server, fake_clock).fetch("NCT05338450")
    assert fake_clock.sleeps == []


def test_429_that_never_ends_gives_up(registry_server, fake_clock):
    registry_server.script("NCT05338450", *[Reply(429, b"", {"Retry-After": "1"})] * 5)
    with pytest.raises(RegistryRateLimited, match="after 2 retries"):
        client(registry_server, fake_clock, max_retries=2).fetch("NCT05338450")
    assert len(registry_server.requests) == 3


def test_retry_after_as_an_http_date():
    assert parse_retry_after("Tue, 01 Dec 2026 09:30:42 GMT", NOW) == 42.0
    assert parse_retry_after("Tue, 01 Dec 2026 09:00:00 GMT", NOW) == 0.0
    assert parse_retry_after("120", NOW) == 120.0
    assert parse_retry_after("soon", NOW) is None and parse_retry_after(None, NOW) is None


def test_a_merged_record_is_followed_by_its_id_through_the_limiter(registry_server, fake_clock):
    merged = (QUIRKS / "merged" / "NCT09999999.json").read_bytes()
    registry_server.script("NCT05338450", Reply(301, b"", {"Location": "/api/v2/studies/NCT09999999"}))
    registry_server.script("NCT09999999", Reply(200, merged))
    fetched = client(registry_server, fake_clock).fetch("NCT05338450")
    assert fetched.redirected_to == "NCT09999999"
    assert registry_server.requests == [STUDY, "/api/v2/studies/NCT09999999"]
    assert fake_clock.sleeps == [1.0]
    assert parse_study(fetched.payload, "NCT05338450", fetched.redirected_to).merged


def test_a_redirect_elsewhere_is_followed_only_by_id_on_our_own_server(registry_server, fake_clock):
    merged = (QUIRKS / "merged" / "NCT09999999.json").read_bytes()
    registry_server.script("NCT05338450", Reply(302, b"", {"Location": "http://elsewhere.invalid/x/NCT09999999"}))
    registry_server.script("NCT09999999", Reply(200, merged))
    client(registry_server, fake_clock).fetch("NCT05338450")
    assert registry_server.requests == [STUDY, "/api/v2/studies/NCT09999999"]


def test_a_redirect_that_names_no_study_is_an_error(registry_server, fake_clock):
    registry_server.script("NCT05338450", Reply(301, b"", {"Location": "/maintenance"}))
    with pytest.raises(RegistryBadResponse, match="names no other study"):
        client(registry_server, fake_clock).fetch("NCT05338450")


def test_not_found_mentions_an_alias_when_the_answer_gives_one(registry_server, fake_clock):
    with pytest.raises(RegistryNotFound, match="no record NCT00000001"):
        client(registry_server, fake_clock).fetch("NCT00000001")
    registry_server.script("NCT05338450", Reply(404, b'{"message": "see NCT09999999"}'))
    with pytest.raises(RegistryNotFound, match="mentions NCT09999999"):
        client(registry_server, fake_clock).fetch("NCT05338450")


def test_an_html_page_where_json_was_expected(registry_server, fake_clock):
    page = (QUIRKS / "html-page" / "NCT05338450.json").read_bytes()
    registry_server.script("NCT05338450", Reply(200, page, {"Content-Type": "text/html; charset=utf-8"}))
    with pytest.raises(
        RegistryBadResponse,
        match=re.escape("HTML page came where JSON was expected: ClinicalTrials.gov is undergoing maintenance"),
    ):
        client(registry_server, fake_clock).fetch("NCT05338450")


def test_an_html_page_served_as_json_is_still_recognised(registry_server, fake_clock):
    registry_server.script("NCT05338450", Reply(200, b"\n<html><title>Proxy error</title></html>"))
    with pytest.raises(RegistryBadResponse, match="Proxy error"):
        client(registry_server, fake_clock).fetch("NCT05338450")


def test_broken_json(registry_server, fake_clock):
    registry_server.script("NCT05338450", Reply(200, b'{"protocolSection": '))
    with pytest.raises(RegistryBadResponse, match="not valid JSON at line 1"):
        client(registry_server, fake_clock).fetch("NCT05338450")


def test_a_server_error_is_reported_with_its_gist(registry_server, fake_clock):
    registry_server.script(
        "NCT05338450", Reply(500, b"<html><title>Internal error</title></html>", {"Content-Type": "text/html"})
    )
    with pytest.raises(RegistryBadResponse, match="HTTP 500: Internal error"):
        client(registry_server, fake_clock).fetch("NCT05338450")


def test_a_slow_server_times_out(registry_server, fake_clock):
    registry_server.script("NCT05338450", Reply(hold=True))
    with pytest.raises(RegistryTimeout, match=re.escape("did not answer within 0.2 s")):
        client(registry_server, fake_clock, timeout=0.2).fetch("NCT05338450")


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_no_network_says_so(fake_clock):
    offline = RegistryClient(
        f"http://127.0.0.1:{closed_port()}/api/v2", limiter=RateLimiter(clock=fake_clock.clock, sleep=fake_clock.sleep)
    )
    with pytest.raises(RegistryUnreachable, match=r"cannot reach 127\.0\.0\.1 .*check the network connection"):
        offline.fetch("NCT05338450")


def test_the_base_address_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv(api.BASE_URL_ENV, "http://127.0.0.1:9/api/v2/")
    assert RegistryClient().base_url == "http://127.0.0.1:9/api/v2"
    monkeypatch.delenv(api.BASE_URL_ENV)
    assert RegistryClient().base_url == "https://clinicaltrials.gov/api/v2"


@pytest.mark.parametrize("address", ["file:///etc", "ftp://example.org/api", "clinicaltrials.gov/api/v2", "http://"])
def test_only_http_addresses(address):
    with pytest.raises(RegistryError, match="must be http"):
        RegistryClient(address)


@pytest.mark.parametrize("bad", ["NCT123", "NCT0204029", "ISRCTN14265371", "NCT02040298/../x", ""])
def test_only_nct_ids_are_asked_for(registry_server, fake_clock, bad):
    with pytest.raises(RegistryError, match=re.escape("not a ClinicalTrials.gov id")):
        client(registry_server, fake_clock).fetch(bad)
    assert registry_server.requests == []


# --- the cache and saved responses -------------------------------------------------------------------------


def test_fetched_responses_are_cached_with_their_date_and_read_back(registry_server, fake_clock, tmp_path):
    cache = tmp_path / "cache" / "registry"
    fetched = client(registry_server, fake_clock, cache_dir=cache).fetch("NCT05338450")
    envelope = json.loads((cache / "NCT05338450.json").read_text(encoding="utf-8"))
    assert envelope["fetched_at"] == "2026-12-01T09:30:00+00:00" and envelope["study"] == fetched.payload
    assert envelope["url"] == fetched.origin
    again = read_saved(cache, "NCT05338450")
    assert (again.payload, again.fetched_at) == (fetched.payload, NOW)
    assert list(cache.iterdir()) == [cache / "NCT05338450.json"]  # no temporary file left behind


def test_a_refetch_replaces_the_cache_entry(registry_server, fake_clock, tmp_path):
    fetcher = client(registry_server, fake_clock, cache_dir=tmp_path)
    fetcher.fetch("NCT05338450")
    registry_server.script("NCT05338450", Reply(200, (SAVED / "drift" / "status" / "NCT05338450.json").read_bytes()))
    fetcher.fetch("NCT05338450")
    study = read_saved(tmp_path, "NCT05338450").payload
    assert study["protocolSection"]["statusModule"]["overallStatus"] == "ACTIVE_NOT_RECRUITING"


def test_a_merged_record_is_cached_under_the_id_asked_for(registry_server, fake_clock, tmp_path):
    registry_server.script("NCT05338450", Reply(301, b"", {"Location": "/api/v2/studies/NCT09999999"}))
    registry_server.script("NCT09999999", Reply(200, (QUIRKS / "merged" / "NCT09999999.json").read_bytes()))
    client(registry_server, fake_clock, cache_dir=tmp_path).fetch("NCT05338450")
    assert read_saved(tmp_path, "NCT05338450").redirected_to == "NCT09999999"


def test_a_cache_that_cannot_be_written_is_a_warning(registry_server, fake_clock, tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    fetched = client(registry_server, fake_clock, cache_dir=blocked / "registry").fetch("NCT05338450")
    assert fetched.payload and "could not cache NCT05338450" in fetched.warnings[0]


def test_read_saved_takes_a_folder_or_a_file(tmp_path: Path):
    assert read_saved(SAVED, "NCT02040298").fetched_at is None
    assert read_saved(SAVED / "NCT02040298.json", "NCT02040298").origin.endswith("NCT02040298.json")
    with pytest.raises(RegistryBadResponse, match="HTML page"):
        read_saved(QUIRKS / "html-page", "NCT05338450")
    (tmp_path / "NCT05338450.json").write_bytes(b"\xff\xfe")
    with pytest.raises(RegistryBadResponse, match="not UTF-8"):
        read_saved(tmp_path, "NCT05338450")
