"""Write a synthetic but realistic national network as a content tree.

The tree has the same shape as activities/: network.yaml, locations/,
trainings/ (the real trainings, copied), zoekwoorden.yaml (the example's, copied) and offerings/. It holds N offerings
over M municipalities with the mix of schedules real partners use: dated
courses (some with an added make-up or return meeting), single events,
retreats with nights, weekly, every other week, every three weeks, every
working day, monthly (first week or last week, some with a topic per
session), offers by appointment, with an end date or a number of meetings,
and cancelled, moved and paused dates. The same seed and build date always give the same files.

    python bench/generate.py --offerings 2000 --out /tmp/netwerk-2000

The tree is meant for the benchmark and for tests; it is never written into
the repository.
"""

from __future__ import annotations

import argparse
import calendar
import random
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TRAININGS = REPO / "activities" / "trainings"

DAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
TYPES = [
    "inloop",
    "steunpunt",
    "spreekuur",
    "lotgenotengroep",
    "herstelgroep",
    "themabijeenkomst",
    "sport",
    "creatief",
    "ontmoeting",
    "coaching",
    "intervisie",
]
AUDIENCES = ["iedereen", "naasten", "jongvolwassenen", "migratieachtergrond", "verslavingservaring", "ervaringswerkers"]
THEMES = [
    "meedoen",
    "dagelijks-functioneren",
    "lichaamsfuncties",
    "mentaal-welbevinden",
    "zingeving",
    "kwaliteit-van-leven",
]
CONTACTS = {
    "coordinatie": ("Coördinatie Herstelnetwerk Nederland", "info", "030 000 00 10"),
    "aanmelden-trainingen": ("Aanmelden voor trainingen", "aanmelden", "030 000 00 20"),
    "naasten": ("Aanspreekpunt voor naasten", "naasten", "030 000 00 30"),
    "ervaringswerk": ("Team ervaringswerk en intervisie", "ervaringswerk", None),
}
DOMAIN = "herstelnetwerk-nederland.example.org"

# Real towns as anchors, so every generated place lies on land in the Netherlands.
ANCHORS = [
    (52.37, 4.90),
    (51.92, 4.48),
    (52.08, 4.30),
    (52.09, 5.12),
    (51.44, 5.48),
    (53.22, 6.57),
    (51.57, 5.09),
    (51.98, 5.91),
    (52.16, 5.39),
    (52.22, 6.89),
    (51.84, 5.86),
    (52.51, 6.09),
    (53.20, 5.80),
    (50.85, 5.69),
    (51.59, 4.78),
    (52.70, 4.75),
    (52.96, 6.55),
    (52.26, 6.16),
    (51.50, 3.61),
    (52.39, 4.64),
    (52.63, 4.75),
    (51.69, 5.30),
    (52.52, 5.47),
    (52.78, 6.90),
    (51.81, 4.67),
    (52.03, 4.36),
    (51.37, 6.17),
    (52.35, 5.22),
]
PREFIXES = [
    "Eem",
    "Berg",
    "Hoog",
    "Zand",
    "Wester",
    "Ooster",
    "Nieuw",
    "Oud",
    "Midden",
    "Leer",
    "Heer",
    "Wijk",
    "Veen",
    "Dal",
    "Broek",
    "Molen",
    "Beek",
    "Linde",
    "Vliet",
    "Hout",
    "Esch",
    "Maas",
    "Rijn",
    "Lek",
]
SUFFIXES = [
    "dam",
    "dijk",
    "veen",
    "horst",
    "wijk",
    "hoven",
    "broek",
    "burg",
    "sloot",
    "berg",
    "woude",
    "lo",
    "mond",
    "kerk",
    "zande",
    "hem",
    "ingen",
]
STREETS = [
    "Kerkstraat",
    "Dorpsstraat",
    "Stationsweg",
    "Schoolstraat",
    "Molenweg",
    "Julianalaan",
    "Wilhelminastraat",
    "Beatrixlaan",
    "Marktplein",
    "Parklaan",
    "Lindelaan",
    "Burgemeester de Vriesweg",
    "Nieuweweg",
    "Vijverlaan",
    "Zuidsingel",
    "Noordeinde",
    "Oranjestraat",
    "Prinses Irenestraat",
    "Eikenlaan",
]
BUILDINGS = [
    "Buurthuis",
    "Wijkcentrum",
    "Dorpshuis",
    "Bibliotheek",
    "Ontmoetingshuis",
    "Herstelhuis",
    "Sport- en buurtcentrum",
    "Wijkgebouw",
    "Gastenhuis",
    "Steunpunt",
]
NAMES = [
    "De Koppeling",
    "De Tref",
    "Het Haventje",
    "De Brink",
    "De Schakel",
    "De Bron",
    "De Lindeboom",
    "De Kolk",
    "Het Schoolhuis",
    "De Hooiberg",
    "Op de Kamp",
    "De Burcht",
    "Het Zandpad",
    "De Eemkamer",
    "De Wissel",
    "Het Anker",
    "De Linde",
    "De Vonk",
    "Het Baken",
    "De Horizon",
    "De Ontmoeting",
    "Het Kruispunt",
]
ACTIVITIES = {
    "inloop": ["Inloopochtend", "Inloopmiddag", "Open huiskamer", "Koffie-inloop"],
    "steunpunt": ["Steunpunt herstel", "Herstelpunt", "Steunpunt ervaringsdeskundigheid"],
    "spreekuur": ["Spreekuur ervaringsdeskundige", "Spreekuur herstel", "Vraag het een ervaringsdeskundige"],
    "lotgenotengroep": ["Lotgenotengroep", "Praatgroep", "Gespreksgroep angst en somberheid"],
    "herstelgroep": ["Herstelgroep", "Herstelwerkplaats", "Samen verder"],
    "themabijeenkomst": ["Themabijeenkomst slapen", "Themabijeenkomst zingeving", "Avond over stress en rust"],
    "sport": ["Samen wandelen", "Tafeltennis op je eigen niveau", "Zaalvoetbal", "Yoga op de stoel"],
    "creatief": ["Creatief atelier", "Schilderen en tekenen", "Schrijfgroep", "Muziek maken"],
    "ontmoeting": ["Samen eten", "Buurtmiddag", "Wereldtafel", "Spelletjesmiddag"],
    "coaching": ["Herstelcoaching", "Maatjescoaching", "Coaching op weg naar werk"],
    "intervisie": ["Intervisie ervaringswerkers", "Intervisie voor vrijwilligers"],
}
SUMMARIES = [
    "Een vaste plek om andere mensen te ontmoeten, zonder verwijzing en zonder kosten.",
    "Samen met anderen werken aan wat jij belangrijk vindt, in je eigen tempo.",
    "Even je verhaal kwijt, of gewoon luisteren: het mag allebei.",
    "Rustig bezig zijn met je handen en met je hoofd, samen met anderen.",
    "Praten met mensen die zelf ook hebben meegemaakt wat jij meemaakt.",
    "Bewegen op je eigen niveau, want bewegen is goed voor je hoofd.",
]
PARAGRAPHS = [
    "Je bent welkom zoals je bent. Er zijn mensen die zelf ervaring hebben met psychische klachten of verslaving. "
    "Ze luisteren graag en denken met je mee.",
    "We beginnen altijd met koffie of thee. Daarna kiezen we samen een onderwerp, of we doen iets met onze handen. "
    "Je hoeft niets te vertellen als je dat niet wilt.",
    "De groep is klein, zodat iedereen aan bod kan komen. We houden rekening met elkaar en wat hier gezegd wordt, "
    "blijft hier.",
    "Het gaat om plezier en om contact, niet om presteren. Beginners en mensen met ervaring doen gewoon samen mee.",
    "Je kunt ook iemand meenemen, bijvoorbeeld een vriend of iemand uit je familie. Ook zij zijn van harte welkom.",
    "Na afloop is er tijd om na te praten. Wil je liever meteen naar huis? Dat is ook goed.",
]
FIRST_TIMES = [
    "Je wordt ontvangen met koffie of thee. Iemand vertelt hoe het werkt en stelt je voor aan de anderen.\n"
    "Je mag ook eerst rustig kijken.",
    "Loop binnen en meld je bij de tafel bij de ingang. Een vrijwilliger heet je welkom.\nJe hoeft niets mee te nemen.",
    "We zitten in een kring. Iedereen zegt kort hoe het gaat, maar overslaan mag altijd.\nNa een uur is er een pauze.",
]
REASONS = ["Studiedag", "Feestdag", "De ruimte is bezet", "Verkiezingen in het gebouw", "Onderhoud aan het gebouw"]
BREAKS = ["Kerstvakantie", "Zomerstop", "Voorjaarsvakantie", "Herfstvakantie"]
PROVIDERS = [
    "Stichting Herstel Dichtbij",
    "Welzijn in de Wijk",
    "GGz Herstelacademie",
    "Sportief Samen",
    "Vereniging Naasten",
    "Buurtwerk Plus",
    "Stichting Ervaring Telt",
]
TIMES = [
    ("09:30", "11:30"),
    ("10:00", "12:00"),
    ("13:30", "16:00"),
    ("14:00", "16:00"),
    ("19:00", "21:00"),
    ("19:30", "21:30"),
    ("20:00", "21:00"),
]


def municipality_count(offerings: int) -> int:
    """About 57 offerings per municipality, at least 8 and at most 350."""
    return max(8, min(350, offerings // 57))


def _municipalities(rng: random.Random, count: int) -> list[tuple[str, str, float, float]]:
    names = [p + s for p in PREFIXES for s in SUFFIXES]
    rng.shuffle(names)
    result = []
    for index in range(count):
        name = names[index % len(names)]
        if index >= len(names):
            name = f"{name} aan de {['Vecht', 'IJssel', 'Amstel', 'Linge'][index // len(names) % 4]}"
        slug = name.lower().replace(" ", "-")
        lat, lon = ANCHORS[index % len(ANCHORS)]
        result.append((slug, name, round(lat + rng.uniform(-0.12, 0.12), 4), round(lon + rng.uniform(-0.12, 0.12), 4)))
    return result


def _q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _block(text: str, indent: str = "  ") -> str:
    return "|\n" + "\n".join(indent + line if line else "" for line in text.split("\n")) + "\n"


def _nth_weekday(year: int, month: int, weekday: int, week: str) -> date:
    days = [d for d in range(1, calendar.monthrange(year, month)[1] + 1) if date(year, month, d).weekday() == weekday]
    return date(year, month, days[-1] if week == "laatste" else days[int(week) - 1])


def _rule_dates(repeat: str, day: str, first: date, week: str | None, stop: date, limit: int) -> list[date]:
    """The rule dates from ``first`` up to ``stop`` (at most ``limit``), as the site computes them."""
    weekday = DAYS.index(day)
    found: list[date] = []
    if repeat == "maandelijks":
        year, month = first.year, first.month
        while len(found) < limit:
            candidate = _nth_weekday(year, month, weekday, week or "1")
            if candidate > stop:
                break
            if candidate >= first:
                found.append(candidate)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return found
    current = first + timedelta(days=(weekday - first.weekday()) % 7)
    step = 14 if repeat == "tweewekelijks" else 7
    while current <= stop and len(found) < limit:
        found.append(current)
        current += timedelta(days=step)
    return found


TOPICS = ["Werk en herstel", "Slapen en je goed voelen", "Naasten en herstel", "Zingeving", "Geld en rust"]


def _meetings(training: Path) -> int | None:
    """A training's number of meetings, read from its file's ``meetings:`` line."""
    for line in training.read_text(encoding="utf-8").splitlines():
        if line.startswith("meetings:"):
            return int(line.split(":", 1)[1])
    return None


def _schedule(rng: random.Random, build: date, form: str, meetings: int | None = None) -> list[str]:
    """The schedule block of one offering; ``meetings``: a training's number of meetings, for its courses."""
    start, end = rng.choice(TIMES)
    lines = ["schedule:"]
    if form == "appointment":
        return lines + ["  appointment: ja", "  day: [maandag, donderdag]", '  start: "09:00"', '  end: "17:00"']
    if form == "retreat":
        first = build + timedelta(days=rng.randint(20, 150))
        return lines + [f"  dates: [{first.isoformat()}]", "  nights: 2", '  start: "14:00"', '  end: "16:00"']
    if form in ("course", "event"):
        first = build + timedelta(days=rng.randint(-20, 150))
        gap = rng.choice([7, 7, 14])
        if form == "event":
            dates = [first]
        else:
            dates = [first + timedelta(days=gap * i) for i in range(meetings or rng.randint(4, 10))]
        lines.append("  dates: [" + ", ".join(d.isoformat() for d in dates) + "]")
        lines += [f'  start: "{start}"', f'  end: "{end}"']
        if form == "course" and rng.random() < 0.2:
            lines += ["  cancelled:", f"    - date: {dates[1].isoformat()}", f"      reason: {rng.choice(REASONS)}"]
            lines += ["  added:", f"    - date: {(dates[-1] + timedelta(days=gap)).isoformat()}"]
            lines.append("      title: Inhaalbijeenkomst")
        elif form == "course" and rng.random() < 0.15:
            lines += ["  added:", f"    - date: {(dates[-1] + timedelta(days=28)).isoformat()}"]
            lines += ["      title: Terugkombijeenkomst", "      note: Je krijgt je certificaat."]
        return lines
    repeat = {
        "weekly": "wekelijks",
        "every3": "wekelijks",
        "workdays": "wekelijks",
        "biweekly": "tweewekelijks",
        "monthly": "maandelijks",
    }[form]
    day = "werkdagen" if form == "workdays" else rng.choice(DAYS[:6])
    first = (
        build - timedelta(days=rng.randint(0, 120))
        if rng.random() < 0.7
        else build + timedelta(days=rng.randint(1, 60))
    )
    week = rng.choice(["1", "laatste", "2", "3"]) if repeat == "maandelijks" else None
    ending = rng.random()
    until = count = None
    if ending < 0.2:
        until = build + timedelta(days=rng.randint(60, 300))
    elif ending < 0.35:
        count = rng.randint(6, 12)
    lines += [f"  repeat: {repeat}", f"  day: {day}"]
    if form == "every3":
        lines.append("  interval: 3")
    if week:
        lines.append(f"  week: {week}")
    lines.append(f"  from: {first.isoformat()}")
    if until:
        lines.append(f"  until: {until.isoformat()}")
    if count:
        lines.append(f"  count: {count}")
    lines += [f'  start: "{start}"', f'  end: "{end}"']
    if form in ("every3", "workdays"):
        return lines  # the site's own rule dates for these: no exceptions to place
    stop = until or build + timedelta(days=300)
    rule = _rule_dates(repeat, day, first, week, stop, count or 400)
    if form == "monthly" and rng.random() < 0.3:
        topics = [d for d in rule if d > build][:3]
        if topics:
            lines.append("  sessions:")
            for number, day_ in enumerate(topics, start=1):
                lines += [f"    - date: {day_.isoformat()}", f"      title: {rng.choice(TOPICS)} ({number})"]
            rule = [d for d in rule if d not in topics]
    future = [d for d in rule if d > build]
    pause = None
    if len(future) > 6 and rng.random() < 0.25:
        pause_first = future[2] - timedelta(days=rng.randint(0, 3))
        pause = (pause_first, pause_first + timedelta(days=rng.choice([13, 20, 41])))
    free = [d for d in future if not (pause and pause[0] <= d <= pause[1])]
    if count:
        free = free[: max(0, count - 4)]  # stay well inside the first 'count' meetings
    cancelled = rng.sample(free, 1) if len(free) > 3 and rng.random() < 0.25 else []
    if cancelled:
        lines.append("  cancelled:")
        for day_ in cancelled:
            if rng.random() < 0.5:
                lines.append(f"    - {day_.isoformat()}")
            else:
                lines += [f"    - date: {day_.isoformat()}", f"      reason: {rng.choice(REASONS)}"]
    movable = [d for d in free if d not in cancelled]
    if len(movable) > 3 and rng.random() < 0.12:
        moved = movable[-2]
        lines += [
            "  moved:",
            f"    - date: {moved.isoformat()}",
            f"      to: {(moved + timedelta(days=1)).isoformat()}",
        ]
        if rng.random() < 0.5:
            lines += ['      start: "13:00"', '      end: "15:00"']
        lines.append(f"      reason: {rng.choice(REASONS)}")
    if pause:
        lines += [
            "  breaks:",
            f"    - from: {pause[0].isoformat()}",
            f"      until: {pause[1].isoformat()}",
            f"      reason: {rng.choice(BREAKS)}",
        ]
    return lines


def _summary(rng: random.Random, kind: str) -> str:
    if kind == "sport":
        return SUMMARIES[5]
    if kind == "creatief":
        return SUMMARIES[3]
    return rng.choice(SUMMARIES[:3] + SUMMARIES[4:5])


def _description(rng: random.Random, title: str, location: str, town_of: dict[str, str]) -> str:
    """Two stock paragraphs and one sentence of its own, so no two texts are quite the same."""
    if location == "online":
        own = f"{title} is online: je doet mee vanuit huis, met of zonder camera."
    else:
        town = town_of[location]
        own = (
            f"{title} is in {town}, op {rng.randint(2, 15)} minuten lopen van de bushalte. "
            f"Meestal zijn er {rng.randint(4, 14)} mensen."
        )
    return "\n\n".join([own, *rng.sample(PARAGRAPHS, 2)])


def generate(
    out: Path, offerings: int, seed: int = 1, build_date: date = date(2026, 11, 23), municipalities: int | None = None
) -> dict[str, int]:
    """Write the tree into ``out`` (emptied first); return the number of items of each kind."""
    rng = random.Random(f"{seed}-{offerings}")
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    for folder in ("locations", "trainings", "offerings"):
        (out / folder).mkdir(parents=True)

    towns = _municipalities(rng, municipalities or municipality_count(offerings))
    network = [
        "# yaml-language-server: $schema=../schema/network.schema.json",
        "name: Herstelnetwerk Nederland",
        "region: Nederland",
        "tagline: Samen werken aan herstel, dichtbij huis, gratis en zonder verwijzing.",
        f"site_url: https://{DOMAIN}/",
        "repository:",
        "  edit_url: https://github.com/herstelnetwerk/nederland/edit/main/",
        "  new_file_url: https://github.com/herstelnetwerk/nederland/new/main/",
        "brand:",
        "  logo: assets/logo.svg",
        '  primary_color: "#1d5c63"',
        '  accent_color: "#b3541e"',
        "contact: coordinatie",
        "contacts:",
    ]
    for key, (role, mailbox, phone) in CONTACTS.items():
        network += [f"  {key}:", f"    role: {role}", f"    email: {mailbox}@{DOMAIN}"]
        if phone:
            network.append(f"    phone: {phone}")
    network += ["review_after_days: 180", "municipalities:"]
    for slug, name, lat, lon in towns:
        network += [f"  - slug: {slug}", f"    name: {name}", f"    centre: [{lat}, {lon}]"]
    (out / "network.yaml").write_text("\n".join(network) + "\n", encoding="utf-8")

    # The logo that network.yaml names lives in the content folder, as in the example.
    (out / "assets").mkdir()
    shutil.copyfile(REPO / "activities" / "assets" / "logo.svg", out / "assets" / "logo.svg")

    # The example's search words, so the build does the work of matching every offer to the topics.
    shutil.copyfile(REPO / "activities" / "zoekwoorden.yaml", out / "zoekwoorden.yaml")

    trainings = sorted(p.stem for p in TRAININGS.glob("*.yaml"))
    for path in TRAININGS.glob("*.yaml"):
        shutil.copyfile(path, out / "trainings" / path.name)

    locations: list[tuple[str, str]] = []  # (slug, municipality slug)
    for index in range(max(1, offerings // 10)):
        slug_m, town, lat, lon = towns[index % len(towns)]
        name = f"{rng.choice(BUILDINGS)} {rng.choice(NAMES)}"
        slug = f"{name.lower().replace(' ', '-').replace('--', '-')}-{slug_m}-{index}"
        letters = "".join(rng.choice("ABCDEGHJKLMNPRSTVWXZ") for _ in range(2))
        yes = lambda p: "ja" if rng.random() < p else "nee"  # noqa: E731
        text = [
            "# yaml-language-server: $schema=../../schema/location.schema.json",
            f"name: {name}",
            f"address: {rng.choice(STREETS)} {rng.randint(1, 180)}",
            f"postcode: {rng.randint(1000, 9999)} {letters}",
            f"place: {town}",
            f"municipality: {slug_m}",
            f"coordinates: [{round(lat + rng.uniform(-0.03, 0.03), 4)}, {round(lon + rng.uniform(-0.03, 0.03), 4)}]",
            "accessibility:",
            f"  step_free: {yes(0.8)}",
            f"  accessible_toilet: {yes(0.7)}",
            f"  hearing_loop: {yes(0.3)}",
            f"  quiet_room: {yes(0.5)}",
        ]
        if rng.random() < 0.5:
            text.append("  note: Er is een kleine keuken waar je zelf thee kunt zetten.")
        text.append(
            "directions: "
            + _block(
                f"De bus stopt bij de halte {rng.choice(STREETS)}, op een paar minuten "
                "lopen.\nFietsen kun je voor de deur zetten."
            ).rstrip("\n")
        )
        (out / "locations" / f"{slug}.yaml").write_text("\n".join(text) + "\n", encoding="utf-8")
        locations.append((slug, slug_m))

    town_names = {slug: name for slug, name, _, _ in towns}
    town_of = {slug: town_names[municipality] for slug, municipality in locations}
    forms = ["weekly"] * 31 + ["biweekly"] * 12 + ["monthly"] * 14 + ["course"] * 28 + ["event"] * 10
    forms += ["every3"] * 1 + ["workdays"] * 1 + ["appointment"] * 2 + ["retreat"] * 1
    meetings = {p.stem: _meetings(p) for p in TRAININGS.glob("*.yaml")}
    for index in range(offerings):
        form = rng.choice(forms)
        online = rng.random() < 0.04
        location, town_slug = ("online", None) if online else rng.choice(locations)
        training = rng.choice(trainings) if form == "course" and rng.random() < 0.6 else None
        kind = rng.choice(TYPES)
        title = f"{rng.choice(ACTIVITIES[kind])}"
        base = training or title.lower().replace(" ", "-").replace("'", "")
        slug = f"{base}-{town_slug or 'online'}-{index}"
        text = ["# yaml-language-server: $schema=../../schema/offering.schema.json"]
        if training:
            text.append(f"training: {training}")
        else:
            text += [
                f"title: {_q(title)}",
                f"summary: {_q(_summary(rng, kind))}",
                "description: " + _block(_description(rng, title, location, town_of)).rstrip("\n"),
                f"type: {kind}",
            ]
        text.append(f"location: {location}")
        if online:
            text.append("municipalities: [" + ", ".join(t[0] for t in rng.sample(towns, min(len(towns), 3))) + "]")
        text += _schedule(rng, build_date, form, meetings.get(training or ""))
        text.append(f"audience: [{rng.choice(AUDIENCES)}]")
        text.append("themes: [" + ", ".join(rng.sample(THEMES, 2)) + "]")
        walk_in = not training and form != "appointment" and rng.random() < 0.6
        text += ["join:", f"  how: {'binnenlopen' if walk_in else 'aanmelden'}"]
        if not walk_in:
            text.append(f"  contact: {'aanmelden-trainingen' if training else rng.choice(list(CONTACTS))}")
            if rng.random() < 0.5:
                text.append("  note: Na je aanmelding bellen we je voor een kort kennismakingsgesprek.")
        text.append("cost: gratis" if rng.random() < 0.85 else 'cost: "€ 2 voor koffie en thee"')
        text.append("first_time: " + _block(rng.choice(FIRST_TIMES)).rstrip("\n"))
        text.append(f"provider: {rng.choice(PROVIDERS)}")
        text.append("languages: [nl]" if rng.random() < 0.9 else "languages: [nl, en]")
        status = rng.choices(["actief", "vol", "geannuleerd", "concept"], [90, 5, 3, 2])[0]
        text.append(f"status: {status}")
        text.append(f"last_checked: {(build_date - timedelta(days=rng.randint(0, 170))).isoformat()}")
        (out / "offerings" / f"{slug}.yaml").write_text("\n".join(text) + "\n", encoding="utf-8")

    return {
        "municipalities": len(towns),
        "locations": len(locations),
        "trainings": len(trainings),
        "offerings": offerings,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--offerings", type=int, default=500)
    parser.add_argument("--out", type=Path, required=True, help="folder to write (emptied first)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--build-date", type=date.fromisoformat, default=date(2026, 11, 23))
    parser.add_argument("--municipalities", type=int, default=None)
    parser.add_argument("--check", action="store_true", help="validate the tree with load_catalog afterwards")
    args = parser.parse_args(argv)
    out = args.out.resolve()
    if out == REPO or REPO in out.parents:
        parser.error("write the tree outside the repository, for example under /tmp")
    counts = generate(out, args.offerings, args.seed, args.build_date, args.municipalities)
    print(", ".join(f"{value} {key}" for key, value in counts.items()), "->", out)
    if args.check:
        sys.path.insert(0, str(REPO))
        from herstelnetwerk.loading.catalog import load_catalog
        from herstelnetwerk.loading.errors import ContentError

        try:
            loaded = load_catalog(out, args.build_date)
        except ContentError as error:
            print(error.summary())
            return 1
        print(f"valid: {len(loaded.catalog.offerings)} offerings, {len(loaded.warnings)} warnings")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
