"""The finder's filter names, in one place.

The same names are the finder's address (``zoeken/?gemeente=soest&binnenlopen=ja``),
the filters in the search index, the fields of the finder's form and the names its
script reads. The views and the search records take them from here, and the
finder page hands them to its script as data, so no list is copied.

A leaf module: it imports nothing of the package.
"""

from __future__ import annotations

from urllib.parse import urlencode

# Filters whose values are the keys of a list (a municipality's slug, a type, ...).
MUNICIPALITY = "gemeente"
TYPE = "soort"
AUDIENCE = "voor"
THEME = "thema"
LISTS = (MUNICIPALITY, TYPE, AUDIENCE, THEME)

# Filters that are on or off; a page that has the property carries the value YES.
WALK_IN = "binnenlopen"
FREE = "gratis"
STEP_FREE = "drempelvrij"
ONLINE = "online"
APPOINTMENT = "afspraak"  # by appointment: no dates, you agree on a time
YES_NO = (WALK_IN, FREE, STEP_FREE, ONLINE, APPOINTMENT)
YES = "ja"

# Filters the script sets itself, from the form's choices about time and place.
DATE = "datum"  # the dates of the coming sessions
PLACE = "plek"  # a location's coordinates, for "near me"
NEXT = "volgende"  # the next session's start, to list the soonest first
TOPIC = "onderwerp"  # the search-word topics a page fits, as words of their own (``topic_word``)
TOPIC_WORD = "hnonderwerp"  # with the topic's number in zoekwoorden.yaml: a word no text holds

# Fields of the form that are not filters of the index.
QUERY = "q"
WHEN = "wanneer"  # its values: these three, and the names of the weekdays
TODAY = "vandaag"
THIS_WEEK = "week"
THIS_MONTH = "maand"
FROM = "van"
UNTIL = "tot"

# The finder's own address, relative to the site.
FINDER = "zoeken/"


def finder_url(*chosen: tuple[str, str]) -> str:
    """The finder with these (filter, value) pairs chosen: ``zoeken/?gemeente=soest``."""
    return FINDER + "?" + urlencode(chosen)


def topic_word(number: int) -> str:
    """``hnonderwerp3``: the word in the record of every page that fits topic 3 (digits, so no stemming)."""
    return f"{TOPIC_WORD}{number}"


def script_names() -> dict[str, object]:
    """The names the finder's script needs, handed over in the page's data."""
    return {
        "lists": list(LISTS),
        "yesNo": list(YES_NO),
        "yes": YES,
        "date": DATE,
        "place": PLACE,
        "next": NEXT,
        "topic": TOPIC,
        "topicWord": TOPIC_WORD,
        "query": QUERY,
        "when": WHEN,
        "today": TODAY,
        "thisWeek": THIS_WEEK,
        "thisMonth": THIS_MONTH,
        "from": FROM,
        "until": UNTIL,
        "municipality": MUNICIPALITY,
        "walkIn": WALK_IN,
        "free": FREE,
        "appointment": APPOINTMENT,
    }
