"""What each page shows: one typed view per kind of page, made from the site data.

A view holds text ready to print: dates in Dutch, counts with their noun,
addresses of links. The templates only place it in HTML, so what a page
shows can be read (and tested) here. The printable programme and the embed
are in ``programme``, the finder's page in ``finder``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from markupsafe import Markup

from ..loading.agenda import Entry
from ..loading.model import Contact, Location
from ..loading.schedule import is_open_ended
from ..loading.vocabulary import LANGUAGES
from . import display, dutch, filters, news, structured_data, urls
from .site_data import (
    BY_AUDIENCE,
    BY_THEME,
    BY_TYPE,
    JOIN_LABELS,
    LED_BY_LABELS,
    TYPE_LABELS,
    Card,
    Grouping,
    SessionView,
    SiteData,
    rhythm,
)

# How many sessions an offering page lists; the feed has them all.
SESSIONS_SHOWN = 12
# How many sessions the home page shows for "this week".
HOME_SESSIONS = 12
# A type, audience or theme page with more activities than this lists only the
# municipalities with their numbers, each a link to the finder with both chosen:
# in a national network one theme can hold thousands, far too many for one page.
LISTING_CARDS = 150
# With more places than this the locations page lists municipalities instead.
HUB_LOCATIONS = 300
# The coming days a municipality page lists day by day.
MUNICIPALITY_DAYS = 14
# The home page carries the ends of at most this many sessions it does not show, so that
# its script can count how many of them are still to come (beyond it, the count stays as built).
HOME_MORE_COUNTED = 120


# --- parts that several pages show --------------------------------------------------


@dataclass
class Link:
    label: str
    url: str


# The button that puts one activity (or one list) in your calendar, once.
DOWNLOAD_LABEL = "Zet in mijn agenda"


@dataclass
class Subscription:
    """A feed offered twice: to download once, and to subscribe to (the calendar keeps it up to date)."""

    download_url: str  # relative to the site
    webcal_url: str  # absolute, for the calendar app
    what: str  # "Abonneer je op ..."
    address: str  # absolute, https: to copy into an app that subscribes
    download_label: str = DOWNLOAD_LABEL

    @classmethod
    def to(cls, data: SiteData, feed: str, what: str, download_label: str = DOWNLOAD_LABEL) -> Subscription:
        address = data.network.site_url + feed
        return cls(feed, re.sub(r"^https?://", "webcal://", address), what, address, download_label)


@dataclass
class DayItem:
    session: SessionView
    card: Card


@dataclass
class Day:
    """The sessions of one day."""

    day: str
    iso_date: str
    items: list[DayItem]


# Offers for peer workers and other professionals: after the residents' offer, under this heading.
PROFESSIONALS_HEADING = "Voor ervaringswerkers en professionals"
PROFESSIONALS_INTRO = (
    "Deze activiteiten zijn voor mensen die werken als ervaringswerker of in zorg en welzijn,"
    " betaald of als vrijwilliger."
)


@dataclass
class ProfessionalsSection:
    """What a list page shows apart, after the residents' offer (display.for_professionals).

    A page that lists cards fills ``cards``; a page that lists sessions
    (the home page's week) fills ``items``. ``count`` is how many offerings.
    """

    count: int
    count_text: str
    cards: list[Card] = field(default_factory=list)
    items: list[DayItem] = field(default_factory=list)
    heading: str = PROFESSIONALS_HEADING
    intro: str = PROFESSIONALS_INTRO

    @classmethod
    def of_cards(cls, cards: list[Card]) -> ProfessionalsSection | None:
        """None when there are none: the page then has no such section."""
        return cls(len(cards), count_text(len(cards)), cards=cards) if cards else None


def updated_text(build_date: date) -> str:
    """``Bijgewerkt op maandag 23 november.``: when the lists were made, for a reader without JavaScript.

    The build knows its day, not its hour (``HERSTELNETWERK_BUILD_DATE``, else today in the
    Netherlands), so the same content and day give the same page.
    """
    return f"Bijgewerkt op {dutch.day(build_date)}."


def count_text(count: int) -> str:
    """``1 activiteit``, ``3 activiteiten``."""
    return dutch.count(count, "activiteit", "activiteiten")


def _cards(data: SiteData, slugs: list[str]) -> list[Card]:
    """Cards sorted by their next session, soonest first."""
    cards = [data.cards[s] for s in slugs]
    cards.sort(key=lambda c: (c.next_session.iso_date if c.next_session else "9999", c.title))
    return cards


def _links(data: SiteData, grouping: Grouping, keys: list[str]) -> list[Link]:
    return [Link(data.label(grouping, key), grouping.url(key)) for key in keys]


def week_groups(data: SiteData, entries: list[Entry], days: int = MUNICIPALITY_DAYS) -> list[Day]:
    """Sessions of the next ``days`` days, grouped per day."""
    first = data.agenda.build_date
    groups: dict[str, Day] = {}
    for session, entry in data.agenda.sessions_between(first, first + timedelta(days=days - 1), entries):
        key = session.start.date().isoformat()
        group = groups.setdefault(key, Day(dutch.day(session.start), key, []))
        group.items.append(DayItem(SessionView.of(session), data.cards[entry.slug]))
    return list(groups.values())


# --- locations ----------------------------------------------------------------------


@dataclass
class Fact:
    """A fact about access: there is (``ok``) or there is not."""

    ok: bool
    text: str


@dataclass
class LocationSummary:
    """A location as an activity page and its own page show it."""

    url: str
    name: str
    address: str
    postcode: str
    place: str
    municipality: str
    municipality_url: str
    facts: list[Fact]
    access_note: str | None
    directions: str | None


ACCESS_FACTS = (
    ("step_free", "Drempelvrije ingang", "De ingang heeft een drempel of trap"),
    ("accessible_toilet", "Aangepast toilet", "Geen aangepast toilet"),
    ("hearing_loop", "Ringleiding", "Geen ringleiding"),
    ("quiet_room", "Stille ruimte om even bij te komen", None),
)


def location_summary(data: SiteData, location: Location) -> LocationSummary:
    access = location.accessibility
    facts = []
    for name, yes, no in ACCESS_FACTS:
        flag = getattr(access, name)
        if flag is True:
            facts.append(Fact(True, yes))
        elif flag is False and no:
            facts.append(Fact(False, no))
    return LocationSummary(
        url=urls.location(location.slug),
        name=location.name,
        address=location.address,
        postcode=location.postcode,
        place=data.town(location),
        municipality=data.municipality_name(location.municipality),
        municipality_url=urls.municipality(location.municipality),
        facts=facts,
        access_note=access.note,
        directions=location.directions,
    )


@dataclass
class LocationView:
    location: LocationSummary
    cards: list[Card]  # for residents
    professionals: ProfessionalsSection | None
    edit_url: str | None
    updated: str
    structured_data: Markup  # JSON-LD, ready for its script element


def location_page(data: SiteData, slug: str) -> LocationView:
    location = data.catalog.locations[slug]
    here = data.by_location.get(slug, [])
    return LocationView(
        location_summary(data, location),
        _cards(data, data.for_residents(here)),
        ProfessionalsSection.of_cards(_cards(data, data.for_professionals(here))),
        data.edit_url(location.source),
        updated_text(data.agenda.build_date),
        structured_data.script_text(structured_data.location_data(data, slug)),
    )


# --- an offering --------------------------------------------------------------------


@dataclass
class ContactView:
    role: str
    email: str | None
    phone: str | None
    phone_url: str | None  # tel:0330000000

    @classmethod
    def of(cls, contact: Contact) -> ContactView:
        phone_url = "tel:" + contact.phone.replace(" ", "") if contact.phone else None
        return cls(contact.role, contact.email, contact.phone, phone_url)


@dataclass
class JoinView:
    walk_in: bool
    how_label: str
    contact: ContactView | None
    url: str | None
    deadline: str | None
    note: str | None


@dataclass
class BreakView:
    first: str
    until: str
    reason: str | None


@dataclass
class OfferingView:
    title: str
    summary: str
    description: str | None  # Markdown
    type_label: str
    status: str
    visible: bool
    rhythm: str
    open_ended: bool
    appointment: bool  # no dates: you make an appointment
    group: str | None  # "6 tot 8 deelnemers. ..."
    stay: str | None  # where one sleeps, when one stays the night
    sessions: list[SessionView]
    more_sessions: int
    breaks: list[BreakView]
    location: LocationSummary | None
    online: bool
    training: Link | None
    join: JoinView
    cost: str
    free: bool
    first_time: str | None  # Markdown
    audience: list[Link]
    languages: str | None  # only when it is not just Dutch
    subscription: Subscription | None
    edit_url: str | None
    structured_data: Markup  # JSON-LD, ready for its script element


def offering_page(data: SiteData, slug: str) -> OfferingView:
    catalog = data.catalog
    entry = data.agenda.entries[slug]
    offering = entry.offering
    training = display.training_of(offering, catalog)
    location = None if offering.is_online else catalog.locations[offering.location]
    join = offering.join
    contact = catalog.network.contacts.get(join.contact) if join.contact else None
    title = display.title(offering, catalog)
    return OfferingView(
        title=title,
        summary=display.summary(offering, catalog),
        description=display.description(offering, catalog),
        type_label=TYPE_LABELS[display.offering_type(offering)],
        status=offering.status,
        visible=entry.visible,
        rhythm=rhythm(offering),
        open_ended=is_open_ended(offering.schedule),
        appointment=offering.schedule.appointment,
        group=group_text(
            offering.min_participants or (training.min_participants if training else None),
            offering.max_participants or (training.max_participants if training else None),
        ),
        stay=offering.stay,
        sessions=[SessionView.of(s) for s in entry.sessions[:SESSIONS_SHOWN]],
        more_sessions=max(0, len(entry.sessions) - SESSIONS_SHOWN),
        breaks=[
            BreakView(dutch.day(b.first, year=True), dutch.day(b.until, year=True), b.reason)
            for b in offering.schedule.breaks
            if b.until >= data.agenda.build_date
        ],
        location=location_summary(data, location) if location else None,
        online=offering.is_online,
        training=Link(training.title, urls.training(training.slug)) if training else None,
        join=JoinView(
            walk_in=offering.is_walk_in,
            how_label=JOIN_LABELS[join.how],
            contact=ContactView.of(contact) if contact else None,
            url=join.url,
            deadline=dutch.day(join.deadline, year=True) if join.deadline else None,
            note=join.note,
        ),
        cost=offering.cost,
        free=offering.is_free,
        first_time=offering.first_time,
        audience=_links(data, BY_AUDIENCE, offering.audience),
        languages=None if offering.languages == ["nl"] else ", ".join(LANGUAGES[code] for code in offering.languages),
        subscription=Subscription.to(data, urls.feed("activiteiten", slug), "deze activiteit")
        if entry.visible and not offering.schedule.appointment
        else None,
        edit_url=data.edit_url(offering.source),
        structured_data=structured_data.script_text(structured_data.offering_data(data, slug)),
    )


# --- a municipality -----------------------------------------------------------------


@dataclass
class Sharing:
    """What a municipality page offers to take along: printable programmes, the embed, the feed."""

    programmes: list[Link]
    embed_code: str
    feed_url: str


@dataclass
class MunicipalityView:
    name: str
    finder_url: str
    quick: list[Link]  # the finder with the questions residents ask most already chosen
    days: list[Day]  # for residents, as ``cards`` and ``online``
    cards: list[Card]
    online: list[Card]
    professionals: ProfessionalsSection | None  # here and online
    locations: list[LocationSummary]
    subscription: Subscription
    sharing: Sharing
    updated: str


def quick_searches(slug: str) -> list[Link]:
    """One tap from a municipality's page to what residents ask most: today, this week, and
    this week where one can just walk in for free."""
    here = (filters.MUNICIPALITY, slug)
    week = (filters.WHEN, filters.THIS_WEEK)
    return [
        Link("Vandaag", filters.finder_url(here, (filters.WHEN, filters.TODAY))),
        Link("Deze week", filters.finder_url(here, week)),
        Link(
            "Deze week gewoon binnenlopen, gratis",
            filters.finder_url(here, week, (filters.WALK_IN, filters.YES), (filters.FREE, filters.YES)),
        ),
    ]


def municipality_page(data: SiteData, slug: str, sharing: Sharing) -> MunicipalityView:
    local_slugs = data.by_municipality.get(slug, [])
    online_slugs = data.online_for.get(slug, [])
    entries = [data.agenda.entries[s] for s in data.for_residents(data.entries_for(slug))]
    name = data.municipality_name(slug)
    return MunicipalityView(
        name=name,
        finder_url=filters.finder_url((filters.MUNICIPALITY, slug)),
        quick=quick_searches(slug),
        days=week_groups(data, entries),
        cards=_cards(data, data.for_residents(local_slugs)),
        online=_cards(data, data.for_residents(online_slugs)),
        professionals=ProfessionalsSection.of_cards(_cards(data, data.for_professionals(local_slugs + online_slugs))),
        locations=[location_summary(data, loc) for loc in data.locations_in.get(slug, [])],
        subscription=Subscription.to(data, urls.feed("gemeenten", slug), "alles in " + name),
        sharing=sharing,
        updated=updated_text(data.agenda.build_date),
    )


# --- a training ---------------------------------------------------------------------


@dataclass
class VariantView:
    name: str
    description: str | None  # Markdown
    length: str | None  # "4 dagdelen", when it differs from the training's


@dataclass
class TrainingView:
    title: str
    summary: str
    description: str | None  # Markdown
    length: str | None  # "8 bijeenkomsten van 150 minuten", "4 dagdelen"
    group: str | None  # "6 tot 10 deelnemers. De groep start bij 6 aanmeldingen."
    led_by: str | None
    audience: list[Link]
    prerequisites: list[Link]
    recommended: list[Link]  # good to follow first, "of iets vergelijkbaars"
    variants: list[VariantView]
    extra_meetings: str | None
    runs: list[Card]  # for residents
    professionals: ProfessionalsSection | None
    subscription: Subscription
    edit_url: str | None
    updated: str
    structured_data: Markup  # JSON-LD, ready for its script element


def meeting_length(minutes: int | None) -> str | None:
    """``2 uur`` or ``90 minuten``."""
    if not minutes:
        return None
    return f"{minutes // 60} uur" if minutes % 60 == 0 else f"{minutes} minuten"


def length_text(meetings: int | None, half_days: int | None, minutes: int | None = None) -> str | None:
    """``8 bijeenkomsten van 2 uur``, ``4 dagdelen`` (a morning or an afternoon each)."""
    if half_days:
        return dutch.count(half_days, "dagdeel", "dagdelen")
    if not meetings:
        return None
    text = dutch.count(meetings, "bijeenkomst", "bijeenkomsten")
    each = meeting_length(minutes)
    return f"{text} van {each}" if each else text


def group_text(smallest: int | None, largest: int | None) -> str | None:
    """``6 tot 8 deelnemers. De groep start bij 6 aanmeldingen.``; ``Hooguit 12 deelnemers.``"""
    parts = []
    if smallest and largest:
        parts.append(f"{smallest} tot {largest} deelnemers." if smallest < largest else f"{largest} deelnemers.")
    elif largest:
        parts.append(f"Hooguit {largest} deelnemers.")
    if smallest:
        parts.append(f"De groep start bij {dutch.count(smallest, 'aanmelding', 'aanmeldingen')}.")
    return " ".join(parts) or None


def training_page(data: SiteData, slug: str) -> TrainingView:
    training = data.catalog.trainings[slug]
    trainings = data.catalog.trainings
    runs = data.by_training.get(slug, [])
    return TrainingView(
        title=training.title,
        summary=training.summary,
        description=training.description,
        length=length_text(training.meetings, training.half_days, training.meeting_minutes),
        group=group_text(training.min_participants, training.max_participants),
        led_by=LED_BY_LABELS[training.led_by] if training.led_by else None,
        audience=_links(data, BY_AUDIENCE, training.audience),
        prerequisites=[Link(trainings[p].title, urls.training(p)) for p in training.prerequisites],
        recommended=[Link(trainings[p].title, urls.training(p)) for p in training.recommended],
        variants=[VariantView(v.name, v.description, length_text(v.meetings, v.half_days)) for v in training.variants],
        extra_meetings=training.extra_meetings,
        runs=_cards(data, data.for_residents(runs)),
        professionals=ProfessionalsSection.of_cards(_cards(data, data.for_professionals(runs))),
        subscription=Subscription.to(data, urls.feed("trainingen", slug), "deze training"),
        edit_url=data.edit_url(training.source),
        updated=updated_text(data.agenda.build_date),
        structured_data=structured_data.script_text(structured_data.training_data(data, slug)),
    )


# --- a type, audience or theme ------------------------------------------------------


@dataclass
class ListingGroup:
    """The activities of one municipality (or online) on a listing page."""

    name: str
    count: int
    cards: list[Card]  # empty on a compact page
    url: str | None = None  # compact: the finder with this municipality chosen


@dataclass
class ListingView:
    label: str
    count: int  # for residents, as ``groups``
    count_text: str
    lead: str  # how many there are, for residents and apart
    compact: bool  # too many for one page: municipalities with their numbers
    finder: str | None
    groups: list[ListingGroup]
    professionals: ProfessionalsSection | None  # no cards on a compact page
    subscription: Subscription | None
    updated: str


def listing_lead(residents: int, professionals: int) -> str:
    """``5 activiteiten in de regio.``, and how many more there are under their own heading."""
    if professionals and not residents:
        return f"{count_text(professionals)} in de regio, voor ervaringswerkers en professionals."
    lead = f"{count_text(residents)} in de regio."
    if professionals:
        verb = "staat" if professionals == 1 else "staan"
        lead += f" Verderop {verb} ook {count_text(professionals)} voor ervaringswerkers en professionals."
    return lead


def listing_page(data: SiteData, grouping: Grouping, key: str) -> ListingView:
    """A page for one type, audience or theme: its cards grouped per municipality, the professionals' apart."""
    every = data.in_grouping(grouping, key)
    slugs = data.for_residents(every)
    apart = data.for_professionals(every)
    by_name: dict[str, list[str]] = defaultdict(list)
    for slug in slugs:
        by_name[data.cards[slug].municipality or "Online"].append(slug)
    ordered = sorted(by_name, key=lambda name: (name == "Online", name))
    label = data.label(grouping, key)
    subscription = (
        Subscription.to(data, urls.feed(grouping.feed_folder, key), "dit thema") if grouping.feed_folder else None
    )
    compact = len(every) > LISTING_CARDS
    if compact:
        groups = [
            ListingGroup(name, len(by_name[name]), [], _finder_url(data, grouping, key, by_name[name][0]))
            for name in ordered
        ]
    else:
        groups = [ListingGroup(name, len(by_name[name]), _cards(data, by_name[name])) for name in ordered]
    professionals = None
    if apart:
        professionals = ProfessionalsSection(len(apart), count_text(len(apart)))
        if not compact:
            professionals.cards = _cards(data, apart)
    return ListingView(
        label=label,
        count=len(slugs),
        count_text=count_text(len(slugs)),
        lead=listing_lead(len(slugs), len(apart)),
        compact=compact,
        finder=filters.finder_url((grouping.filter, key)) if compact else None,
        groups=groups,
        professionals=professionals,
        subscription=subscription,
        updated=updated_text(data.agenda.build_date),
    )


def _finder_url(data: SiteData, grouping: Grouping, key: str, example: str) -> str:
    """The finder with this type, audience or theme chosen, and the municipality of ``example`` (or online)."""
    offering = data.agenda.entries[example].offering
    if offering.is_online:
        return filters.finder_url((grouping.filter, key), (filters.ONLINE, filters.YES))
    return filters.finder_url(
        (grouping.filter, key), (filters.MUNICIPALITY, data.catalog.locations[offering.location].municipality)
    )


# --- the hand-written overview pages ------------------------------------------------


@dataclass
class HomeView:
    name: str
    tagline: str | None
    intro: str | None  # Markdown from network.yaml; None: the template's general welcome
    region: str
    this_week: list[DayItem]  # for residents
    more_this_week: int  # for residents, not shown for lack of room
    more_text: str  # "4 andere activiteiten"
    more_ends: str | None  # when those end, space-separated (None: too many to carry)
    professionals: ProfessionalsSection | None  # their sessions this week
    municipalities: list[Link]
    updated: str
    news: news.NewsSummary | None = None  # the latest item


def home_page(data: SiteData) -> HomeView:
    first = data.agenda.build_date
    week = data.agenda.sessions_between(first, first + timedelta(days=6))
    soon = [DayItem(SessionView.of(s), data.cards[e.slug]) for s, e in week if not s.cancelled]
    residents = [item for item in soon if not item.card.for_professionals]
    apart = [item for item in soon if item.card.for_professionals][:HOME_SESSIONS]
    offerings = len({item.card.slug for item in apart})
    more = residents[HOME_SESSIONS:]
    network = data.network
    return HomeView(
        name=network.name,
        tagline=network.tagline,
        intro=network.intro,
        region=network.region,
        this_week=residents[:HOME_SESSIONS],
        more_this_week=len(more),
        more_text=dutch.count(len(more), "andere activiteit", "andere activiteiten"),
        more_ends=" ".join(item.session.end for item in more) if len(more) <= HOME_MORE_COUNTED else None,
        professionals=ProfessionalsSection(offerings, count_text(offerings), items=apart) if apart else None,
        municipalities=[Link(m.name, urls.municipality(m.slug)) for m in data.network.municipalities],
        updated=updated_text(first),
        news=news.latest(data),
    )


@dataclass
class HubItem:
    label: str
    url: str
    count: int
    count_text: str
    summary: str | None = None


@dataclass
class HubView:
    items: list[HubItem]


def _item(label: str, url: str, count: int, summary: str | None = None) -> HubItem:
    return HubItem(label, url, count, count_text(count), summary)


def municipalities_hub(data: SiteData) -> HubView:
    return HubView(
        [
            _item(m.name, urls.municipality(m.slug), len(data.for_residents(data.by_municipality.get(m.slug, []))))
            for m in data.network.municipalities
        ]
    )


def _residents_or_all(data: SiteData, slugs: list[str]) -> int:
    """The residents' offer among ``slugs``; all of them when none is for residents (a training for peer workers)."""
    return len(data.for_residents(slugs)) or len(slugs)


def trainings_hub(data: SiteData) -> HubView:
    trainings = sorted(data.catalog.trainings.values(), key=lambda t: t.title.lower())
    return HubView(
        [
            _item(t.title, urls.training(t.slug), _residents_or_all(data, data.by_training.get(t.slug, [])), t.summary)
            for t in trainings
        ]
    )


def locations_hub(data: SiteData) -> HubView:
    if len(data.catalog.locations) > HUB_LOCATIONS:
        # Thousands of places in a national network: per municipality, whose page lists its places.
        return HubView(
            [
                _item(
                    m.name,
                    urls.municipality(m.slug) + "#plekken",
                    len(data.for_residents(data.by_municipality.get(m.slug, []))),
                    dutch.count(len(places), "plek", "plekken"),
                )
                for m in data.network.municipalities
                if (places := data.locations_in.get(m.slug))
            ]
        )
    locations = sorted(data.catalog.locations.values(), key=lambda loc: (loc.municipality, loc.name))
    return HubView(
        [
            _item(
                loc.name,
                urls.location(loc.slug),
                len(data.for_residents(data.by_location.get(loc.slug, []))),
                data.municipality_name(loc.municipality),
            )
            for loc in locations
        ]
    )


@dataclass
class OfferSection:
    id: str
    title: str
    items: list[HubItem]  # only the values that have activities


@dataclass
class OfferView:
    sections: list[OfferSection]


OFFER_SECTIONS = (
    (BY_TYPE, "soort", "Wat wil je doen?"),
    (BY_AUDIENCE, "voor-wie", "Voor wie?"),
    (BY_THEME, "thema", "Waar wil je aan werken?"),
)


def offer_page(data: SiteData) -> OfferView:
    """What there is to do, by type, by audience and by theme.

    Each value counts the residents' offer, as its page does. A value with only
    professionals' offers (peer workers' intervision) counts those: its page is all theirs.
    """
    sections = []
    for grouping, anchor, title in OFFER_SECTIONS:
        items = []
        for key, label in data.choices(grouping):
            if count := _residents_or_all(data, data.in_grouping(grouping, key)):
                items.append(_item(label, grouping.url(key), count))
        sections.append(OfferSection(anchor, title, items))
    return OfferView(sections)


@dataclass
class AboutView:
    name: str
    region: str
    about: str | None  # Markdown from network.yaml; None: the template's general text
    municipalities: str  # "Baarn, Eemnes en Soest"
    contact: ContactView  # the network's own
    new_offering_url: str | None
    # Whether the pages of offerings link to their file in the web editor (the page says so only then).
    edit_links: bool


def about_page(data: SiteData) -> AboutView:
    network = data.network
    return AboutView(
        name=network.name,
        region=network.region,
        about=network.about,
        municipalities=dutch.join([m.name for m in network.municipalities]),
        contact=ContactView.of(network.contacts[network.contact]),
        new_offering_url=data.new_offering_url(),
        edit_links=data.edit_folder is not None,
    )


@dataclass
class CalendarView:
    region: str
    subscription: Subscription  # everything in the region: its buttons say so, unlike an activity's


def calendar_page(data: SiteData) -> CalendarView:
    everything = f"alle activiteiten in de regio {data.network.region}"
    return CalendarView(
        data.network.region,
        Subscription.to(data, urls.feed("alles"), everything, download_label=f"Zet {everything} in mijn agenda"),
    )
