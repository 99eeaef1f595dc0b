"""The coordinators' overview: what the network offers where, against what was agreed.

Plain figures from the checked content and the sessions its schedules give,
for the coordinating team (no personal data: the content has none):

- per municipality per month, the past year and the coming months: how many
  different activities took place or are planned, how many sessions, and the
  agreed number (``targets`` in network.yaml) with the shortfall;
- per municipality, how many offers serve each MIND building block and each
  audience, so the empty cells ("witte vlekken") stand out, and this month's
  activities per building block against the numbers agreed for it;
- the groups of each training in those months (the yearly training overview);
- offers of the same kind in the same municipality at the same time;
- listings nobody checked within ``review_after_days``.

An offering only for peer workers or professionals (``display.for_professionals``)
counts for its building block but not in the monthly figures, which are about the
residents' offer; an online offering is counted apart from the municipalities.
Offerings without sessions (by appointment) have no monthly figures, but they do
count for their building blocks and audiences while they are on the site.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import cached_property

from ..loading import vocabulary as v
from ..loading.agenda import Entry
from ..loading.model import FIT_AUDIENCES, Offering, Target
from ..loading.schedule import TZ, Session, expand
from . import display, dutch, urls
from .site_data import JOIN_LABELS, TYPE_LABELS, SiteData

# The months before the build date's month that the overview looks back on, and after it ahead.
MONTHS_BACK = 12
MONTHS_AHEAD = 3
ONLINE = "online"
ONLINE_NAME = "Online"
SHORT_MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
BLOCK_DETAILS = {key: (label, group, explanation) for key, label, group, explanation in v.MIND_BLOCK_DETAILS}


@dataclass(frozen=True)
class Month:
    year: int
    month: int
    coming: bool  # the build date's month or later: planned, not (all) past

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        return dutch.month(self.year, self.month)

    @property
    def short_label(self) -> str:
        """``mrt 2026``: for column headings."""
        return f"{SHORT_MONTHS[self.month - 1]} {self.year}"

    def first_day(self) -> date:
        return date(self.year, self.month, 1)


def months_around(build_date: date, back: int = MONTHS_BACK, ahead: int = MONTHS_AHEAD) -> list[Month]:
    """The ``back`` months before the build date's month, that month, and the ``ahead`` months after it."""
    index = build_date.year * 12 + build_date.month - 1
    return [Month(i // 12, i % 12 + 1, i >= index) for i in range(index - back, index + ahead + 1)]


@dataclass(frozen=True)
class Place:
    """A column of the overview: a municipality, or the online offer."""

    slug: str
    name: str
    target: int | None = None  # activities a month, as agreed
    block_targets: tuple[tuple[str, int], ...] = ()  # (building block, activities a month), as agreed


@dataclass(frozen=True)
class MonthFigure:
    place: Place
    month: Month
    activities: int  # different activities with at least one session that month
    sessions: int  # sessions that take or took place (not cancelled)

    @property
    def shortfall(self) -> int | None:
        """How many activities short of the target; None without a target."""
        if self.place.target is None:
            return None
        return max(0, self.place.target - self.activities)


@dataclass(frozen=True)
class BlockFigure:
    """A municipality's agreed number for one building block, and this month's activities there."""

    place: Place
    block: str
    label: str
    target: int
    activities: int

    @property
    def shortfall(self) -> int:
        return max(0, self.target - self.activities)


@dataclass(frozen=True)
class Spread:
    """A building block or audience: how many offers each place has."""

    key: str
    label: str
    counts: dict[str, int]  # by place slug (municipalities and online)
    group: str = ""  # A, B or C for a building block
    explanation: str = ""

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class TrainingGroup:
    training: str
    title: str
    place: str  # the municipality's name, or Online
    meetings: int  # sessions in the overview's months (not cancelled)
    start: Month
    join: str
    url: str


@dataclass(frozen=True)
class Double:
    place: str
    type_label: str
    first: str
    second: str
    first_url: str
    second_url: str
    times: int  # how many of their coming sessions overlap
    from_day: date  # the first time they do


@dataclass(frozen=True)
class Unchecked:
    title: str
    place: str
    last_checked: date
    days: int
    url: str | None  # its page, if it is on the site
    edit_url: str | None


@dataclass
class Overview:
    build_date: date
    network: str
    review_after_days: int
    months: list[Month]
    places: list[Place]  # the municipalities in the network's order, then Online
    figures: list[MonthFigure]  # per place, per month, in that order
    blocks: list[Spread]
    audiences: list[Spread]
    trainings: list[TrainingGroup]
    doubles: list[Double]
    unchecked: list[Unchecked]
    block_figures: list[BlockFigure] = field(default_factory=list)  # this month, where a block has a target
    # The region's distinct activities per month (an online one counted once).
    region: dict[str, int] = field(default_factory=dict)

    @property
    def municipalities(self) -> list[Place]:
        return [place for place in self.places if place.slug != ONLINE]

    def figure(self, place: str, month: str) -> MonthFigure:
        return self._by_key[(place, month)]

    @cached_property
    def _by_key(self) -> dict[tuple[str, str], MonthFigure]:
        return {(f.place.slug, f.month.key): f for f in self.figures}

    @property
    def this_month(self) -> Month:
        return next(month for month in self.months if month.coming)

    def below_target(self, month: Month) -> list[MonthFigure]:
        return [f for f in self.figures if f.month == month and f.shortfall]

    def missing_blocks(self) -> list[Spread]:
        """The building blocks that no place has any offer for."""
        return [block for block in self.blocks if block.total == 0]


def mind_blocks(offering: Offering, data: SiteData) -> tuple[str, ...]:
    """The MIND building blocks an offering serves: its own, else its training's, else its type's.

    Its audiences may add one (relatives: support for relatives), whichever that is.
    """
    if offering.mind_blocks:
        own: tuple[str, ...] = tuple(offering.mind_blocks)
    else:
        training = display.training_of(offering, data.catalog)
        if training is not None and training.mind_block:
            own = (training.mind_block,)
        else:
            own = v.TYPE_MIND_BLOCKS[display.offering_type(offering)]
    extra = tuple(block for audience in offering.audience for block in v.AUDIENCE_MIND_BLOCKS.get(audience, ()))
    return tuple(dict.fromkeys(own + extra))


def place_of(offering: Offering, data: SiteData) -> str:
    """The slug of the municipality an offering takes place in, or ``online``."""
    return ONLINE if offering.is_online else data.catalog.locations[offering.location].municipality


def build_overview(data: SiteData) -> Overview:
    catalog, agenda = data.catalog, data.agenda
    network = catalog.network
    build_date = agenda.build_date
    months = months_around(build_date)
    places = [_place(network.target(m.slug), m.slug, m.name) for m in network.municipalities]
    places.append(Place(ONLINE, ONLINE_NAME))
    since, after = months[0].first_day(), _next_month(months[-1])
    keys = {(m.year, m.month): m.key for m in months}
    this_month = next(m.key for m in months if m.coming)
    start_of_day = datetime.combine(build_date, time(0, 0), tzinfo=TZ)

    activities: dict[tuple[str, str], int] = defaultdict(int)
    sessions: dict[tuple[str, str], int] = defaultdict(int)
    region: dict[str, int] = defaultdict(int)
    groups: list[TrainingGroup] = []
    blocks: dict[str, dict[str, int]] = {key: defaultdict(int) for key, _ in v.MIND_BLOCKS}
    audiences: dict[str, dict[str, int]] = {key: defaultdict(int) for key, _ in FIT_AUDIENCES}
    blocks_this_month: dict[tuple[str, str], int] = defaultdict(int)
    coming_by_kind: dict[tuple[str, str], list[tuple[Session, Entry]]] = defaultdict(list)
    for entry in agenda.entries.values():
        offering = entry.offering
        if not offering.is_open:
            continue
        where = place_of(offering, data)
        past, coming = _sessions_in(entry, since, after, start_of_day)
        per_month = Counter(keys[(s.start.year, s.start.month)] for s in past)
        per_month.update(keys[(s.start.year, s.start.month)] for s in coming)
        served = mind_blocks(offering, data)
        if this_month in per_month:
            for block in served:
                blocks_this_month[(where, block)] += 1
        if not display.for_professionals(offering, catalog):
            for key, number in per_month.items():
                activities[(where, key)] += 1
                sessions[(where, key)] += number
                region[key] += 1
        if offering.training and per_month:
            groups.append(_training_group(data, entry, past + coming))
        if entry.visible:
            for block in served:
                blocks[block][where] += 1
            for audience in offering.audience:
                if audience in audiences:
                    audiences[audience][where] += 1
            if where != ONLINE and coming:
                coming_by_kind[(where, display.offering_type(offering))].extend((s, entry) for s in coming)

    figures = [
        MonthFigure(place, month, activities[(place.slug, month.key)], sessions[(place.slug, month.key)])
        for place in places
        for month in months
    ]
    groups.sort(key=lambda g: (g.training, g.start.key, g.place, g.title))
    return Overview(
        build_date=build_date,
        network=network.name,
        review_after_days=network.review_after_days,
        months=months,
        places=places,
        figures=figures,
        blocks=[
            Spread(key, BLOCK_DETAILS[key][0], dict(blocks[key]), BLOCK_DETAILS[key][1], BLOCK_DETAILS[key][2])
            for key, _ in v.MIND_BLOCKS
        ],
        audiences=[Spread(key, label, dict(audiences[key])) for key, label in FIT_AUDIENCES],
        trainings=groups,
        doubles=_doubles(data, coming_by_kind),
        unchecked=_unchecked(data),
        region={m.key: region.get(m.key, 0) for m in months},
        block_figures=[
            BlockFigure(place, block, BLOCK_DETAILS[block][0], target, blocks_this_month[(place.slug, block)])
            for place in places
            for block, target in place.block_targets
        ],
    )


def _place(target: Target | None, slug: str, name: str) -> Place:
    if target is None:
        return Place(slug, name)
    blocks = tuple((block.block, block.activities_per_month) for block in target.blocks)
    return Place(slug, name, target.activities_per_month, blocks)


def _next_month(month: Month) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _sessions_in(entry: Entry, since: date, after: date, start_of_day: datetime) -> tuple[list[Session], list[Session]]:
    """The sessions that take or took place from ``since`` to before ``after``: (before the build date, from it on).

    The agenda keeps the sessions that end after the build date began; the schedule
    up to the build date gives the ones before, so none is counted twice.
    """
    build_date = start_of_day.date()
    past = [
        s
        for s in expand(entry.offering.schedule, build_date)
        if s.end <= start_of_day and s.start.date() >= since and not s.cancelled
    ]
    coming = []
    for session in entry.sessions:  # in time order
        if session.start.date() >= after:
            break
        if not session.cancelled:
            coming.append(session)
    return past, coming


def _training_group(data: SiteData, entry: Entry, held: list[Session]) -> TrainingGroup:
    """A group of a training with its sessions in the overview's months (at least one)."""
    offering = entry.offering
    training = data.catalog.trainings[offering.training]  # type: ignore[index]
    first = min(s.start for s in held)
    where = place_of(offering, data)
    return TrainingGroup(
        training=training.title,
        title=display.title(offering, data.catalog),
        place=ONLINE_NAME if where == ONLINE else data.municipality_name(where),
        meetings=len(held),
        start=Month(first.year, first.month, first.date() >= data.agenda.build_date.replace(day=1)),
        join=JOIN_LABELS[offering.join.how],
        url=urls.offering(entry.slug),
    )


def _doubles(data: SiteData, by_kind: dict[tuple[str, str], list[tuple[Session, Entry]]]) -> list[Double]:
    """Pairs of offerings of one type in one municipality whose coming sessions (in the overview's months) overlap."""
    found: list[Double] = []
    for (where, kind), sessions in sorted(by_kind.items()):
        sessions.sort(key=lambda pair: (pair[0].start, pair[1].slug))
        overlaps: dict[tuple[str, str], list[date]] = defaultdict(list)
        running: list[tuple[Session, Entry]] = []
        for session, entry in sessions:
            running = [(s, e) for s, e in running if s.end > session.start]
            for _, other_entry in running:
                if other_entry.slug != entry.slug:
                    pair = tuple(sorted((other_entry.slug, entry.slug)))
                    overlaps[pair].append(session.start.date())  # type: ignore[index]
            running.append((session, entry))
        for (first, second), days in sorted(overlaps.items()):
            found.append(
                Double(
                    place=data.municipality_name(where),
                    type_label=TYPE_LABELS[kind],
                    first=data.cards[first].title,
                    second=data.cards[second].title,
                    first_url=urls.offering(first),
                    second_url=urls.offering(second),
                    times=len(days),
                    from_day=min(days),
                )
            )
    return found


def _unchecked(data: SiteData) -> list[Unchecked]:
    """Listings not checked within ``review_after_days``, the longest ago first."""
    network, build_date = data.network, data.agenda.build_date
    found = []
    for slug, offering in data.catalog.offerings.items():
        if offering.is_draft or not network.review_overdue(offering.last_checked, build_date):
            continue
        where = place_of(offering, data)
        found.append(
            Unchecked(
                title=display.title(offering, data.catalog),
                place=ONLINE_NAME if where == ONLINE else data.municipality_name(where),
                last_checked=offering.last_checked,
                days=(build_date - offering.last_checked).days,
                url=urls.offering(slug),
                edit_url=data.edit_url(offering.source),
            )
        )
    found.sort(key=lambda item: (item.last_checked, item.title))
    return found
