"""What an offering is called and where it is, as the public sees it.

One place for the rules the page views and the iCal feeds share: an offering
that refers to a training takes the training's title, summary and description
when it has none of its own; an online offering without ``municipalities`` is
for the whole region. The provider is deliberately absent: the network is a
neutral brand and never shows which partner runs an activity.
"""

from __future__ import annotations

from ..loading.model import Catalog, Location, Offering, Training


def training_of(offering: Offering, catalog: Catalog) -> Training | None:
    """The training this offering is a run of, if any (references are checked by the loader)."""
    return catalog.trainings[offering.training] if offering.training else None


def title(offering: Offering, catalog: Catalog) -> str:
    training = training_of(offering, catalog)
    return offering.title or training.title  # type: ignore[union-attr]


def summary(offering: Offering, catalog: Catalog) -> str:
    training = training_of(offering, catalog)
    return offering.summary or training.summary  # type: ignore[union-attr]


def description(offering: Offering, catalog: Catalog) -> str | None:
    """Markdown; the offering's own text, else the training's."""
    training = training_of(offering, catalog)
    return offering.description or (training.description if training else None)


def offering_type(offering: Offering) -> str:
    return offering.type or "training"


def place(location: Location, catalog: Catalog) -> str:
    """The town as on an envelope: ``place``, else the municipality's name."""
    if location.place:
        return location.place
    municipality = catalog.network.municipality(location.municipality)
    return municipality.name if municipality else location.municipality


def address_line(offering: Offering, catalog: Catalog) -> str:
    """``Buurthuis De Koppeling, Stationsstraat 12, 3811 AB Amersfoort``, or ``Online``."""
    if offering.is_online:
        return "Online"
    location = catalog.locations[offering.location]
    return f"{location.name}, {location.address}, {location.postcode} {place(location, catalog)}"


def coordinates(offering: Offering, catalog: Catalog) -> tuple[float, float] | None:
    if offering.is_online:
        return None
    return catalog.locations[offering.location].coordinates


def municipalities(offering: Offering, catalog: Catalog) -> list[str]:
    """Slugs of the municipalities whose residents find this offering.

    A location belongs to one municipality. An online offering belongs to the
    municipalities it lists, or to every municipality of the network.
    """
    if offering.is_online:
        return list(offering.municipalities) or [m.slug for m in catalog.network.municipalities]
    return [catalog.locations[offering.location].municipality]
