"""The content model: what a network, location, training and offering are.

Each field declares its kind and Dutch help text with ``spec``; the validator
and the JSON Schema are both derived from these declarations.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from datetime import date, time
from functools import cached_property
from pathlib import Path

from . import vocabulary as v
from .fields import (
    Boolean,
    Choice,
    Color,
    Coordinates,
    Date,
    Either,
    Email,
    Integer,
    ListOf,
    Markdown,
    NetworkChoice,
    Pattern,
    Phone,
    Postcode,
    SearchWord,
    Slug,
    Text,
    Time,
    Url,
    spec,
)

ONLINE = "online"
# The lists of network.yaml that add values to a fixed list, and the fields that take them.
AUDIENCE_LIST, THEME_LIST = "audiences", "themes"
AUDIENCE = NetworkChoice(v.AUDIENCES, extra=AUDIENCE_LIST)
THEME = NetworkChoice(v.THEMES, extra=THEME_LIST)


@dataclass(frozen=True)
class MapOf:
    """A block whose names are chosen by the author (like contact keys)."""

    value: type


# --- network --------------------------------------------------------------


@dataclass
class Municipality:
    slug: str = spec(
        Slug("de gemeente-code"),
        "Code",
        "Korte code in kleine letters, voor in webadressen.",
        required=True,
        example="amersfoort",
    )
    name: str = spec(Text(80), "Naam", "De naam van de gemeente.", required=True, example="Amersfoort")
    centre: tuple[float, float] | None = spec(
        Coordinates(), "Midden", "Het midden van de gemeente, voor 'bij mij in de buurt'.", example=[52.1561, 5.3878]
    )


@dataclass
class Contact:
    role: str = spec(
        Text(120),
        "Rol",
        "Een functie of team, nooit de naam van een persoon.",
        required=True,
        example="Aanmelden trainingen",
    )
    email: str | None = spec(
        Email,
        "E-mail",
        "Het e-mailadres van de rol, geen persoonlijk adres.",
        example="trainingen@herstelnetwerk.example.org",
    )
    phone: str | None = spec(Phone, "Telefoon", "Het algemene telefoonnummer van de rol.", example="033 000 00 00")


@dataclass
class Repository:
    edit_url: str = spec(
        Url,
        "Bewerk-adres",
        "Webadres van de web-editor; het pad van het bestand komt erachter.",
        required=True,
        example="https://github.com/herstelnetwerk/site/edit/main/",
    )
    new_file_url: str | None = spec(
        Url,
        "Nieuw-bestand-adres",
        "Webadres om een nieuw bestand te maken; de map komt erachter.",
        example="https://github.com/herstelnetwerk/site/new/main/",
    )
    folder: str | None = spec(
        Pattern(
            r"\.|[A-Za-z0-9_-][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*",
            "Schrijf het pad van de map in de opslagplaats, zoals activities, of een punt (.) als de map "
            "met de inhoud bovenaan staat.",
            200,
        ),
        "Map in de opslagplaats",
        "Waar de map met network.yaml in de opslagplaats staat, zoals activities; een punt (.) als hij "
        "bovenaan staat. Weglaten: de site zoekt het zelf uit git, en anders: bovenaan.",
        example="activities",
    )


# A picture in the content folder: a path of lower-case names, checked further when the content is loaded
# (it must stay in the folder and be a safe .svg or .png: ``loading/pictures.py``).
PICTURE = Pattern(
    r"[a-z0-9_-][a-z0-9_.-]*(?:/[a-z0-9_-][a-z0-9_.-]*)*\.(?:svg|png)",
    "Geef het pad van een .svg- of .png-bestand in de map met de inhoud, zoals assets/logo.svg.",
    120,
)


@dataclass
class Brand:
    logo: str | None = spec(
        PICTURE,
        "Logo",
        "Pad naar het logo (.svg of .png) in de map met de inhoud, naast network.yaml.",
        example="assets/logo.svg",
    )
    favicon: str | None = spec(
        PICTURE,
        "Pictogram",
        "Pad naar het pictogram in het tabblad van de browser (.svg of .png). Weglaten: het logo.",
        example="assets/logo.svg",
    )
    primary_color: str = spec(
        Color,
        "Hoofdkleur",
        "Kleur van de balk bovenaan; witte tekst moet er goed op leesbaar zijn. Weglaten: een rustig grijsblauw.",
        default="#3b4a59",
        example="#1d5c63",
    )
    accent_color: str = spec(
        Color,
        "Accentkleur",
        "Kleur van links en knoppen; moet goed leesbaar zijn op wit.",
        default="#9c4a1a",
        example="#9c4a1a",
    )


@dataclass
class OwnAudience:
    slug: str = spec(
        Slug("de doelgroep-code"), "Code", "Korte code in kleine letters.", required=True, example="medewerkers"
    )
    label: str = spec(Text(80), "Naam", "Zo staat de doelgroep op de website.", required=True, example="Medewerkers")
    for_professionals: bool | None = spec(
        Boolean(),
        "Voor professionals",
        "ja: mensen die het werk doen (betaald of als vrijwilliger), geen bewoners. Aanbod alleen voor hen "
        "staat op de website apart, onder 'Voor ervaringswerkers en professionals'.",
        example="nee",
    )


@dataclass
class BlockTarget:
    block: str = spec(
        Choice(v.MIND_BLOCKS), "Bouwsteen", "De MIND-bouwsteen van de afspraak.", required=True, example="naastensteun"
    )
    activities_per_month: int = spec(
        Integer(0, 10_000),
        "Activiteiten per maand",
        "Hoeveel verschillende activiteiten bij deze bouwsteen er elke maand minstens zijn.",
        required=True,
        example=1,
    )


@dataclass
class OwnTheme:
    slug: str = spec(
        Slug("de thema-code"), "Code", "Korte code in kleine letters.", required=True, example="werk-en-scholing"
    )
    label: str = spec(Text(80), "Naam", "Zo staat het thema op de website.", required=True, example="Werk en scholing")


@dataclass
class Target:
    municipality: str = spec(
        Slug("de gemeente"),
        "Gemeente",
        "De code van de gemeente uit de lijst municipalities.",
        required=True,
        example="amersfoort",
    )
    activities_per_month: int = spec(
        Integer(0, 10_000),
        "Activiteiten per maand",
        "Hoeveel verschillende activiteiten er elke maand minstens in deze gemeente zijn, zoals afgesproken.",
        required=True,
        example=15,
    )
    blocks: list[BlockTarget] = spec(
        ListOf(BlockTarget, max_items=20),
        "Per bouwsteen",
        "Afspraken voor één of meer MIND-bouwstenen, als die er zijn.",
        default_factory=list,
    )


@dataclass
class Network:
    name: str = spec(Text(100), "Naam", "De naam van het netwerk.", required=True, example="Herstelnetwerk Eemland")
    region: str = spec(Text(80), "Regio", "De naam van de regio.", required=True, example="Eemland")
    site_url: str = spec(
        Url,
        "Webadres",
        "Het adres van de website.",
        required=True,
        example="https://herstelnetwerk-eemland.example.org/",
    )
    contact: str = spec(
        Slug("de contact-code"),
        "Contact",
        "De code van het eigen contact van het netwerk (uit contacts).",
        required=True,
        example="coordinatie",
    )
    contacts: dict[str, Contact] = spec(
        MapOf(Contact), "Contacten", "Rollen die je kunt bereiken. Nooit namen van personen.", required=True
    )
    municipalities: list[Municipality] = spec(
        ListOf(Municipality, max_items=400), "Gemeenten", "De gemeenten van de regio.", required=True
    )
    tagline: str | None = spec(Text(200), "Ondertitel", "Eén zin over het netwerk, bovenaan de startpagina.")
    intro: str | None = spec(
        Markdown(3000),
        "Welkom",
        "De tekst bovenaan de startpagina, onder de ondertitel. Weglaten: een korte algemene tekst met de regio.",
    )
    about: str | None = spec(
        Markdown(),
        "Over het netwerk",
        "De tekst van de pagina 'Over het netwerk': wie meedoen, wat het netwerk wil. "
        "Het contact van het netwerk en de uitleg over privacy staan er vanzelf onder.",
    )
    audiences: list[OwnAudience] = spec(
        ListOf(OwnAudience, max_items=30),
        "Eigen doelgroepen",
        "Doelgroepen die het netwerk zelf toevoegt aan de vaste lijst, met hun naam op de website.",
        default_factory=list,
    )
    themes: list[OwnTheme] = spec(
        ListOf(OwnTheme, max_items=30),
        "Eigen thema's",
        "Thema's die het netwerk zelf toevoegt aan de vaste lijst, met hun naam op de website.",
        default_factory=list,
    )
    repository: Repository | None = spec(Repository, "Opslagplaats", "Waar de bestanden online te bewerken zijn.")
    brand: Brand = spec(Brand, "Huisstijl", "Logo en kleuren.", default_factory=Brand)
    review_after_days: int = spec(
        Integer(7, 3650),
        "Controleren na (dagen)",
        "Na hoeveel dagen een activiteit opnieuw gecontroleerd moet worden.",
        default=180,
        example=180,
    )
    open_data_licence: str = spec(
        Choice(v.OPEN_DATA_LICENCES),
        "Licentie open data",
        "Onder welke licentie anderen het aanbod mogen overnemen (pagina Open data).",
        default="cc-by-4.0",
        example="cc-by-4.0",
    )
    targets: list[Target] = spec(
        ListOf(Target, max_items=400),
        "Doelen",
        "De afgesproken aantallen per gemeente. Het overzicht voor het coördinatieteam laat zien waar het aanbod "
        "eronder blijft.",
        default_factory=list,
    )

    def review_overdue(self, last_checked: date, today: date) -> bool:
        """Whether a listing last checked on ``last_checked`` should have been checked again by ``today``."""
        return (today - last_checked).days > self.review_after_days

    def target(self, municipality: str) -> Target | None:
        return next((target for target in self.targets if target.municipality == municipality), None)

    def municipality(self, slug: str) -> Municipality | None:
        return self._by_slug.get(slug)

    # The value lists with the network's own additions, in the order the site lists them.
    @cached_property
    def audience_choices(self) -> tuple[tuple[str, str], ...]:
        return v.AUDIENCES + tuple((own.slug, own.label) for own in self.audiences)

    @cached_property
    def theme_choices(self) -> tuple[tuple[str, str], ...]:
        return v.THEMES + tuple((own.slug, own.label) for own in self.themes)

    @cached_property
    def professional_audiences(self) -> frozenset[str]:
        return v.PROFESSIONAL_AUDIENCES | {own.slug for own in self.audiences if own.for_professionals}

    def extra_choices(self) -> dict[str, tuple[tuple[str, str], ...]]:
        """The network's own values for ``NetworkChoice`` fields, by list name."""
        return {
            AUDIENCE_LIST: tuple((own.slug, own.label) for own in self.audiences),
            THEME_LIST: tuple((own.slug, own.label) for own in self.themes),
        }

    @cached_property
    def _by_slug(self) -> dict[str, Municipality]:
        # Made at the first lookup: the list is complete by then (it is not changed after loading).
        by_slug: dict[str, Municipality] = {}
        for municipality in self.municipalities:
            by_slug.setdefault(municipality.slug, municipality)  # a slug listed twice: the first, as in the list
        return by_slug


# --- locations -------------------------------------------------------------


@dataclass
class Accessibility:
    step_free: bool | None = spec(Boolean(), "Drempelvrij", "Kun je zonder traptreden naar binnen?", example="ja")
    accessible_toilet: bool | None = spec(
        Boolean(), "Aangepast toilet", "Is er een toilet voor rolstoelgebruikers?", example="ja"
    )
    hearing_loop: bool | None = spec(
        Boolean(), "Ringleiding", "Is er een ringleiding voor mensen met een hoortoestel?", example="nee"
    )
    quiet_room: bool | None = spec(
        Boolean(), "Stille ruimte", "Is er een rustige ruimte om even bij te komen?", example="ja"
    )
    note: str | None = spec(Text(300, multiline=True), "Toelichting", "Wat verder goed is om te weten.")


@dataclass
class Location:
    name: str = spec(Text(100), "Naam", "De naam van de plek.", required=True, example="Buurthuis De Koppeling")
    address: str = spec(Text(120), "Adres", "Straat en huisnummer.", required=True, example="Stationsstraat 12")
    postcode: str = spec(Postcode, "Postcode", "De postcode.", required=True, example="3811 AB")
    municipality: str = spec(
        Slug("de gemeente"),
        "Gemeente",
        "De code van de gemeente uit network.yaml.",
        required=True,
        example="amersfoort",
    )
    place: str | None = spec(
        Text(80), "Plaats", "De woonplaats, als die anders is dan de gemeente.", example="Hoogland"
    )
    coordinates: tuple[float, float] | None = spec(
        Coordinates(), "Coördinaten", "Breedtegraad en lengtegraad.", example=[52.155, 5.379]
    )
    accessibility: Accessibility = spec(
        Accessibility, "Toegankelijkheid", "Hoe toegankelijk de plek is.", default_factory=Accessibility
    )
    directions: str | None = spec(Markdown(1000), "Hoe kom je er", "Bus, parkeren, welke deur.")
    slug: str = ""
    source: Path | None = None


# --- trainings ---------------------------------------------------------------


@dataclass
class Variant:
    name: str = spec(
        Text(100), "Naam", "De naam van de variant.", required=True, example="Tweedaagse intensieve training"
    )
    description: str | None = spec(Markdown(1000), "Beschrijving", "Wat anders is aan deze variant.")
    meetings: int | None = spec(
        Integer(1, 100), "Aantal bijeenkomsten", "Alleen als het anders is dan bij de training.", example=2
    )
    half_days: int | None = spec(
        Integer(1, 100), "Aantal dagdelen", "In plaats van bijeenkomsten: hoeveel dagdelen.", example=4
    )


@dataclass
class Training:
    title: str = spec(Text(100), "Titel", "De naam van de training.", required=True, example="WRAP")
    summary: str = spec(Text(200), "Samenvatting", "Eén zin over de training.", required=True)
    description: str | None = spec(Markdown(), "Beschrijving", "Wat je doet en wat het je brengt.")
    meetings: int | None = spec(
        Integer(1, 100), "Aantal bijeenkomsten", "Hoeveel keer de groep bij elkaar komt.", example=8
    )
    half_days: int | None = spec(
        Integer(1, 100),
        "Aantal dagdelen",
        "In plaats van bijeenkomsten: hoeveel dagdelen (een ochtend of middag; een hele dag is twee dagdelen).",
        example=4,
    )
    meeting_minutes: int | None = spec(
        Integer(15, 600), "Duur (minuten)", "Hoe lang één bijeenkomst duurt.", example=150
    )
    min_participants: int | None = spec(
        Integer(1, 500),
        "Minimaal aantal deelnemers",
        "De groep start pas als zoveel mensen zich hebben aangemeld.",
        example=6,
    )
    max_participants: int | None = spec(
        Integer(1, 500), "Maximaal aantal deelnemers", "Hoeveel mensen er mee kunnen doen.", example=12
    )
    led_by: str | None = spec(Choice(v.LED_BY), "Begeleiding", "Wie de training geeft.", example="ervaringsdeskundigen")
    audience: list[str] = spec(
        ListOf(AUDIENCE),
        "Voor wie",
        "Voor wie de training is: uit de lijst, of een eigen doelgroep uit network.yaml.",
        default_factory=lambda: ["iedereen"],
    )
    prerequisites: list[str] = spec(
        ListOf(Slug("de training")), "Eerst gevolgd", "Trainingen die je eerst moet volgen.", default_factory=list
    )
    recommended: list[str] = spec(
        ListOf(Slug("de training")),
        "Goed om eerst te volgen",
        "Trainingen die je beter eerst volgt, of iets vergelijkbaars (geen harde eis).",
        default_factory=list,
    )
    themes: list[str] = spec(
        ListOf(THEME),
        "Thema's",
        "Dimensies van positieve gezondheid, of eigen thema's uit network.yaml.",
        default_factory=list,
    )
    mind_block: str | None = spec(Choice(v.MIND_BLOCKS), "Bouwsteen", "MIND-bouwsteen voor herstel en participatie.")
    variants: list[Variant] = spec(
        ListOf(Variant, max_items=10), "Varianten", "Andere vormen van dezelfde training.", default_factory=list
    )
    extra_meetings: str | None = spec(Text(300), "Extra bijeenkomst", "Bijvoorbeeld een terugkomdag met certificaat.")
    slug: str = ""
    source: Path | None = None


# --- offerings ---------------------------------------------------------------


@dataclass
class Cancellation:
    date: dt.date = spec(Date(), "Datum", "De datum die niet doorgaat.", required=True, example="2027-01-05")
    reason: str | None = spec(Text(120), "Reden", "Waarom het niet doorgaat.", example="Studiedag")


@dataclass
class Move:
    date: dt.date = spec(Date(), "Oorspronkelijke datum", "De datum waarop het eerst gepland stond.", required=True)
    to: dt.date = spec(Date(), "Nieuwe datum", "De datum waarop het nu is.", required=True)
    start: time | None = spec(Time(), "Nieuwe begintijd", "Alleen als de tijd ook verandert.", example="13:00")
    end: time | None = spec(Time(), "Nieuwe eindtijd", "Alleen als de tijd ook verandert.", example="15:00")
    reason: str | None = spec(Text(120), "Reden", "Waarom het verplaatst is.")


@dataclass
class Break:
    first: date = spec(Date(), "Vanaf", "Eerste dag van de pauze.", required=True, example="2026-12-21", key="from")
    until: date = spec(Date(), "Tot en met", "Laatste dag van de pauze.", required=True, example="2027-01-03")
    reason: str | None = spec(Text(120), "Reden", "Bijvoorbeeld Kerstvakantie.", example="Kerstvakantie")


@dataclass
class SessionDetail:
    """What one session of a rule or a dates list has of its own: a topic, a note, other hours."""

    date: dt.date = spec(Date(), "Datum", "De datum van de bijeenkomst (zoals het rooster hem geeft).", required=True)
    title: str | None = spec(
        Text(100), "Onderwerp", "Het onderwerp of de naam van deze bijeenkomst.", example="Terugkombijeenkomst"
    )
    note: str | None = spec(Text(300), "Toelichting", "Wat er bij deze bijeenkomst anders is of goed is om te weten.")
    start: time | None = spec(Time(), "Begintijd", "Alleen als deze bijeenkomst op een andere tijd begint.")
    end: time | None = spec(Time(), "Eindtijd", "Alleen als deze bijeenkomst op een andere tijd afloopt.")


@dataclass
class AddedSession:
    """A session outside the rule, such as a make-up meeting."""

    date: dt.date = spec(Date(), "Datum", "De datum van de extra bijeenkomst.", required=True, example="2027-03-16")
    start: time | None = spec(Time(), "Begintijd", "Alleen als die anders is dan de gewone begintijd.")
    end: time | None = spec(Time(), "Eindtijd", "Alleen als die anders is dan de gewone eindtijd.")
    title: str | None = spec(Text(100), "Onderwerp", "Bijvoorbeeld Inhaalbijeenkomst.", example="Inhaalbijeenkomst")
    note: str | None = spec(Text(300), "Toelichting", "Wat goed is om te weten over deze bijeenkomst.")


@dataclass
class Schedule:
    start: time | None = spec(
        Time(), "Begintijd", "Hoe laat het begint (op afspraak: vanaf hoe laat je terecht kunt).", example="10:00"
    )
    end: time | None = spec(
        Time(), "Eindtijd", "Hoe laat het afloopt (bij meer dagen: op de laatste dag).", example="12:00"
    )
    appointment: bool = spec(
        Boolean(),
        "Op afspraak",
        "ja: er zijn geen vaste data; je maakt een afspraak via het contact bij 'join'.",
        default=False,
        example="ja",
    )
    dates: list[date] = spec(
        ListOf(Date(), max_items=200),
        "Data",
        "De data van de bijeenkomsten (bij een cursus of eenmalige bijeenkomst).",
        default_factory=list,
    )
    repeat: str | None = spec(Choice(v.REPEATS), "Herhaling", "Hoe vaak het terugkomt.", example="wekelijks")
    days: list[str] = spec(
        ListOf(Choice(v.SCHEDULE_DAYS), max_items=7),
        "Dag",
        "Op welke dag van de week; meer dagen als lijst ([dinsdag, donderdag]), of werkdagen.",
        default_factory=list,
        example="dinsdag",
        key="day",
    )
    interval: int | None = spec(
        Integer(1, 8),
        "Om de hoeveel weken",
        "Alleen bij wekelijks: 3 is om de drie weken (weglaten is elke week).",
        example=3,
    )
    week: str | None = spec(
        Choice(v.WEEKS_OF_MONTH), "Week van de maand", "Alleen bij maandelijks: 1, 2, 3, 4 of laatste.", example="1"
    )
    first: date | None = spec(Date(), "Vanaf", "De eerste keer.", example="2026-09-01", key="from")
    until: date | None = spec(Date(), "Tot en met", "De laatste dag (mag je weglaten).", example="2027-06-30")
    count: int | None = spec(
        Integer(1, 200), "Aantal keer", "Hoeveel bijeenkomsten in totaal (in plaats van tot en met).", example=8
    )
    nights: int | None = spec(
        Integer(1, 30),
        "Nachten",
        "Alleen als je blijft slapen: hoeveel nachten. De begintijd is op de eerste dag, de eindtijd op de laatste.",
        example=4,
    )
    sessions: list[SessionDetail] = spec(
        ListOf(SessionDetail, max_items=200),
        "Bijeenkomsten apart",
        "Bijeenkomsten met een eigen onderwerp, toelichting of tijd.",
        default_factory=list,
    )
    added: list[AddedSession] = spec(
        ListOf(AddedSession, max_items=50),
        "Extra bijeenkomsten",
        "Bijeenkomsten buiten het vaste ritme, zoals een inhaalbijeenkomst.",
        default_factory=list,
    )
    cancelled: list[Cancellation] = spec(
        ListOf(Either(Date(), Cancellation, "date"), max_items=200),
        "Gaat niet door",
        "Data die niet doorgaan.",
        default_factory=list,
    )
    moved: list[Move] = spec(
        ListOf(Move, max_items=100), "Verplaatst", "Bijeenkomsten op een andere dag of tijd.", default_factory=list
    )
    breaks: list[Break] = spec(
        ListOf(Break, max_items=50),
        "Pauzes",
        "Periodes zonder bijeenkomsten, zoals een vakantie.",
        default_factory=list,
    )

    @cached_property
    def weekdays(self) -> tuple[int, ...]:
        """The rule's weekdays, 0 for Monday, in week order (``werkdagen`` is Monday to Friday)."""
        numbers = {n for day in self.days for n in v.WEEKDAY_NUMBERS.get(day, v.WORKING_DAYS)}
        return tuple(sorted(numbers))

    @property
    def times(self) -> tuple[time, time]:
        """Start and end of a schedule with dates (the loader makes sure both are there)."""
        assert self.start is not None and self.end is not None
        return self.start, self.end


@dataclass
class Join:
    how: str = spec(
        Choice(v.JOIN_HOW), "Hoe doe je mee", "binnenlopen of aanmelden.", required=True, example="binnenlopen"
    )
    contact: str | None = spec(
        Slug("de contact-code"), "Contact", "De code van een contact uit network.yaml.", example="coordinatie"
    )
    url: str | None = spec(Url, "Aanmeldpagina", "Webadres om je aan te melden.")
    deadline: date | None = spec(Date(), "Aanmelden voor", "Tot wanneer je je kunt aanmelden.")
    note: str | None = spec(Text(300, multiline=True), "Toelichting", "Wat verder goed is om te weten over meedoen.")


@dataclass
class Offering:
    schedule: Schedule = spec(Schedule, "Wanneer", "Wanneer het plaatsvindt.", required=True)
    location: str = spec(
        Slug("de locatie"),
        "Locatie",
        "De code van een locatie (bestandsnaam zonder .yaml), of online.",
        required=True,
        example="de-koppeling",
    )
    join: Join = spec(Join, "Meedoen", "Hoe je mee kunt doen.", required=True)
    last_checked: date = spec(
        Date(),
        "Gecontroleerd op",
        "Wanneer iemand deze gegevens voor het laatst heeft nagekeken.",
        required=True,
        example="2026-11-01",
    )
    training: str | None = spec(
        Slug("de training"), "Training", "De code van een training, als dit een training is.", example="wrap"
    )
    variant: str | None = spec(
        Text(100),
        "Variant",
        "Alleen bij een training met varianten: de naam van de variant (zoals in de training).",
        example="Vijfdaagse retraite",
    )
    title: str | None = spec(
        Text(100), "Titel", "De naam van de activiteit (mag weg bij een training).", example="Inloop De Koppeling"
    )
    summary: str | None = spec(Text(200), "Samenvatting", "Eén zin over de activiteit (mag weg bij een training).")
    description: str | None = spec(Markdown(), "Beschrijving", "Wat er gebeurt.")
    type: str | None = spec(Choice(v.OFFERING_TYPES), "Soort", "Wat voor activiteit het is.", example="inloop")
    municipalities: list[str] = spec(
        ListOf(Slug("de gemeente"), max_items=400),
        "Gemeenten",
        "Alleen bij online: voor welke gemeenten (weglaten = hele regio).",
        default_factory=list,
    )
    audience: list[str] = spec(
        ListOf(AUDIENCE),
        "Voor wie",
        "Voor wie de activiteit is: uit de lijst, of een eigen doelgroep uit network.yaml. "
        "Alleen ervaringswerkers? Dan staat hij op de website apart,"
        " onder 'Voor ervaringswerkers en professionals'.",
        default_factory=lambda: ["iedereen"],
    )
    themes: list[str] = spec(
        ListOf(THEME),
        "Thema's",
        "Dimensies van positieve gezondheid, of eigen thema's uit network.yaml.",
        default_factory=list,
    )
    mind_blocks: list[str] = spec(
        ListOf(Choice(v.MIND_BLOCKS), max_items=10),
        "Bouwstenen",
        "MIND-bouwstenen van deze activiteit, alleen als ze anders zijn dan bij de soort of de training hoort.",
        default_factory=list,
    )
    cost: str = spec(Text(120), "Kosten", "Standaard gratis.", default="gratis", example="gratis")
    first_time: str | None = spec(
        Markdown(2000), "De eerste keer", "Wat je kunt verwachten als je voor het eerst komt."
    )
    min_participants: int | None = spec(
        Integer(1, 500),
        "Minimaal aantal deelnemers",
        "De groep start pas als zoveel mensen zich hebben aangemeld (bij een training: als die het anders zegt).",
        example=6,
    )
    max_participants: int | None = spec(
        Integer(1, 500),
        "Maximaal aantal deelnemers",
        "Hoeveel mensen er mee kunnen doen (bij een training: als die het anders zegt).",
        example=8,
    )
    stay: str | None = spec(
        Text(300, multiline=True),
        "Overnachten",
        "Alleen als je blijft slapen: waar en hoe (bijvoorbeeld een eigen kamer in het gastenhuis).",
    )
    provider: str | None = spec(Text(120), "Aanbieder", "Alleen voor beheerders; wordt nooit op de website getoond.")
    languages: list[str] = spec(
        ListOf(Choice(tuple(v.LANGUAGES.items())), max_items=10),
        "Talen",
        "In welke talen.",
        default_factory=lambda: ["nl"],
    )
    status: str = spec(
        Choice(v.STATUSES), "Status", "actief, vol, geannuleerd of concept.", default="actief", example="actief"
    )
    slug: str = ""
    source: Path | None = None

    # The rules the pages, the feeds and the finder share, each written once.
    @property
    def is_online(self) -> bool:
        return self.location == ONLINE

    @property
    def is_walk_in(self) -> bool:
        """No need to sign up: you can just come in."""
        return self.join.how == "binnenlopen"

    @property
    def is_free(self) -> bool:
        return self.cost.strip().lower() == "gratis"

    @property
    def is_full(self) -> bool:
        return self.status == "vol"

    @property
    def is_draft(self) -> bool:
        """Not on the site at all yet."""
        return self.status == "concept"

    @property
    def is_open(self) -> bool:
        """Running, full or not: listed while it has sessions to come."""
        return self.status in ("actief", "vol")


# --- news (nieuws/*.md) -------------------------------------------------------


@dataclass
class NewsItem:
    """A news item: a Markdown file in nieuws/, with its title, date and summary above the text."""

    title: str = spec(Text(100), "Titel", "De kop van het bericht.", required=True, example="Nieuwe inloop in Baarn")
    date: dt.date = spec(
        Date(),
        "Datum",
        "Wanneer het bericht verschijnt; het nieuwste staat bovenaan.",
        required=True,
        example="2026-11-02",
    )
    summary: str = spec(
        Text(200), "Samenvatting", "Eén zin over het bericht, voor de lijst en de voorpagina.", required=True
    )
    body: str = spec(Markdown(10000), "Tekst", "Het bericht zelf, onder de tweede regel met ---.", required=True)
    slug: str = ""
    source: Path | None = None


# --- search words (zoekwoorden.yaml) ------------------------------------------

# 'iedereen' is the audience of nearly every offer: a topic that fits it would fit everything.
FIT_AUDIENCES = tuple((key, label) for key, label in v.AUDIENCES if key != "iedereen")
MAX_SEARCH_WORDS = 50


@dataclass
class TopicFit:
    """Which offers fit a topic: an offer fits when it matches any one of the lists."""

    themes: list[str] = spec(ListOf(THEME), "Thema's", "Aanbod met een van deze thema's past.", default_factory=list)
    types: list[str] = spec(
        ListOf(Choice(v.OFFERING_TYPES)),
        "Soorten",
        "Aanbod van een van deze soorten past (een training heeft de soort training).",
        default_factory=list,
        key="type",
    )
    audiences: list[str] = spec(
        ListOf(NetworkChoice(FIT_AUDIENCES, extra=AUDIENCE_LIST)),
        "Voor wie",
        "Aanbod voor een van deze groepen past. Niet iedereen: dat is bijna al het aanbod.",
        default_factory=list,
        key="audience",
    )
    words: list[str] = spec(
        ListOf(SearchWord(), max_items=MAX_SEARCH_WORDS),
        "Woorden in de tekst",
        "Aanbod met een van deze woorden in de titel, samenvatting of beschrijving past. "
        "Alleen hele woorden tellen; hoofdletters en accenten niet.",
        default_factory=list,
        example=["rust", "moeilijke dagen"],
    )

    def is_empty(self) -> bool:
        return not (self.themes or self.types or self.audiences or self.words)


@dataclass
class SearchTopic:
    """Words residents type about how they feel or what they look for, and the offers that fit them."""

    name: str = spec(
        Text(60),
        "Naam",
        "Kort en voor bewoners geschreven: de zoeker toont 'Past bij: ' met deze naam.",
        required=True,
        example="Angst en spanning",
    )
    words: list[str] = spec(
        ListOf(SearchWord(), max_items=MAX_SEARCH_WORDS, min_items=1),
        "Zoekwoorden",
        "Wat bewoners in de zoeker typen: kleine letters, één woord of een paar woorden.",
        required=True,
        example=["angst", "bang", "paniek"],
    )
    fits: TopicFit = spec(
        TopicFit,
        "Past bij",
        "Welk aanbod bij deze woorden past: aanbod dat bij minstens één van de lijsten hieronder hoort. "
        "Vul er minstens één in.",
        required=True,
    )


@dataclass
class SearchWords:
    """The file zoekwoorden.yaml: the network's own search words."""

    topics: list[SearchTopic] = spec(
        ListOf(SearchTopic, max_items=200),
        "Onderwerpen",
        "Elk onderwerp: een naam, de woorden die bewoners typen, en het aanbod dat erbij past.",
        required=True,
    )


@dataclass(frozen=True)
class Picture:
    """A picture of the network (its logo, its favicon), read from the content folder and checked."""

    role: str  # "logo" or "favicon"
    suffix: str  # ".svg" or ".png"
    data: bytes


@dataclass
class Catalog:
    """Everything the content describes, validated and cross-checked."""

    network: Network
    locations: dict[str, Location]
    trainings: dict[str, Training]
    offerings: dict[str, Offering]
    root: Path
    # From zoekwoorden.yaml; empty when the network has none.
    search_topics: list[SearchTopic] = field(default_factory=list)
    # The logo and favicon by role, checked (``loading/pictures.py``); none when network.yaml names none.
    pictures: dict[str, Picture] = field(default_factory=dict)
    # From nieuws/, newest first; empty when the network has none.
    news: list[NewsItem] = field(default_factory=list)
    # delen.png, the network's image for shared links (None: none).
    share_image: Path | None = None
