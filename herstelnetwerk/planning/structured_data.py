"""What search engines read about a page: schema.org facts as JSON-LD, made from the site data.

An activity is an ``EventSeries`` (a run of a training: a ``CourseInstance``)
with its coming sessions as events, each with its status: a cancelled one is
``EventCancelled``, a moved one ``EventRescheduled`` with the date it had. A
training is a ``Course`` with its runs; a location a ``Place``. The organiser
is always the network, never the provider (the network is a neutral brand).

Only what the content holds is said: no price when the content gives none
(only whether it is free), no accessibility fact that nobody filled in, no
time zone guessed (the site's sessions are in Europe/Amsterdam, with offsets).

``script_text`` writes the JSON so that it can stand inside a ``<script>``
element: no value can close the element or start markup there.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..loading.model import Location, Offering
from ..loading.schedule import TZ, first_date
from . import display, urls
from .site_data import BY_AUDIENCE, TYPE_LABELS, SiteData, embedded_json

SCHEMA = "https://schema.org"
# How many coming sessions an activity's data lists (its page shows as many; the feed has them all).
SESSIONS_LISTED = 12
# How many runs a training's data lists: in a national network one training has thousands
# (each run's own page has its full data).
RUNS_LISTED = 50

# Access facts of a location as schema.org amenity features, by the name of the field.
ACCESS_FEATURES = {
    "step_free": "Drempelvrije ingang",
    "accessible_toilet": "Aangepast toilet",
    "hearing_loop": "Ringleiding",
    "quiet_room": "Stille ruimte",
}
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_FREQUENCY = {"wekelijks": "P1W", "tweewekelijks": "P2W", "maandelijks": "P1M"}
_MONTH_WEEK = {"1": 1, "2": 2, "3": 3, "4": 4, "laatste": -1}

# Written as JSON escapes, so the text stays inside a <script> element and any HTML parser reads it:
# '<' and '>' can never form '</script' or '<!--', '&' no character reference, and the line and
# paragraph separators (valid in JSON, not in older JavaScript) no line break.
_SCRIPT_UNSAFE = "<>&\u2028\u2029"


def script_text(data: dict[str, Any]) -> Markup:
    """``data`` as JSON for a ``<script type="application/ld+json">`` element, safe to print as it is."""
    return embedded_json(data, _SCRIPT_UNSAFE)


def absolute(data: SiteData, url: str) -> str:
    return data.network.site_url + url


def organizer(data: SiteData) -> dict[str, Any]:
    """The network: the organiser of everything on the site."""
    network = data.network
    return {
        "@type": "Organization",
        "@id": network.site_url + "#netwerk",
        "name": network.name,
        "url": network.site_url,
    }


def place(data: SiteData, location: Location) -> dict[str, Any]:
    """A location with its address, where it is, and the access facts the content gives."""
    found: dict[str, Any] = {
        "@type": "Place",
        "@id": absolute(data, urls.location(location.slug)) + "#plek",
        "name": location.name,
        "url": absolute(data, urls.location(location.slug)),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": location.address,
            "postalCode": location.postcode,
            "addressLocality": data.town(location),
            "addressCountry": "NL",
        },
    }
    if location.coordinates:
        latitude, longitude = location.coordinates
        found["geo"] = {"@type": "GeoCoordinates", "latitude": latitude, "longitude": longitude}
    features = [
        {"@type": "LocationFeatureSpecification", "name": name, "value": value}
        for field, name in ACCESS_FEATURES.items()
        if (value := getattr(location.accessibility, field)) is not None
    ]
    if features:
        found["amenityFeature"] = features
    return found


def _where(data: SiteData, offering: Offering) -> dict[str, Any]:
    if offering.is_online:
        return {"@type": "VirtualLocation", "url": absolute(data, urls.offering(offering.slug))}
    return place(data, data.catalog.locations[offering.location])


def _reference(where: dict[str, Any]) -> dict[str, Any]:
    """A place as a pointer with its name (its own page has the rest); an online place as it is."""
    if "@id" not in where:
        return where
    return {"@type": "Place", "@id": where["@id"], "name": where["name"], "url": where["url"]}


def _attendance(offering: Offering) -> str:
    return f"{SCHEMA}/OnlineEventAttendanceMode" if offering.is_online else f"{SCHEMA}/OfflineEventAttendanceMode"


def event_schedule(offering: Offering) -> dict[str, Any] | None:
    """A repeating schedule as a schema.org ``Schedule``; None for separate dates (the events list them)
    or by appointment (there are no sessions). Its exceptions are in the sessions listed."""
    schedule = offering.schedule
    if schedule.appointment or schedule.dates or schedule.repeat is None or not schedule.weekdays:
        return None
    if schedule.start is None or schedule.end is None or schedule.first is None:
        return None
    if schedule.repeat == "maandelijks":
        frequency = "P1M"
    else:
        frequency = f"P{2 if schedule.repeat == 'tweewekelijks' else schedule.interval or 1}W"
    days = [f"{SCHEMA}/{_WEEKDAYS[number]}" for number in schedule.weekdays]
    found: dict[str, Any] = {
        "@type": "Schedule",
        "repeatFrequency": frequency,
        "byDay": days[0] if len(days) == 1 else days,
        "startDate": first_date(schedule).isoformat(),
        "startTime": schedule.start.strftime("%H:%M"),
        "endTime": schedule.end.strftime("%H:%M"),
        "scheduleTimezone": TZ.key,
    }
    if schedule.repeat == "maandelijks" and schedule.week in _MONTH_WEEK:
        found["byMonthWeek"] = _MONTH_WEEK[schedule.week]
    if schedule.until is not None:
        found["endDate"] = schedule.until.isoformat()
    if schedule.count is not None:
        found["repeatCount"] = schedule.count
    return found


def offering_data(data: SiteData, slug: str) -> dict[str, Any]:
    """An activity and its coming sessions (an ``EventSeries``, or a ``CourseInstance`` for a training's run)."""
    catalog = data.catalog
    entry = data.agenda.entries[slug]
    offering = entry.offering
    url = absolute(data, urls.offering(slug))
    name = display.title(offering, catalog)
    training = display.training_of(offering, catalog)
    common: dict[str, Any] = {
        "eventAttendanceMode": _attendance(offering),
        "location": _where(data, offering),
        "organizer": {"@id": organizer(data)["@id"]},
        "inLanguage": list(offering.languages),
    }
    if offering.is_free:
        common["isAccessibleForFree"] = True
    found: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "CourseInstance" if training else "EventSeries",
        "@id": url + "#activiteit",
        "name": name,
        "description": display.summary(offering, catalog),
        "url": url,
        "eventStatus": f"{SCHEMA}/EventCancelled" if offering.status == "geannuleerd" else f"{SCHEMA}/EventScheduled",
        "audience": [{"@type": "Audience", "audienceType": data.label(BY_AUDIENCE, key)} for key in offering.audience],
        "keywords": TYPE_LABELS[display.offering_type(offering)],
        **common,
    }
    if training:
        found["courseMode"] = "online" if offering.is_online else "onsite"
    schedule = event_schedule(offering)
    if schedule is not None:
        found["eventSchedule"] = schedule
    events = []
    for session in entry.sessions[:SESSIONS_LISTED]:
        event: dict[str, Any] = {
            "@type": "Event",
            "name": f"{name}: {session.title}" if session.title else name,
            "url": url,
            "startDate": session.start.isoformat(),
            "endDate": session.end.isoformat(),
            "eventStatus": f"{SCHEMA}/EventScheduled",
        }
        if session.cancelled or offering.status == "geannuleerd":
            event["eventStatus"] = f"{SCHEMA}/EventCancelled"
        elif session.moved:
            event["eventStatus"] = f"{SCHEMA}/EventRescheduled"
            event["previousStartDate"] = session.original.isoformat()
        # The place once, on the series; each session points to it (a page has up to a dozen of them).
        event["eventAttendanceMode"] = common["eventAttendanceMode"]
        event["location"] = {"@id": common["location"]["@id"]} if "@id" in common["location"] else common["location"]
        events.append(event)
    if events:
        found["subEvent"] = events
    return {"@context": SCHEMA, "@graph": [{k: v for k, v in found.items() if k != "@context"}, organizer(data)]}


def training_data(data: SiteData, slug: str) -> dict[str, Any]:
    """A training as a ``Course``, with its runs on the site as course instances."""
    training = data.catalog.trainings[slug]
    course: dict[str, Any] = {
        "@type": "Course",
        "@id": absolute(data, urls.training(slug)) + "#training",
        "name": training.title,
        "description": training.summary,
        "url": absolute(data, urls.training(slug)),
        "provider": {"@id": organizer(data)["@id"]},
        "isAccessibleForFree": True,
        "audience": [{"@type": "Audience", "audienceType": data.label(BY_AUDIENCE, key)} for key in training.audience],
    }
    if training.prerequisites:
        course["coursePrerequisites"] = [
            {"@type": "Course", "name": data.catalog.trainings[p].title, "url": absolute(data, urls.training(p))}
            for p in training.prerequisites
        ]
    runs = []
    for run in data.by_training.get(slug, [])[:RUNS_LISTED]:
        entry = data.agenda.entries[run]
        instance: dict[str, Any] = {
            "@type": "CourseInstance",
            "@id": absolute(data, urls.offering(run)) + "#activiteit",
            "name": display.title(entry.offering, data.catalog),
            "url": absolute(data, urls.offering(run)),
            "courseMode": "online" if entry.offering.is_online else "onsite",
            "eventAttendanceMode": _attendance(entry.offering),
            "location": _reference(_where(data, entry.offering)),
        }
        if entry.next_session is not None:
            instance["startDate"] = entry.next_session.start.isoformat()
        runs.append(instance)
    if runs:
        course["hasCourseInstance"] = runs
    return {"@context": SCHEMA, "@graph": [course, organizer(data)]}


def location_data(data: SiteData, slug: str) -> dict[str, Any]:
    """A location as a ``Place``, with the activities that run there."""
    location = data.catalog.locations[slug]
    found = place(data, location)
    here = data.by_location.get(slug, [])
    if here:
        found["event"] = [
            {
                "@type": "CourseInstance" if data.agenda.entries[s].offering.training else "EventSeries",
                "@id": absolute(data, urls.offering(s)) + "#activiteit",
                "name": data.cards[s].title,
                "url": absolute(data, urls.offering(s)),
            }
            for s in here
        ]
    return {"@context": SCHEMA, **found}
