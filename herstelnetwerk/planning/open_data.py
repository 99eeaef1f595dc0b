"""The page "Open data": what the site publishes for others to take over, in which format, under which licence.

The files themselves are written by ``outputs.open_data`` and ``outputs.atom``;
their addresses and the words that describe them are here, once, so the page
and the files cannot tell a different story.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..loading.vocabulary import LICENCES
from . import urls
from .site_data import SiteData

# The open data lists the sessions of this many days from the build date on.
SESSION_DAYS = 91
HSDS_FILE = "hsds/services.json"
CSV_FILE = "aanbod.csv"
# The version of the export: raised when its shape changes, so that those who take it over notice.
EXPORT_VERSION = "1"
HSDS_VERSION = "3.0.1"


@dataclass
class PublishedFile:
    label: str
    url: str  # relative to the site
    what: str


@dataclass
class OpenDataView:
    network: str
    licence: str
    licence_url: str
    files: list[PublishedFile]
    session_days: int
    version: str


def licence_of(data: SiteData) -> tuple[str, str]:
    """The licence's name and address."""
    return LICENCES[data.network.open_data_licence]


def open_data_page(data: SiteData) -> OpenDataView:
    licence, licence_url = licence_of(data)
    return OpenDataView(
        network=data.network.name,
        licence=licence,
        licence_url=licence_url,
        files=[
            PublishedFile(
                "Het hele aanbod in Open Referral HSDS " + HSDS_VERSION + " (JSON)",
                urls.open_data_file(HSDS_FILE),
                "Alle activiteiten en trainingen met hun plek, toegankelijkheid, contact (alleen rollen) "
                f"en de bijeenkomsten van de komende {SESSION_DAYS} dagen.",
            ),
            PublishedFile(
                "Het aanbod als spreadsheet (CSV)",
                urls.open_data_file(CSV_FILE),
                "Eén regel per activiteit: wat, waar, wanneer, voor wie en hoe je meedoet. "
                "Opent in Excel, LibreOffice en Google Spreadsheets.",
            ),
            PublishedFile(
                "Nieuwe en gewijzigde activiteiten (Atom-feed)",
                urls.NEW_OFFERINGS_FEED,
                "Voor een feedlezer: de activiteiten die het laatst zijn nagekeken of toegevoegd, nieuwste eerst.",
            ),
            PublishedFile("Nieuws (Atom-feed)", urls.NEWS_FEED, "De nieuwsberichten, nieuwste eerst."),
            PublishedFile(
                "Agenda's (iCal)", urls.feed("alles"), "Alle bijeenkomsten, ook per gemeente, training en activiteit."
            ),
        ],
        session_days=SESSION_DAYS,
        version=EXPORT_VERSION,
    )
