"""Which sessions each offering has, and which offerings the site shows.

Everything is relative to the build date, so a build is reproducible: the same
content and the same build date give the same agenda.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from .model import Catalog, Offering
from .schedule import HORIZON_DAYS, TZ, Session, expand


@dataclass(frozen=True)
class Entry:
    """An offering with its sessions from the build date on."""

    offering: Offering
    sessions: tuple[Session, ...]  # upcoming, cancelled and moved ones included

    @property
    def slug(self) -> str:
        return self.offering.slug

    @property
    def next_session(self) -> Session | None:
        return next((s for s in self.sessions if not s.cancelled), None)

    @property
    def visible(self) -> bool:
        """Shown in listings: not a draft, not called off, and still to come (or by appointment)."""
        return self.offering.is_open and (self.next_session is not None or self.offering.schedule.appointment)


@dataclass(frozen=True)
class Agenda:
    build_date: date
    entries: dict[str, Entry]

    def visible(self) -> list[Entry]:
        return [e for e in self.entries.values() if e.visible]

    def sessions_between(
        self, first: date, last: date, entries: list[Entry] | None = None
    ) -> list[tuple[Session, Entry]]:
        """All sessions (cancelled included) of the given entries from ``first`` to ``last``, in time order."""
        chosen = self.visible() if entries is None else entries
        found = [(s, e) for e in chosen for s in e.sessions if first <= s.start.date() <= last]
        found.sort(key=lambda pair: (pair[0].start, pair[1].slug))
        return found


def build_agenda(catalog: Catalog, build_date: date, horizon_days: int = HORIZON_DAYS) -> Agenda:
    horizon = build_date + timedelta(days=horizon_days)
    start_of_day = datetime.combine(build_date, time(0, 0), tzinfo=TZ)
    entries = {}
    for slug, offering in sorted(catalog.offerings.items()):
        sessions = tuple(
            s for s in expand(offering.schedule, horizon) if s.end > start_of_day and s.start.date() <= horizon
        )
        entries[slug] = Entry(offering=offering, sessions=sessions)
    return Agenda(build_date=build_date, entries=entries)
