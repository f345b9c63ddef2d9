"""Comparison with similar collectivités, never a ranking: population-weighted cells that
stay hidden unless at least 3 other collectivités fill them and none outweighs the rest."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from datacites_proto.i18n.formatting import Formatter

# INSEE's rule for business tables: a cell needs MIN_PEERS units and none may weigh more
# than DOMINANCE of it, or a reader could work out one unit's figure.
MIN_PEERS = 3
DOMINANCE = 0.85
TOO_FEW = "assessment_peers_too_few"
DOMINANT = "assessment_peers_dominant"

# (id, lowest population included, highest excluded); the ids name the bands in files.
BANDS: tuple[tuple[str, int, float], ...] = (
    ("lt3500", 0, 3_500),
    ("3500_10000", 3_500, 10_000),
    ("10000_50000", 10_000, 50_000),
    ("50000_100000", 50_000, 100_000),
    ("ge100000", 100_000, math.inf),
)
BAND_IDS = tuple(b[0] for b in BANDS)
STATUSES = ("commune", "epci", "departement", "region", "autre")


def population_band(population: int) -> str:
    """The id of the population band of `population` (a band includes its lower bound)."""
    for band, low, high in BANDS:
        if low <= population < high:
            return band
    return BANDS[0][0]  # a negative figure is a mistake the importer reports; never crash


def band_label(band: str, lang: str = "fr") -> str:
    """A band's range for people, in the locale's numbers: « 3 500 – 10 000 », « < 3 500 »."""
    found = next(((low, high) for b, low, high in BANDS if b == band), None)
    if found is None:
        return band
    fmt = Formatter(lang)
    low, high = found
    if low == 0:
        return f"< {fmt.number(high)}"
    if high == math.inf:
        return f"≥ {fmt.number(low)}"
    return f"{fmt.number(low)} – {fmt.number(high)}"


@dataclass(frozen=True)
class PeerEdition:
    """One submitted edition of another collectivité: its theme levels for one year."""

    collectivite: str  # INSEE (commune) or SIREN (EPCI…) code
    name: str
    status: str
    population: int
    year: int
    questionnaire: str
    levels: dict[str, float] = field(default_factory=dict)

    @property
    def band(self) -> str:
        return population_band(self.population)


@dataclass(frozen=True)
class Cell:
    """A peer figure for one theme: its mean when shown, why not otherwise."""

    shown: bool
    reason: str | None  # a message code when hidden
    n: int  # how many other collectivités fill the cell
    mean: float | None  # the population-weighted mean level; None when hidden


def _level(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None


def cell_members(
    peers: Iterable[PeerEdition],
    own_code: str | None,
    status: str | None,
    band: str | None,
    year: int,
    theme: str,
    questionnaire: str | None = None,
) -> dict[str, tuple[int, float]]:
    """The other collectivités of the cell: code -> (population, level of `theme`)."""
    members: dict[str, tuple[int, float]] = {}
    for peer in peers:
        if peer.collectivite == own_code or peer.status != status or peer.year != year:
            continue
        if questionnaire is not None and peer.questionnaire != questionnaire:
            continue
        if peer.population <= 0 or peer.band != band:
            continue
        level = _level(peer.levels.get(theme))
        if level is None:
            continue
        # One collectivité counts once, whatever a file repeats (its last edition wins).
        members[peer.collectivite] = (peer.population, level)
    return members


def peer_cell(
    peers: Iterable[PeerEdition],
    own_code: str | None,
    status: str | None,
    band: str | None,
    year: int,
    theme: str,
    *,
    questionnaire: str | None = None,
) -> Cell:
    """The peers' population-weighted level of `theme`, shown only when no one is exposed."""
    members = cell_members(peers, own_code, status, band, year, theme, questionnaire)
    n = len(members)
    if n < MIN_PEERS:
        return Cell(shown=False, reason=TOO_FEW, n=n, mean=None)
    total = sum(pop for pop, _ in members.values())
    if any(pop > DOMINANCE * total for pop, _ in members.values()):
        return Cell(shown=False, reason=DOMINANT, n=n, mean=None)
    mean = sum(pop * level for pop, level in members.values()) / total
    return Cell(shown=True, reason=None, n=n, mean=mean)


def peer_cells(
    peers: Iterable[PeerEdition],
    own_code: str | None,
    status: str | None,
    band: str | None,
    year: int,
    themes: Iterable[str],
    *,
    questionnaire: str | None = None,
) -> Mapping[str, Cell]:
    """`peer_cell` for each theme, in the order given."""
    listed = list(peers)
    return {
        theme: peer_cell(listed, own_code, status, band, year, theme, questionnaire=questionnaire)
        for theme in themes
    }
