"""The offer as open data: Open Referral HSDS 3 (JSON) and a CSV for spreadsheets.

HSDS, the Human Services Data Specification, is the standard of directories of
services such as a municipality's social map: a *service* with where it is
given (*service at location*, with the *location*, its address and
accessibility), how to reach it (*contacts*: roles only, as on the site), its
languages and its *schedules*. OpenActive, the other candidate, describes
physical activity: it requires an activity from its sports list and a region in
every address, which this content does not have; HSDS asks nothing we would
have to make up. (Its address does require a province, which the content does
not hold: it is left empty rather than guessed.)

Each coming session (for ``SESSION_DAYS`` days) is one schedule of its day, so
a reader gets exactly the sessions the iCal feeds give for those days;
cancelled sessions are not in it. Identifiers are UUIDs derived from the site's
address and the page, so they stay the same from build to build.

The CSV is UTF-8 with a byte-order mark, so that Excel reads its accents, and
one row per activity.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import uuid
from datetime import timedelta
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from ..loading.agenda import Entry
from ..loading.model import Location
from ..loading.vocabulary import LANGUAGES
from ..planning import display, urls
from ..planning.open_data import CSV_FILE, EXPORT_VERSION, HSDS_FILE, HSDS_VERSION, SESSION_DAYS
from ..planning.site_data import BY_AUDIENCE, BY_THEME, JOIN_LABELS, SiteData
from ..planning.views import ACCESS_FACTS

CSV_COLUMNS = (
    "id",
    "titel",
    "samenvatting",
    "soort",
    "training",
    "wanneer",
    "volgende_keer",
    "online",
    "plek",
    "adres",
    "postcode",
    "plaats",
    "gemeente",
    "meedoen",
    "contact",
    "email",
    "telefoon",
    "kosten",
    "gratis",
    "voor_wie",
    "themas",
    "talen",
    "gecontroleerd_op",
    "webadres",
)


def _id(data: SiteData, *parts: str) -> str:
    """A UUID that stays the same for the same thing on the same site.

    It is ``uuid.uuid5(uuid.NAMESPACE_URL, site_url + "#" + "/".join(parts))``,
    made without the UUID object: an export of a large network has hundreds of
    thousands of them, and the object took most of the time.
    """
    digest = _hash_of_site(data.network.site_url).copy()
    digest.update("/".join(parts).encode())
    named = bytearray(digest.digest()[:16])
    named[6] = named[6] & 0x0F | 0x50  # version 5
    named[8] = named[8] & 0x3F | 0x80  # the variant of RFC 9562
    text = named.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


@lru_cache(maxsize=4)
def _hash_of_site(site_url: str) -> Any:
    """SHA-1 after the URL namespace and ``site_url#``: what every identifier of that site starts from."""
    return hashlib.sha1(uuid.NAMESPACE_URL.bytes + (site_url + "#").encode(), usedforsecurity=False)


def _location(data: SiteData, location: Location) -> dict[str, Any]:
    found: dict[str, Any] = {
        "id": _id(data, "locatie", location.slug),
        "location_type": "physical",
        "url": data.network.site_url + urls.location(location.slug),
        "name": location.name,
        "addresses": [
            {
                "id": _id(data, "adres", location.slug),
                "address_1": location.address,
                "city": data.town(location),
                "state_province": "",
                "postal_code": location.postcode,
                "country": "NL",
                "address_type": "physical",
            }
        ],
        "accessibility": [],
    }
    if location.coordinates:
        found["latitude"], found["longitude"] = location.coordinates
    access = location.accessibility
    for name, yes, no in ACCESS_FACTS:
        flag = getattr(access, name)
        text = yes if flag is True else no if flag is False else None
        if text:
            found["accessibility"].append({"id": _id(data, "toegang", location.slug, name), "description": text})
    if access.note:
        found["accessibility"].append(
            {"id": _id(data, "toegang", location.slug, "toelichting"), "details": access.note}
        )
    return found


def _schedules(data: SiteData, entry: Entry) -> list[dict[str, Any]]:
    """One schedule per coming session that takes place, each for its own day; by appointment, one that says so."""
    if entry.offering.schedule.appointment:
        return [{"id": _id(data, "op-afspraak", entry.slug), "description": "Op afspraak", "notes": APPOINTMENT_NOTE}]
    first = data.agenda.build_date
    last = first + timedelta(days=SESSION_DAYS - 1)
    page = data.network.site_url + urls.offering(entry.slug)
    found = []
    for session in entry.sessions:
        day = session.start.date()
        if session.cancelled or not first <= day <= last:
            continue
        offset = session.start.utcoffset()
        details = {key: value for key, value in (("description", session.title), ("notes", session.note)) if value}
        found.append(
            {
                "id": _id(data, "bijeenkomst", entry.slug, session.start.isoformat()),
                "valid_from": day.isoformat(),
                "valid_to": session.end.date().isoformat(),
                "dtstart": day.isoformat(),
                "timezone": offset.total_seconds() / 3600 if offset is not None else 0,
                "opens_at": session.start.strftime("%H:%M"),
                "closes_at": session.end.strftime("%H:%M"),
                "schedule_link": page,
                **details,
            }
        )
    return found


def service(data: SiteData, entry: Entry) -> dict[str, Any]:
    """One activity as an HSDS service."""
    catalog = data.catalog
    offering = entry.offering
    network = data.network
    page = network.site_url + urls.offering(entry.slug)
    card = data.cards[entry.slug]
    join = offering.join
    contact = network.contacts.get(join.contact) if join.contact else None
    description = display.summary(offering, catalog)
    long_text = display.description(offering, catalog)
    application = JOIN_LABELS[join.how] + (f". {join.note}" if join.note else "")
    found: dict[str, Any] = {
        "id": _id(data, "activiteit", entry.slug),
        "organization_id": _id(data, "netwerk"),
        "name": card.title,
        "description": description + ("\n\n" + long_text if long_text else ""),
        "url": page,
        "status": "active",
        "application_process": application,
        "fees_description": offering.cost,
        "eligibility_description": ", ".join(data.label(BY_AUDIENCE, a) for a in offering.audience),
        "assured_date": offering.last_checked.isoformat(),
        "languages": [
            {"id": _id(data, "taal", entry.slug, code), "name": LANGUAGES[code], "code": code}
            for code in offering.languages
        ],
        "schedules": [],
        "service_at_locations": [],
        "contacts": [],
        "organization": _organization(data),
    }
    if offering.is_free:
        found["cost_options"] = [
            {"id": _id(data, "kosten", entry.slug), "option": "gratis", "amount": 0, "currency": "EUR"}
        ]
    if contact is not None:
        role: dict[str, Any] = {"id": _id(data, "contact", entry.slug), "title": contact.role}
        if contact.email:
            role["email"] = contact.email
        if contact.phone:
            role["phones"] = [{"id": _id(data, "telefoon", entry.slug), "number": contact.phone}]
        found["contacts"].append(role)
    schedules = _schedules(data, entry)
    if offering.is_online:
        found["service_at_locations"].append(
            {
                "id": _id(data, "activiteit-plek", entry.slug),
                "description": "Online",
                "location": {"id": _id(data, "online", entry.slug), "location_type": "virtual", "url": page},
                "schedules": schedules,
            }
        )
        found["service_areas"] = [
            {"id": _id(data, "gebied", entry.slug, slug), "name": data.municipality_name(slug)}
            for slug in display.municipalities(offering, catalog)
        ]
    else:
        location = catalog.locations[offering.location]
        found["service_at_locations"].append(
            {
                "id": _id(data, "activiteit-plek", entry.slug),
                "location": _location(data, location),
                "schedules": schedules,
            }
        )
    found["attributes"] = []
    for theme in offering.themes:
        found["attributes"].append(
            {
                "id": _id(data, "thema", entry.slug, theme),
                "link_entity": "service",
                "value": data.label(BY_THEME, theme),
                "taxonomy_term": {
                    "id": _id(data, "thema", theme),
                    "name": data.label(BY_THEME, theme),
                    "description": "Dimensie van positieve gezondheid",
                },
            }
        )
    return found


def _organization(data: SiteData) -> dict[str, Any]:
    """The network, which offers everything under its own name (never the provider)."""
    network = data.network
    return {
        "id": _id(data, "netwerk"),
        "name": network.name,
        "description": network.tagline or network.name,
        "website": network.site_url,
    }


def hsds_head(data: SiteData, count: int) -> dict[str, Any]:
    """The page around the services: the shape of the standard's ``/services`` answer, all on one page."""
    return {
        "total_items": count,
        "total_pages": 1,
        "page_number": 1,
        "size": count,
        "first_page": True,
        "last_page": True,
        "empty": count == 0,
        "hsds_version": HSDS_VERSION,
        "export_version": EXPORT_VERSION,
        "generated_on": data.agenda.build_date.isoformat(),
    }


def write_hsds(file: IO[str], data: SiteData) -> None:
    """Every activity on the site as HSDS services, one page of them, written service by service.

    A national network has tens of thousands: the whole export as Python objects
    would take gigabytes, one service at a time takes a few kilobytes.
    """
    entries = data.agenda.visible()
    head = json.dumps(hsds_head(data, len(entries)), ensure_ascii=False)
    file.write(head[:-1] + ', "contents": [')
    for number, entry in enumerate(entries):
        file.write(",\n" if number else "\n")
        file.write(json.dumps(service(data, entry), ensure_ascii=False, separators=(",", ":")))
    file.write("\n]}\n")


def csv_export(data: SiteData) -> bytes:
    """One row per activity, for a spreadsheet."""
    catalog = data.catalog
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for entry in data.agenda.visible():
        offering = entry.offering
        card = data.cards[entry.slug]
        location = None if offering.is_online else catalog.locations[offering.location]
        contact = catalog.network.contacts.get(offering.join.contact) if offering.join.contact else None
        training = display.training_of(offering, catalog)
        row = [
            entry.slug,
            card.title,
            card.summary,
            card.type_label,
            training.title if training else "",
            card.rhythm,
            entry.next_session.start.isoformat() if entry.next_session else "",
            "ja" if offering.is_online else "nee",
            location.name if location else "Online",
            location.address if location else "",
            location.postcode if location else "",
            data.town(location) if location else "",
            ", ".join(data.municipality_name(m) for m in display.municipalities(offering, catalog)),
            JOIN_LABELS[offering.join.how],
            contact.role if contact else "",
            contact.email or "" if contact else "",
            contact.phone or "" if contact else "",
            offering.cost,
            "ja" if offering.is_free else "nee",
            ", ".join(data.label(BY_AUDIENCE, a) for a in offering.audience),
            ", ".join(data.label(BY_THEME, t) for t in offering.themes),
            ", ".join(LANGUAGES[code] for code in offering.languages),
            offering.last_checked.isoformat(),
            data.network.site_url + urls.offering(entry.slug),
        ]
        writer.writerow([_cell(value) for value in row])
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


APPOINTMENT_NOTE = "Er zijn geen vaste data. Maak een afspraak via het contact."

# A cell a spreadsheet would read as a formula starts with one of these: it gets a leading quote.
_FORMULA_START = ("=", "+", "-", "@")


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def write_open_data(folder: Path, data: SiteData) -> None:
    """Write both files into ``folder`` at their paths in the site."""
    hsds = folder / urls.open_data_file(HSDS_FILE)
    hsds.parent.mkdir(parents=True, exist_ok=True)
    with hsds.open("w", encoding="utf-8", newline="\n") as file:
        write_hsds(file, data)
    (folder / urls.open_data_file(CSV_FILE)).write_bytes(csv_export(data))
