"""Identifiers and web addresses: their grammars, canonical links, and which hosts a source may be on.

One table per concern, read by the schema (grammars), the curation rules (hosts), the screens and exports
(canonical links first: `o` opens the registry record or the paper, never a copy of it).
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit


@dataclass(frozen=True)
class Registry:
    """A trial registry: the form of its ids, its own page for an id, and the hosts of its records."""

    name: str
    pattern: re.Pattern[str]
    page: str  # the canonical address, with {id} for the id
    hosts: tuple[str, ...]


REGISTRIES: tuple[Registry, ...] = (
    Registry(
        "ClinicalTrials.gov",
        re.compile(r"^NCT\d{8}$"),
        "https://clinicaltrials.gov/study/{id}",
        ("clinicaltrials.gov", "classic.clinicaltrials.gov"),
    ),
    Registry("ISRCTN", re.compile(r"^ISRCTN\d{8}$"), "https://www.isrctn.com/{id}", ("isrctn.com",)),
    Registry(
        "ANZCTR",
        re.compile(r"^ACTRN\d{14}$"),
        "https://www.anzctr.org.au/{id}.aspx",
        ("anzctr.org.au",),
    ),
    Registry(
        "EudraCT",
        re.compile(r"^\d{4}-\d{6}-\d{2}$"),
        "https://www.clinicaltrialsregister.eu/ctr-search/search?query={id}",
        ("clinicaltrialsregister.eu",),
    ),
    Registry(
        "EU CTR",
        re.compile(r"^\d{4}-\d{6}-\d{2}-\d{2}$"),
        "https://euclinicaltrials.eu/search-for-clinical-trials/?lang=en&EUCT={id}",
        ("euclinicaltrials.eu",),
    ),
    Registry("DRKS", re.compile(r"^DRKS\d{8}$"), "https://drks.de/search/en/trial/{id}", ("drks.de",)),
    Registry(
        "Netherlands Trial Register",
        re.compile(r"^(?:NTR|NL)\d{1,6}$"),
        "https://onderzoekmetmensen.nl/en/trial/{id}",
        ("onderzoekmetmensen.nl", "trialregister.nl"),
    ),
    Registry(
        "ChiCTR",
        re.compile(r"^ChiCTR[-A-Z0-9]{6,20}$"),
        "https://trialsearch.who.int/Trial2.aspx?TrialID={id}",
        ("chictr.org.cn",),
    ),
    Registry(
        "IRCT",
        re.compile(r"^IRCT\d{6,20}N\d{1,3}$"),
        "https://trialsearch.who.int/Trial2.aspx?TrialID={id}",
        ("irct.ir", "irct.behdasht.gov.ir"),
    ),
    Registry(
        "jRCT",
        re.compile(r"^jRCT[a-z]?\d{6,12}$"),
        "https://jrct.niph.go.jp/en-latest-detail/{id}",
        ("jrct.niph.go.jp",),
    ),
    Registry(
        "UMIN-CTR",
        re.compile(r"^UMIN\d{9}$"),
        "https://trialsearch.who.int/Trial2.aspx?TrialID={id}",
        ("umin.ac.jp",),
    ),
    Registry(
        "CTRI",
        re.compile(r"^CTRI/\d{4}/\d{2,3}/\d{6}$"),
        "https://trialsearch.who.int/Trial2.aspx?TrialID={id}",
        ("ctri.nic.in",),
    ),
)
REGISTRY_FORMAT_HELP = (
    "NCT########, ISRCTN########, ACTRN##############, EudraCT NNNN-NNNNNN-NN, "
    "EU CT NNNN-NNNNNN-NN-NN, DRKS########, NTR####/NL####, ChiCTR…, IRCT…N#, jRCT…, UMIN#########, "
    "CTRI/YYYY/MM/NNNNNN"
)
# The WHO portal lists every primary registry's records: an official page for any of them.
WHO_ICTRP_HOSTS = ("trialsearch.who.int", "apps.who.int")
DOI_PAGE = "https://doi.org/{id}"
PUBMED_PAGE = "https://pubmed.ncbi.nlm.nih.gov/{id}/"

DOI_PATTERN = re.compile(r"^10\.\d{4,9}(?:\.\d+)*/[\x21-\x7e]{1,300}$")
PMID_PATTERN = re.compile(r"^[1-9]\d{0,8}$")
# A web address: http(s), a host name (or IP), an optional port, then RFC 3986 characters only.
_URL_CHARS = r"A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%"
URL_PATTERN = re.compile(
    rf"^https?://(?P<host>[A-Za-z0-9.\-]+|\[[0-9A-Fa-f:.]+\])(?::\d{{1,5}})?(?:[/?#][{_URL_CHARS}]*)?$"
)
_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
MAX_URL = 2000


def registry_of(registry_id: str) -> Registry | None:
    """The registry that issues ids of this form, or None if the form is unknown."""
    for registry in REGISTRIES:
        if registry.pattern.match(registry_id):
            return registry
    return None


def registry_name(registry_id: str) -> str | None:
    registry = registry_of(registry_id)
    return registry.name if registry else None


def registry_url(registry_id: str) -> str | None:
    """The registry's own page for an id (ClinicalTrials.gov: https://clinicaltrials.gov/study/NCT…)."""
    registry = registry_of(registry_id)
    return registry.page.format(id=quote(registry_id, safe="")) if registry else None


def doi_url(doi: str) -> str:
    # Characters outside RFC 3986 (e.g. '<' in old SICI DOIs) are percent-encoded, so the link is inert.
    return DOI_PAGE.format(id=quote(doi, safe="/:;()._-"))


def pubmed_url(pmid: str) -> str:
    return PUBMED_PAGE.format(id=pmid)


# --- Grammars (the schema reports these messages) -----------------------------------------------------------


def check_url(value: str) -> str | None:
    """None if `value` is an acceptable web address, else why not."""
    if len(value) > MAX_URL:
        return f"URL is {len(value)} characters, over the {MAX_URL} limit"
    match = URL_PATTERN.match(value)
    if match is None:
        if re.match(r"^https?://[^/?#]*@", value):
            return "a URL must not contain a user name or password (user:pass@)"
        return (
            "malformed URL: expected http:// or https://, a host, then only RFC 3986 characters "
            "(no spaces or control characters; percent-encode anything else)"
        )
    if _PERCENT.search(value):
        return "malformed URL: '%' must start a percent-encoding such as %20"
    return None


def check_doi(value: str) -> str | None:
    if DOI_PATTERN.match(value):
        return None
    return "malformed DOI: expected 10.NNNN/suffix (printable characters, no spaces)"


def check_pmid(value: str) -> str | None:
    return None if PMID_PATTERN.match(value) else "malformed PMID: expected 1 to 9 digits"


def check_registry_id(value: str) -> str | None:
    if registry_of(value):
        return None
    return f"malformed registry id {value!r}: expected one of {REGISTRY_FORMAT_HELP}"


# --- Hosts (the curated-data rules) --------------------------------------------------------------------------


def host_of(url: str) -> str:
    """The host of a URL, lowercased, without a leading 'www.'."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return host.removeprefix("www.")


def _on(host: str, domains: tuple[str, ...]) -> bool:
    return any(host == domain or host.endswith("." + domain) for domain in domains)


def is_registry_host(url: str) -> bool:
    """Whether a URL is on an official registry's own site (or the WHO portal)."""
    host = host_of(url)
    return any(_on(host, registry.hosts) for registry in REGISTRIES) or _on(host, WHO_ICTRP_HOSTS)


# Third-party copies of registry records and of papers: where a fact may have been read (`read_at`),
# never the citation itself (`url`).
MIRROR_HOSTS = (
    "meddatax.com",
    "ctv.veeva.com",
    "trials.co",
    "trialfinderdata.org",
    "crick.ai",
    "clinconnect.io",
    "medifind.com",
    "clinicaltrialexchange.com",
    "ichgcp.net",
    "trial.medpath.com",
    "clincosm.com",
    "inclinicaltrials.com",
    "centerwatch.com",
    "withpower.com",
    "clinicaltrialsgps.com",
    "trialstoday.org",
    "clinicaltrialconnect.com",
    "obesityhealthmatters.com",
    "smartpatients.com",
    "neurotrials.ai",
    "pesquisa.bvsalud.org",
    "suppr.wilddata.cn",
    "acemap.info",
    "aminer.cn",
    "discovery.researcher.life",
    "ouci.dntb.gov.ua",
    "scilit.com",
    "ablesci.com",
    "peeref.com",
    "bohrium.dp.tech",
    "zendy.io",
    "medworm.com",
    "togows.dbcls.jp",
    "cdek.wustl.edu",
    "omicsdi.org",
    "europepmc.org",
    "pmc.ncbi.nlm.nih.gov",
    "ncbi.nlm.nih.gov",
    "scholar.archive.org",
    "mendeley.com",
    "researchgate.net",
    "semanticscholar.org",
    "scite.ai",
    "ai-bt.com",
    "researchsnappy.com",
    "probsee.com",
    "yiyunmed.com",
    "medluna.com",
)
MIRROR_HELP = "a copy of a registry record or paper: cite its registry_id, doi or pmid and give this address as read_at"


@dataclass(frozen=True)
class Unsuitable:
    """A class of hosts a source may not be on at all, and why."""

    why: str
    domains: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()  # a host with one of these as a dot-separated label


UNSUITABLE: tuple[Unsuitable, ...] = (
    Unsuitable("a discussion forum or a proxy of one", ("reddit.com", "redd.it"), ("redlib", "libreddit", "teddit")),
    Unsuitable("a wiki mirror", ("wikiwand.com", "wikizero.com", "wiki.stringtranslate.com", "justapedia.org")),
    Unsuitable(
        "a document-sharing site",
        (
            "scribd.com",
            "docplayer.net",
            "yumpu.com",
            "slideshare.net",
            "pdfcoffee.com",
            "studocu.com",
            "coek.info",
            "dokumen.pub",
            "documents.pub",
            "vdocuments.mx",
            "fdocuments.in",
        ),
    ),
    Unsuitable("a staging or test site", labels=("staging", "stage", "uat", "dev", "test", "preview")),
    Unsuitable(
        "a blog",
        ("blogspot.com", "wordpress.com", "medium.com", "substack.com", "tumblr.com", "blog.swedish.org"),
        ("blogspot",),
    ),
    Unsuitable("a translation or library proxy", ("proxy.weglot.com", "beds.ac.uk", "ezproxy.com")),
    Unsuitable("a link or QR-code shortener", ("vukou.com", "briefly.co", "bit.ly", "tinyurl.com", "t.co")),
)


def unsuitable_reason(url: str) -> str | None:
    """Why a URL's host is not an acceptable place for a source (raw IP, forum, blog…), or None."""
    host = host_of(url)
    try:
        ipaddress.ip_address(host.strip("[]"))
        return "a raw IP address, not a stable site"
    except ValueError:
        pass
    labels = host.split(".")
    for kind in UNSUITABLE:
        if _on(host, kind.domains) or any(label in kind.labels for label in labels[:-1]):
            return kind.why
    return None


def is_mirror(url: str) -> bool:
    return _on(host_of(url), MIRROR_HOSTS)
