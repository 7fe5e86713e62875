"""What can go wrong between us and ClinicalTrials.gov, each a `RegistryError` whose message tells a curator what
to do next. None of them is an `OSError`, so the command line never mistakes one for a failed write."""

from __future__ import annotations


class RegistryError(Exception):
    """A registry record could not be had or read; the message is for the curator."""


class RegistryUnreachable(RegistryError):
    """No connection at all (offline, DNS, refused): every further request would fail the same way."""


class RegistryTimeout(RegistryError):
    """The registry did not answer in time."""


class RegistryRateLimited(RegistryError):
    """The registry kept answering 429 (or asked for a longer wait than we are willing to make)."""


class RegistryNotFound(RegistryError):
    """The registry has no record for the id asked (HTTP 404)."""


class RegistryBadResponse(RegistryError):
    """An answer that is not a study record: an HTML page, broken JSON, an unexpected status, another study."""


class NoSavedResponse(RegistryError):
    """Reading saved responses, and there is none for this id."""
