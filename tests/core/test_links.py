"""Identifiers and web addresses (`tui/core/links.py`): registries and their canonical pages, DOI and
PubMed links, the grammars the loader enforces, and the host classes the curation rules use; and which
link a source opens."""

from __future__ import annotations

import pytest

from tui.core import links, model

# --- registries ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("registry_id", "name", "url"),
    [
        ("NCT02040298", "ClinicalTrials.gov", "https://clinicaltrials.gov/study/NCT02040298"),
        ("ISRCTN12345678", "ISRCTN", "https://www.isrctn.com/ISRCTN12345678"),
        ("ACTRN12617000123456", "ANZCTR", "https://www.anzctr.org.au/ACTRN12617000123456.aspx"),
        (
            "2012-000001-11",
            "EudraCT",
            "https://www.clinicaltrialsregister.eu/ctr-search/search?query=2012-000001-11",
        ),
        (
            "2023-500001-12-00",
            "EU CTR",
            "https://euclinicaltrials.eu/search-for-clinical-trials/?lang=en&EUCT=2023-500001-12-00",
        ),
        ("DRKS00012345", "DRKS", "https://drks.de/search/en/trial/DRKS00012345"),
        ("NTR1234", "Netherlands Trial Register", "https://onderzoekmetmensen.nl/en/trial/NTR1234"),
        ("NL12345", "Netherlands Trial Register", "https://onderzoekmetmensen.nl/en/trial/NL12345"),
        ("ChiCTR2000029999", "ChiCTR", "https://trialsearch.who.int/Trial2.aspx?TrialID=ChiCTR2000029999"),
        ("ChiCTR-IOR-17011234", "ChiCTR", "https://trialsearch.who.int/Trial2.aspx?TrialID=ChiCTR-IOR-17011234"),
        ("IRCT20190916044774N1", "IRCT", "https://trialsearch.who.int/Trial2.aspx?TrialID=IRCT20190916044774N1"),
        ("jRCTs031180001", "jRCT", "https://jrct.niph.go.jp/en-latest-detail/jRCTs031180001"),
        ("UMIN000012345", "UMIN-CTR", "https://trialsearch.who.int/Trial2.aspx?TrialID=UMIN000012345"),
        # The slashes of a CTRI id are percent-encoded: the id stays one query value.
        ("CTRI/2019/05/019234", "CTRI", "https://trialsearch.who.int/Trial2.aspx?TrialID=CTRI%2F2019%2F05%2F019234"),
    ],
)
def test_registry_name_and_canonical_page(registry_id, name, url):
    assert links.registry_name(registry_id) == name
    assert links.registry_url(registry_id) == url
    assert links.check_registry_id(registry_id) is None
    assert links.check_url(url) is None  # every canonical page is itself a valid address


@pytest.mark.parametrize(
    "registry_id",
    ["", "NCT123", "nct02040298", "NCT020402981", "ISRCTN1234", "12345", "2012-00001-11", "NCT0204029 8", "not-an-id"],
)
def test_unknown_registry_id_forms(registry_id):
    assert links.registry_name(registry_id) is None
    assert links.registry_url(registry_id) is None
    message = links.check_registry_id(registry_id)
    assert message is not None and message.startswith(f"malformed registry id {registry_id!r}: expected one of NCT")


# --- DOI and PubMed ------------------------------------------------------------------------------------------


def test_doi_and_pubmed_links():
    assert links.doi_url("10.1016/S0140-6736(17)32346-2") == "https://doi.org/10.1016/S0140-6736(17)32346-2"
    assert links.pubmed_url("29029896") == "https://pubmed.ncbi.nlm.nih.gov/29029896/"


def test_a_doi_with_characters_outside_rfc_3986_is_percent_encoded():
    # Old SICI DOIs contain '<' and '>': the link must still be an inert, valid address.
    url = links.doi_url("10.1002/(SICI)1097-4679(199711)53:7<657::AID-JCLP3>3.0.CO;2-F")
    assert url == "https://doi.org/10.1002/(SICI)1097-4679(199711)53:7%3C657::AID-JCLP3%3E3.0.CO;2-F"
    assert links.check_url(url) is None


@pytest.mark.parametrize(
    ("doi", "ok"),
    [
        ("10.1000/x", True),
        ("10.1016/S0140-6736(17)32346-2", True),
        ("10.1212/NXI.0000000000000123", True),
        ("10.1000.10/x", True),  # a registrant code with a sub-division
        ("10.12/x", False),  # registrant code too short
        ("10.1000/", False),
        ("10.1000/a b", False),
        ("doi:10.1000/x", False),
        ("https://doi.org/10.1000/x", False),
        ("10.1000/é", False),
        ("10.1000/x\u202e", False),
        ("11.1000/x", False),
    ],
)
def test_doi_grammar(doi, ok):
    message = links.check_doi(doi)
    assert (message is None) is ok
    if not ok:
        assert message == "malformed DOI: expected 10.NNNN/suffix (printable characters, no spaces)"


@pytest.mark.parametrize(
    ("pmid", "ok"),
    [("1", True), ("29029896", True), ("123456789", True), ("0123", False), ("1234567890", False),
     ("12a", False), ("", False), ("1 2", False), ("١٢٣", False), ("+123", False)],
)  # fmt: skip
def test_pmid_grammar(pmid, ok):
    message = links.check_pmid(pmid)
    assert (message is None) is ok
    if not ok:
        assert message == "malformed PMID: expected 1 to 9 digits"


# --- URL grammar -----------------------------------------------------------------------------------------------

MALFORMED = (
    "malformed URL: expected http:// or https://, a host, then only RFC 3986 characters "
    "(no spaces or control characters; percent-encode anything else)"
)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org",
        "http://example.org/a?b=c#d",
        "https://rd.springer.com/article/10.1007%2Fs00415-019-09421-x",
        "https://example.org:8080/x",
        "https://example.org/a;b=c,d/(e)!$&'*+~",
        "https://[2001:db8::1]/path",
    ],
)
def test_valid_urls(url):
    assert links.check_url(url) is None


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "ftp://example.org/file",
        "data:text/html,<script>",
        "https://",
        "example.org",
        "//example.org/x",
        "https://example.org/two words",
        "https://example.org/tab\there",
        "https://example.org/é",  # IRI characters must be percent-encoded
        "https://example.org/<script>",
        'https://example.org/"quoted"',
        "https://example.org/a{b}",
        "https://example.org/a|b",
        "https://example.org/a\\b",
        "https://example.org/a^b",
        "https://example.org/`x`",
        "https://example.org/x\u202ey",
        "https://exam ple.org/",
        "https://exa_mple.org/",
    ],
)
def test_urls_outside_the_grammar_are_refused(url):
    assert links.check_url(url) == MALFORMED


@pytest.mark.parametrize(
    "url", ["https://user:pass@example.org/", "https://user@example.org", "http://a:b@evil.example@good.example/"]
)
def test_user_info_is_refused(url):
    assert links.check_url(url) == "a URL must not contain a user name or password (user:pass@)"


@pytest.mark.parametrize("url", ["https://example.org/a%2", "https://example.org/a%zz", "https://example.org/100%"])
def test_a_percent_sign_must_start_an_escape(url):
    assert links.check_url(url) == "malformed URL: '%' must start a percent-encoding such as %20"


def test_an_overlong_url_is_refused():
    url = "https://example.org/" + "a" * links.MAX_URL
    assert links.check_url(url) == f"URL is {len(url)} characters, over the {links.MAX_URL} limit"


# --- hosts -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://www.ClinicalTrials.gov/study/NCT1", "clinicaltrials.gov"),
        ("https://example.org.:443/x", "example.org"),
        ("https://[2001:db8::1]/x", "2001:db8::1"),
    ],
)
def test_host_of(url, host):
    assert links.host_of(url) == host


@pytest.mark.parametrize(
    ("url", "official"),
    [
        ("https://clinicaltrials.gov/study/NCT02040298", True),
        ("https://classic.clinicaltrials.gov/ct2/show/NCT02040298", True),
        ("https://www.isrctn.com/ISRCTN12345678", True),
        ("https://trialsearch.who.int/Trial2.aspx?TrialID=X", True),
        ("https://www.clinicaltrialsregister.eu/ctr-search/x", True),
        ("https://ctv.veeva.com/study/x", False),
        ("https://clinicaltrials.gov.evil.example/x", False),
        ("https://notclinicaltrials.gov/x", False),
    ],
)
def test_official_registry_hosts(url, official):
    assert links.is_registry_host(url) is official


@pytest.mark.parametrize(
    ("url", "mirror"),
    [
        ("https://ctv.veeva.com/study/x", True),
        ("https://www.meddatax.com/x", True),
        ("https://pmc.ncbi.nlm.nih.gov/articles/PMC1/", True),
        ("https://europepmc.org/article/MED/1", True),
        ("https://www.researchgate.net/publication/1", True),
        ("https://www.thelancet.com/journals/x", False),
        ("https://clinicaltrials.gov/study/NCT1", False),
    ],
)
def test_mirror_hosts(url, mirror):
    assert links.is_mirror(url) is mirror


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("https://192.168.0.1/x", "a raw IP address, not a stable site"),
        ("https://[2001:db8::1]/x", "a raw IP address, not a stable site"),
        ("https://old.reddit.com/r/ms", "a discussion forum or a proxy of one"),
        ("https://redlib.example.net/r/ms", "a discussion forum or a proxy of one"),
        ("https://www.wikiwand.com/en/x", "a wiki mirror"),
        ("https://www.scribd.com/document/1", "a document-sharing site"),
        ("https://coek.info/pdf-1", "a document-sharing site"),
        ("https://staging.example.org/", "a staging or test site"),
        ("https://uat.sponsor.com/x", "a staging or test site"),
        ("https://www.stage.sponsor.com/x", "a staging or test site"),
        ("https://someone.blogspot.com/x", "a blog"),
        ("https://medium.com/@x/y", "a blog"),
        ("https://proxy.weglot.com/x", "a translation or library proxy"),
        ("https://0-www-x.beds.ac.uk/y", "a translation or library proxy"),
        ("https://vukou.com/x", "a link or QR-code shortener"),
        ("https://bit.ly/x", "a link or QR-code shortener"),
    ],
)
def test_unsuitable_hosts(url, why):
    assert links.unsuitable_reason(url) == why


@pytest.mark.parametrize(
    "url",
    [
        "https://www.thelancet.com/x",
        "https://clinicaltrials.gov/study/NCT1",
        "https://example.org/staging/page",  # the word in a path is not a host
        "https://developer.example.org/",  # "dev" only as a whole label
        "https://www.stagecoach.com/",
    ],
)
def test_ordinary_hosts_are_suitable(url):
    assert links.unsuitable_reason(url) is None


# --- which link a source opens ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "canonical", "link"),
    [
        # The registry's own page beats a copy's address, whatever else is given.
        (
            model.Source("registry", "x", registry_id="NCT02040298", read_at="https://ctv.veeva.com/study/NCT02040298"),
            "https://clinicaltrials.gov/study/NCT02040298",
            "https://clinicaltrials.gov/study/NCT02040298",
        ),
        (
            model.Source("publication", "x", doi="10.1000/x", pmid="1", url="https://journal.example/x"),
            "https://doi.org/10.1000/x",
            "https://doi.org/10.1000/x",
        ),
        (
            model.Source("publication", "x", pmid="123", read_at="https://pmc.ncbi.nlm.nih.gov/articles/PMC1/"),
            "https://pubmed.ncbi.nlm.nih.gov/123/",
            "https://pubmed.ncbi.nlm.nih.gov/123/",
        ),
        (model.Source("news", "x", url="https://news.example/x"), "https://news.example/x", "https://news.example/x"),
        # Only where it was read: that is the link, but not the canonical one.
        (model.Source("other", "x", read_at="https://copy.example/x"), None, "https://copy.example/x"),
        (model.Source("other", "x"), None, None),
    ],
)
def test_source_link_prefers_the_canonical_link_over_read_at(source, canonical, link):
    assert source.canonical_link == canonical
    assert source.link == link


def test_a_registry_id_of_unknown_form_falls_back_to_the_doi_or_url():
    source = model.Source("registry", "x", registry_id="NCT1", url="https://registry.example/1")
    assert source.canonical_link == "https://registry.example/1"


def test_fixture_sources_open_their_originals(mini_dataset):
    alpha = mini_dataset.by_id["alpha"]
    assert [s.link for s in alpha.sources] == [
        "https://clinicaltrials.gov/study/NCT00000001",
        "https://doi.org/10.1000/fixture.3",  # not the mirror it was read at
    ]
    assert alpha.sources[1].read_at == "https://example.org/mirror/fixture-3"
