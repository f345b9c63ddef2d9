"""The IRIs of the exported resources, all under one base URI (`--base-uri`)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

from rdflib import URIRef

from datacites_proto.errors import CodedError

# `.invalid` (RFC 2606) never resolves: a catalogue exported without `--base-uri` names its
# resources, but no harvester can fetch anything from a guessed address.
DEFAULT_BASE = "https://datacites.invalid/services/{service_id}/"


def slug(text: str) -> str:
    """A lower-case ASCII slug of `text` (accents dropped), for an IRI's last segment."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def base_uri(text: str | None, service_id: str) -> str:
    """The base URI given (checked: http or https, no query), else the default one."""
    if text is None:
        return DEFAULT_BASE.format(service_id=service_id)
    parts = urlsplit(text.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise CodedError("catalog_export_bad_base_uri", value=text)
    return text.strip() if text.strip().endswith("/") else text.strip() + "/"


@dataclass(frozen=True)
class Uris:
    """Where each resource of a service's catalogue lives."""

    base: str

    def _at(self, path: str) -> URIRef:
        return URIRef(self.base + path)

    @property
    def service(self) -> URIRef:
        return self._at("")

    @property
    def catalog(self) -> URIRef:
        return self._at("catalog")

    @property
    def terms(self) -> URIRef:
        """The ODRL profile of the service: the left operands the standard lacks."""
        return self._at("odrl-profile")

    def term(self, name: str) -> URIRef:
        return self._at(f"odrl-profile#{name}")

    def dataset(self, dataset_id: str) -> URIRef:
        return self._at(f"datasets/{dataset_id}")

    def distribution(self, dataset_id: str) -> URIRef:
        return self._at(f"datasets/{dataset_id}/csv")

    def agent(self, name: str) -> URIRef:
        return self._at(f"agents/{slug(name)}")

    def policy(self, name: str) -> URIRef:
        return self._at(f"agreements/{slug(name)}")

    def contact(self) -> URIRef:
        return self._at("contact")
