"""What an offering is called and where it is, as the public sees it.

One place for the rules the page views and the iCal feeds share: an offering
that refers to a training takes the training's title, summary and description
when it has none of its own; an online offering without ``municipalities`` is
for the whole region. The provider is deliberately absent: the network is a
neutral brand and never shows which partner runs an activity.
"""

from __future__ import annotations

from ..loading.model import Catalog, Location, Offering, Training

# The MIND building block whose participants are professionals by definition.
TRAINING_OF_PROFESSIONALS = "scholing-professionals"


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


def for_professionals(offering: Offering, catalog: Catalog) -> bool:
    """Meant for people at work, not for residents: listed under its own heading, never among residents' offers.

    That is so when every audience it names is a professional one (the peer
    workers' intervision), or when it runs a training of professionals (MIND
    building block ``scholing-professionals``): the vocabulary has no audience
    for, say, GPs, so such a training may well say ``iedereen``. An offering for
    residents *and* peer workers (``[iedereen, ervaringswerkers]``) is for
    residents; so is a training on using your own experience (WMEE), which is
    for residents who may become peer workers.
    """
    if offering.audience and set(offering.audience) <= catalog.network.professional_audiences:
        return True
    training = training_of(offering, catalog)
    return training is not None and training.mind_block == TRAINING_OF_PROFESSIONALS


# The type of an offering that runs a training (it names no type of its own), and of a training itself.
TRAINING_TYPE = "training"


def offering_type(offering: Offering) -> str:
    return offering.type or TRAINING_TYPE


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
