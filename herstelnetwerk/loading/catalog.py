"""Load every content file, check it, and cross-check the references.

``load_catalog(root)`` is the one entry point: it returns a ``Catalog`` and a
list of warnings, or raises ``ContentError`` with every problem in every file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from . import contrast, pictures
from . import schedule as sched
from . import vocabulary as v
from .errors import ContentError, Problem
from .fields import SLUG_RE, Context, is_safe_link, nearest
from .media import share_image
from .model import (
    AUDIENCE_LIST,
    THEME_LIST,
    Catalog,
    Location,
    Network,
    NewsItem,
    Offering,
    SearchTopic,
    SearchWords,
    Training,
    Variant,
)
from .news import read_news
from .read_ahead import ReadAhead, read_ahead, read_file
from .words import words_of
from .yamlfile import Document

NETWORK_FILE = "network.yaml"
SEARCH_WORDS_FILE = "zoekwoorden.yaml"  # optional: without it the finder knows no extra words
FOLDERS = {"locations": Location, "trainings": Training, "offerings": Offering}


@dataclass
class Loaded:
    """A validated catalog, its warnings, and where each item came from."""

    catalog: Catalog
    warnings: list[Problem]
    documents: dict[Path, Document] = field(default_factory=dict)


class ParseCache:
    """Parsed files kept between builds in one process (``mkdocs serve``).

    A file is parsed again only when its size or modification time changed,
    or the build date did (relative dates depend on it). Cross-checks always
    run again, since they depend on the other files.
    """

    def __init__(self) -> None:
        self._entries: dict[tuple[Path, type], tuple[tuple, Any]] = {}

    def get(self, path: Path, cls: type, key: tuple) -> Any:
        entry = self._entries.get((path, cls))
        return entry[1] if entry is not None and entry[0] == _stamp(path, key) else None

    def put(self, path: Path, cls: type, key: tuple, result: Any) -> None:
        self._entries[(path, cls)] = (_stamp(path, key), result)


def _inside(path: Path, root: Path) -> bool:
    """Whether ``path``, followed to where it leads, lies in ``root`` (a symlink loop counts: it is no folder)."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):
        return True


def _stamp(path: Path, key: tuple) -> tuple:
    """The file's size and time, and what else its parsed form depends on (``Context.cache_key``)."""
    try:
        stat = path.stat()
    except OSError:
        return (None, key)
    return (stat.st_mtime_ns, stat.st_size, key)


class _Checker:
    def __init__(self, root: Path, build_date: date, cache: ParseCache | None = None):
        self.root = root
        self.cache = cache
        self.ctx = Context(build_date=build_date)
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.documents: dict[Path, Document] = {}
        # Files with a problem of their own (an unknown or duplicate key) whose
        # values could still be read: they are cross-checked too, so one build
        # reports everything, but a missing title is not blamed on top of 'titel'.
        self.flawed: set[Path] = set()
        self.pictures = pictures.Pictures()
        self.ahead: ReadAhead | None = None  # a second process that reads part of a large folder

    # -- reading ---------------------------------------------------------

    def read(self, path: Path, cls: type) -> Any:
        key = self.ctx.cache_key()
        cached = self.cache.get(path, cls, key) if self.cache is not None else None
        if cached is None and self.ahead is not None:
            cached = self.ahead.take(path, cls)
        if cached is not None:
            doc, problems, item, walker_problems = cached
        else:
            doc, problems, item, walker_problems = read_file(path, cls, self.root, self.ctx)
            if self.cache is not None:
                self.cache.put(path, cls, key, (doc, problems, item, walker_problems))
        self.problems.extend(problems)
        if doc is None:
            return None
        self.documents[path] = doc
        self.problems.extend(walker_problems)
        if item is not None and (problems or walker_problems):
            self.flawed.add(path)
        return item

    def folder(self, name: str, cls: type) -> dict[str, Any]:
        items: dict[str, Any] = {}
        folder = self.root / name
        if folder.exists() or folder.is_symlink():
            if folder.is_symlink() and not _inside(folder, self.root):
                self.problems.append(
                    Problem(
                        folder,
                        None,
                        f"De map {name}/ is een snelkoppeling (symlink) naar een plek buiten de map met de inhoud. "
                        "Zet de bestanden zelf hier.",
                    )
                )
                return items
            if not folder.is_dir():
                self.problems.append(
                    Problem(folder, None, f"Hier hoort een map {name}/ met .yaml-bestanden, geen bestand.")
                )
                return items
        else:
            if name == "offerings":  # without it the site has nothing to show, and the check would say all is well
                self.problems.append(
                    Problem(folder, None, "De map offerings/ ontbreekt. Zet daar de activiteiten in, één bestand elk.")
                )
            return items
        for path in sorted(folder.iterdir()):
            if path.name.startswith(".") or path.name == "README.md":
                continue
            if path.is_dir():
                self.problems.append(
                    Problem(path, None, f"Zet geen mappen in {name}/. Zet het bestand direct in {name}/.")
                )
                continue
            if path.suffix == ".yml":
                self.problems.append(Problem(path, None, "Gebruik de extensie .yaml in plaats van .yml."))
                continue
            if path.suffix != ".yaml":
                self.problems.append(Problem(path, None, f"In {name}/ horen alleen .yaml-bestanden."))
                continue
            if not re.fullmatch(SLUG_RE, path.stem) or len(path.stem) > 80:
                self.problems.append(
                    Problem(
                        path,
                        None,
                        "De bestandsnaam mag alleen kleine letters, cijfers en "
                        "streepjes bevatten, zoals 'inloop-de-koppeling.yaml'.",
                    )
                )
                continue
            item = self.read(path, cls)
            if item is not None:
                item.slug = path.stem
                item.source = path
                items[path.stem] = item
        return items

    def at(self, item: Any, where: tuple, message: str, severity: str = "error") -> None:
        doc = self.documents[item.source]
        problem = Problem(item.source, doc.line(where), message, severity=severity)
        (self.problems if severity == "error" else self.warnings).append(problem)

    # -- cross checks ------------------------------------------------------

    def check_network(self, network: Network, doc: Document) -> None:
        def at(where: tuple, message: str) -> None:
            self.problems.append(Problem(doc.path, doc.line(where), message))

        if network.contact not in network.contacts:
            at(
                ("contact",),
                f"Het contact '{network.contact}' staat niet bij 'contacts'. Kies uit: "
                f"{', '.join(network.contacts) or '(nog geen contacten)'}.",
            )
        for key in network.contacts:
            if not re.fullmatch(SLUG_RE, key):
                at(
                    ("contacts", key),
                    f"De contact-code '{key}' mag alleen kleine letters, cijfers en streepjes bevatten.",
                )
        for key, message in contrast.brand_problems(network.brand.primary_color, network.brand.accent_color):
            at(("brand", key), message)
        seen: set[str] = set()
        for index, municipality in enumerate(network.municipalities):
            if municipality.slug in seen:
                at(("municipalities", index), f"De gemeente '{municipality.slug}' staat twee keer in de lijst.")
            seen.add(municipality.slug)
        targeted: set[str] = set()
        for index, target in enumerate(network.targets):
            if target.municipality not in seen:
                at(
                    ("targets", index, "municipality"),
                    _unknown(
                        "gemeente", target.municipality, [m.slug for m in network.municipalities], "municipalities"
                    ),
                )
            elif target.municipality in targeted:
                at(
                    ("targets", index),
                    f"Voor de gemeente '{target.municipality}' staat al een doel. Geef elke gemeente één doel.",
                )
            targeted.add(target.municipality)
            blocks: set[str] = set()
            for number, block in enumerate(target.blocks):
                if block.block in blocks:
                    at(
                        ("targets", index, "blocks", number),
                        f"De bouwsteen '{block.block}' staat al bij dit doel. Geef elke bouwsteen één aantal.",
                    )
                blocks.add(block.block)
        self.check_own_values(network, at)
        texts: list[tuple[tuple, str | None]] = [
            (("tagline",), network.tagline),
            (("intro",), network.intro),
            (("about",), network.about),
        ]
        for where, text in texts:
            for message in text_problems(text or "", *_contact_details(network)):
                at(where, message)
        self.pictures = pictures.network_pictures(network, doc, self.root)
        self.problems.extend(self.pictures.problems)

    def check_own_values(self, network: Network, at: Callable[[tuple, str], None]) -> None:
        """The network's own audiences and themes: each code once, and none that the fixed list has already."""
        lists = [
            (AUDIENCE_LIST, [own.slug for own in network.audiences], v.AUDIENCES),
            (THEME_LIST, [own.slug for own in network.themes], v.THEMES),
        ]
        for name, slugs, fixed in lists:
            fixed_keys = dict(fixed)
            seen: set[str] = set()
            for index, slug in enumerate(slugs):
                if slug in fixed_keys:
                    at(
                        (name, index, "slug"),
                        f"'{slug}' staat al in de vaste lijst ({fixed_keys[slug]}). "
                        "Haal dit blok weg: je kunt de code zo gebruiken.",
                    )
                elif slug in seen:
                    at((name, index, "slug"), f"De code '{slug}' staat twee keer in {name}. Haal er één weg.")
                seen.add(slug)

    def search_words(self) -> list[SearchTopic]:
        """The topics of zoekwoorden.yaml, checked; none when there is no such file (or it has errors)."""
        path = self.root / SEARCH_WORDS_FILE
        misnamed = path.with_suffix(".yml")
        if misnamed.exists() or misnamed.is_symlink():
            self.problems.append(
                Problem(misnamed, None, f"Gebruik de extensie .yaml: noem dit bestand {SEARCH_WORDS_FILE}.")
            )
        if not (path.exists() or path.is_symlink()):
            return []
        words = self.read(path, SearchWords)
        if words is None:
            return []
        self.check_search_topics(words.topics, self.documents[path])
        return words.topics

    def check_search_topics(self, topics: list[SearchTopic], doc: Document) -> None:
        def at(where: tuple, message: str) -> None:
            self.problems.append(Problem(doc.path, doc.line(where), message))

        written = doc.data.get("topics")
        written = written if isinstance(written, list) else [written]  # one topic may be written without a list
        names: dict[str, int] = {}
        for index, topic in enumerate(topics):
            where = ("topics", index)
            fits = written[index].get("fits") if isinstance(written[index], dict) else None
            first = names.setdefault(topic.name.casefold(), index)
            if first != index:
                at(
                    where + ("name",),
                    f"Er is al een onderwerp met de naam '{topic.name}' (regel "
                    f"{doc.line(('topics', first, 'name'))}). Geef elk onderwerp een eigen naam, "
                    "of zet de woorden bij dat onderwerp.",
                )
            # Filled in under a key that does not exist ('voor:' for 'audience:'): that key is reported already.
            filled_in = isinstance(fits, dict) and any(value not in (None, []) for value in fits.values())
            if topic.fits.is_empty() and not filled_in:
                at(
                    where + ("fits",),
                    "Onder 'fits' staat nog niets, dus er past geen aanbod bij dit onderwerp. "
                    "Vul minstens één lijst in: themes, type, audience of words.",
                )
            for key, words in (("words",), topic.words), (("fits", "words"), topic.fits.words):
                seen: dict[tuple[str, ...], str] = {}
                for position, word in enumerate(words):
                    same = seen.setdefault(words_of(word), word)
                    if same != word:
                        at(
                            where + key + (position,),
                            f"'{same}' en '{word}' zijn voor de zoeker hetzelfde woord "
                            "(accenten, streepjes en apostroffen tellen niet). Haal er één weg.",
                        )

    def check_location(self, network: Network, location: Location) -> None:
        if network.municipality(location.municipality) is None:
            self.at(
                location,
                ("municipality",),
                _unknown("gemeente", location.municipality, [m.slug for m in network.municipalities], "network.yaml"),
            )

    def check_training(self, trainings: dict[str, Training], training: Training) -> None:
        for key in ("prerequisites", "recommended"):
            for index, other in enumerate(getattr(training, key)):
                if other == training.slug:
                    self.at(training, (key, index), "Een training kan niet zichzelf als voorwaarde hebben.")
                elif other not in trainings:
                    self.at(training, (key, index), _unknown("training", other, list(trainings), "trainings/"))
        for index, other in enumerate(training.recommended):
            if other in training.prerequisites:
                self.at(
                    training,
                    ("recommended", index),
                    f"'{other}' staat al bij 'prerequisites' (verplicht). Zet hem bij één van de twee.",
                )
        lengths: list[tuple[tuple, Training | Variant]] = [((), training)]
        lengths += [(("variants", i), variant) for i, variant in enumerate(training.variants)]
        for where, item in lengths:
            if item.meetings is not None and item.half_days is not None:
                self.at(
                    training,
                    (*where, "half_days"),
                    "Geef de lengte in bijeenkomsten ('meetings') of in dagdelen ('half_days'), niet allebei.",
                )
        problem = group_size_problem(training.min_participants, training.max_participants)
        if problem:
            self.at(training, ("min_participants",), problem)

    def check_offering(self, catalog: Catalog, offering: Offering) -> None:
        network = catalog.network
        if offering.training is not None and offering.training not in catalog.trainings:
            self.at(
                offering, ("training",), _unknown("training", offering.training, list(catalog.trainings), "trainings/")
            )
        if offering.training is None and offering.source not in self.flawed:
            for key in ("title", "summary"):
                if getattr(offering, key) is None:
                    self.at(offering, (), f"Het veld '{key}' ontbreekt. Dat mag alleen weg als je 'training' invult.")
            if offering.type is None:
                self.at(offering, (), "Het veld 'type' ontbreekt. Bijvoorbeeld: type: inloop")
        if not offering.is_online and offering.location not in catalog.locations:
            self.at(
                offering,
                ("location",),
                _unknown(
                    "locatie", offering.location, list(catalog.locations), "locations/", extra="Of schrijf 'online'."
                ),
            )
        if offering.municipalities and not offering.is_online:
            self.at(
                offering,
                ("municipalities",),
                "'municipalities' hoort alleen bij online activiteiten; "
                "de gemeente volgt uit de locatie. Haal deze regel weg.",
            )
        for index, slug in enumerate(offering.municipalities):
            if network.municipality(slug) is None:
                self.at(
                    offering,
                    ("municipalities", index),
                    _unknown("gemeente", slug, [m.slug for m in network.municipalities], "network.yaml"),
                )
        join = offering.join
        if join.contact is not None and join.contact not in network.contacts:
            self.at(
                offering, ("join", "contact"), _unknown("contact", join.contact, list(network.contacts), "network.yaml")
            )
        if join.how == "aanmelden" and join.contact is None and join.url is None:
            self.at(
                offering,
                ("join",),
                "Bij 'how: aanmelden' hoort een 'contact' of een 'url', "
                "zodat mensen weten waar ze zich kunnen aanmelden.",
            )
        schedule = offering.schedule
        if schedule.appointment and join.contact is None and join.url is None:
            self.at(
                offering,
                ("join",),
                "Bij een activiteit op afspraak hoort bij 'join' een 'contact' of een 'url', "
                "zodat mensen weten hoe ze een afspraak maken.",
            )
        training = catalog.trainings.get(offering.training or "")
        variant = None
        if offering.variant is not None:
            names = {v.name.casefold(): v for v in training.variants} if training else {}
            variant = names.get(offering.variant.strip().casefold())
            if offering.training is None:
                self.at(
                    offering,
                    ("variant",),
                    "'variant' hoort bij een training. Vul 'training' in, of haal 'variant' weg.",
                )
            elif training is not None and variant is None:
                known = [v.name for v in training.variants]
                choose = f" Kies uit: {', '.join(known)}." if known else " Deze training heeft geen varianten."
                self.at(
                    offering,
                    ("variant",),
                    f"De variant '{offering.variant}' bestaat niet bij de training '{training.slug}' "
                    f"(zie trainings/{training.slug}.yaml).{choose}",
                )
        smallest = offering.min_participants or (training.min_participants if training else None)
        largest = offering.max_participants or (training.max_participants if training else None)
        problem = group_size_problem(smallest, largest)
        if problem:
            self.at(offering, ("min_participants" if offering.min_participants else "max_participants",), problem)
        if offering.stay is not None and schedule.nights is None:
            self.at(
                offering,
                ("stay",),
                "'stay' (overnachten) hoort bij een activiteit waar je blijft slapen. "
                "Zet bij 'schedule' hoeveel nachten ('nights'), of haal 'stay' weg.",
            )
        horizon = self.ctx.build_date + timedelta(days=sched.HORIZON_DAYS)
        problems = sched.check(schedule, horizon)
        for where, message in problems:
            self.at(offering, ("schedule",) + where, message)
        if training is not None and not problems:
            meetings, half_days = training.meetings, training.half_days
            if variant is not None and (variant.meetings or variant.half_days):
                meetings, half_days = variant.meetings, variant.half_days
            length = sched.length_problem(schedule, meetings, half_days)
            if length:
                self.at(offering, ("schedule",), length, severity="warning")
        age = (self.ctx.build_date - offering.last_checked).days
        if offering.last_checked > self.ctx.build_date:
            self.at(
                offering,
                ("last_checked",),
                "Deze datum ligt in de toekomst. Vul de dag in waarop je het hebt nagekeken.",
            )
        elif network.review_overdue(offering.last_checked, self.ctx.build_date):
            self.at(
                offering,
                ("last_checked",),
                f"Deze activiteit is {age} dagen niet nagekeken (langer dan "
                f"{network.review_after_days}). Klopt alles nog? Pas dan "
                "'last_checked' aan.",
                severity="warning",
            )

    def check_texts(self, network: Network, items: Iterable[Any]) -> None:
        allowed, allowed_phones = _contact_details(network)
        for item in items:
            for where, text in _free_texts(item):
                if not text:
                    continue
                for message in text_problems(text, allowed, allowed_phones):
                    self.at(item, where, message)


def group_size_problem(smallest: int | None, largest: int | None) -> str | None:
    if smallest is not None and largest is not None and smallest > largest:
        return (
            f"Het minimum aantal deelnemers ({smallest}) is groter dan het maximum ({largest}). "
            "Controleer 'min_participants' en 'max_participants'."
        )
    return None


def _contact_details(network: Network) -> tuple[set[str], set[str]]:
    """The e-mail addresses and phone numbers (digits only) a text may name: the network's roles."""
    emails = {c.email.lower() for c in network.contacts.values() if c.email}
    phones = {re.sub(r"\D", "", c.phone) for c in network.contacts.values() if c.phone}
    return emails, phones


# Dutch nouns take 'de' or 'het': "het contact", "de locatie".
_ARTICLES = {"contact": "Het"}


def _unknown(what: str, value: str, known: list[str], place: str, extra: str = "") -> str:
    article = _ARTICLES.get(what, "De")
    return f"{article} {what} '{value}' bestaat niet (zie {place}).{nearest(value, known)} {extra}".rstrip()


_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)|^\s*\[[^\]]+\]:\s*<?(\S+)", re.MULTILINE)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_SCRIPT_SCHEME = re.compile(r"(?i)(javascript|vbscript|data)\s*:")
_PHONE = re.compile(r"(?<![\w-])(?:\+31|0)[1-9](?:[ -]?[0-9]){7,8}(?![\w-])")


def text_problems(text: str, emails: set[str], phones: set[str]) -> list[str]:
    """Unsafe links or personal contact details in a free text (``Text`` itself refuses HTML)."""
    problems = []
    for match in _LINK_TARGET.finditer(text) if "]" in text else ():
        target = match.group(1) if match.group(1) is not None else match.group(2)
        if target and not is_safe_link(target):
            problems.append(f"De link '{target[:60]}' is niet toegestaan. Een link moet beginnen met https://.")
    if ":" in text and _SCRIPT_SCHEME.search(text) and not problems:
        problems.append("De tekst bevat 'javascript:' of 'data:'. Dat is niet toegestaan in een tekst of link.")
    for email in _EMAIL.findall(text) if "@" in text else ():
        if email.lower() not in emails:
            problems.append(
                f"Het e-mailadres {email} staat niet bij de contacten in network.yaml. Zet hier geen "
                "persoonlijke gegevens; gebruik 'join: contact:' met een rol uit network.yaml."
            )
    for phone in _PHONE.findall(text):
        if re.sub(r"\D", "", phone) not in phones:
            problems.append(
                f"Het telefoonnummer {phone.strip()} staat niet bij de contacten in network.yaml. Zet hier "
                "geen persoonlijke gegevens; gebruik 'join: contact:' met een rol uit network.yaml."
            )
    return problems


_SESSION_TEXTS = ("title", "note")


def _free_texts(item: Any) -> list[tuple[tuple, str | None]]:
    if isinstance(item, Offering):
        return [
            (("title",), item.title),
            (("summary",), item.summary),
            (("description",), item.description),
            (("first_time",), item.first_time),
            (("cost",), item.cost),
            (("join", "note"), item.join.note),
            (("stay",), item.stay),
            *(
                (("schedule", "sessions", i, k), getattr(d, k))
                for i, d in enumerate(item.schedule.sessions)
                for k in _SESSION_TEXTS
            ),
            *(
                (("schedule", "added", i, k), getattr(d, k))
                for i, d in enumerate(item.schedule.added)
                for k in _SESSION_TEXTS
            ),
        ]
    if isinstance(item, Training):
        return [
            (("title",), item.title),
            (("summary",), item.summary),
            (("description",), item.description),
            (("extra_meetings",), item.extra_meetings),
        ] + [(("variants", i), t) for i, v in enumerate(item.variants) for t in (v.name, v.description)]
    if isinstance(item, NewsItem):
        return [(("title",), item.title), (("summary",), item.summary), (("body",), item.body)]
    if isinstance(item, Location):
        return [
            (("name",), item.name),
            (("directions",), item.directions),
            (("accessibility", "note"), item.accessibility.note),
        ]
    return []


def _in_order(problems: list[Problem]) -> list[Problem]:
    """Per file, from the top down: the way a volunteer reads and fixes them."""
    return sorted(problems, key=lambda p: (p.path.as_posix(), p.line or 0))


def load_catalog(root: Path, build_date: date, cache: ParseCache | None = None) -> Loaded:
    """Read and check everything under ``root`` (the activities folder).

    With a ``cache``, files that did not change since the last call are not parsed again.
    """
    root = Path(root)
    checker = _Checker(root, build_date, cache)
    network_path = root / NETWORK_FILE
    network = None
    if not (network_path.exists() or network_path.is_symlink()):
        checker.problems.append(
            Problem(
                network_path,
                None,
                "Dit bestand ontbreekt. Het beschrijft het netwerk zelf: naam, regio, gemeenten en contacten.",
            )
        )
    else:
        network = checker.read(network_path, Network)
        if network is not None:
            checker.check_network(network, checker.documents[network_path])
            checker.ctx.extra_choices = network.extra_choices()  # the offerings may use the network's own values
    if cache is None:  # (while serving, the cache makes a rebuild read only what changed)
        checker.ahead = read_ahead(FOLDERS, root, checker.ctx)
    try:
        items = {name: checker.folder(name, cls) for name, cls in FOLDERS.items()}
    finally:
        if checker.ahead is not None:
            checker.ahead.close()
            checker.ahead = None
    search_topics = checker.search_words()
    if network is None:
        raise ContentError(_in_order(checker.problems), root)
    news, news_problems, news_documents = read_news(root, checker.ctx)
    checker.problems.extend(news_problems)
    checker.documents.update(news_documents)
    image, image_problems = share_image(root)
    checker.problems.extend(image_problems)
    catalog = Catalog(
        network=network,
        root=root,
        search_topics=search_topics,
        pictures=checker.pictures.files,
        news=news,
        share_image=image,
        **items,
    )
    for location in catalog.locations.values():
        checker.check_location(network, location)
    for training in catalog.trainings.values():
        checker.check_training(catalog.trainings, training)
    for offering in catalog.offerings.values():
        checker.check_offering(catalog, offering)
    for group in (catalog.locations, catalog.trainings, catalog.offerings):
        checker.check_texts(network, group.values())
    checker.check_texts(network, catalog.news)
    if checker.problems:
        raise ContentError(_in_order(checker.problems), root, checker.warnings)
    return Loaded(catalog=catalog, warnings=checker.warnings, documents=checker.documents)
