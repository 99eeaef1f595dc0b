"""The fixed value lists of the content, with their Dutch labels for the site."""

from __future__ import annotations

OFFERING_TYPES = (
    ("training", "Training of cursus"),
    ("inloop", "Inloop"),
    ("steunpunt", "Steunpunt"),
    ("spreekuur", "Spreekuur"),
    ("lotgenotengroep", "Lotgenotengroep"),
    ("herstelgroep", "Herstelgroep"),
    ("themabijeenkomst", "Themabijeenkomst"),
    ("sport", "Sport en bewegen"),
    ("creatief", "Creatief"),
    ("ontmoeting", "Ontmoeting"),
    ("coaching", "Ervaringsdeskundige coaching"),
    ("intervisie", "Intervisie"),
)

AUDIENCES = (
    ("iedereen", "Iedereen"),
    ("naasten", "Naasten en familie"),
    ("jongvolwassenen", "Jongvolwassenen"),
    ("migratieachtergrond", "Mensen met een migratieachtergrond"),
    ("verslavingservaring", "Mensen met ervaring met verslaving"),
    ("ervaringswerkers", "Ervaringswerkers"),
)

# The audiences that are people at work (paid or as volunteers), not residents
# looking for something for themselves. An offering meant only for them is listed
# apart from the residents' offer (planning.display.for_professionals).
PROFESSIONAL_AUDIENCES = frozenset({"ervaringswerkers"})

# The six dimensions of positive health.
THEMES = (
    ("meedoen", "Meedoen"),
    ("dagelijks-functioneren", "Dagelijks functioneren"),
    ("lichaamsfuncties", "Lichaam en gezondheid"),
    ("mentaal-welbevinden", "Je goed voelen"),
    ("zingeving", "Zingeving"),
    ("kwaliteit-van-leven", "Kwaliteit van leven"),
)

# MIND building blocks for participation and recovery: (code, Dutch label, group, what it covers in one line).
# Group A is in every self-help initiative, B in every region, C is the enabling context around them.
MIND_BLOCK_DETAILS = (
    (
        "sociale-participatie",
        "Sociale participatie",
        "A",
        "Elkaar ontmoeten: inloop, samen eten, sport, creatief, een maatje.",
    ),
    (
        "maatschappelijke-participatie",
        "Maatschappelijke participatie",
        "A",
        "Meedoen in de samenleving: vrijwilligerswerk, werkprojecten, een stap naar betaald werk.",
    ),
    (
        "ontwikkeling-zelfhulp",
        "Ontwikkeling en zelfhulp",
        "A",
        "Werken aan je eigen herstel: herstelcursussen, WRAP, HOP, herstel- en schrijfgroepen, lotgenoten.",
    ),
    ("informatie-advies", "Informatie en advies", "B", "Weten waar je terechtkunt: spreekuren, themabijeenkomsten."),
    (
        "individuele-steun",
        "Individuele steun",
        "B",
        "Steun van mens tot mens: herstelcoaching, crisiskaart, onafhankelijke steun, even op adem komen.",
    ),
    (
        "kwaliteit-ervaringsdeskundigheid",
        "Kwaliteit van ervaringsdeskundigheid",
        "B",
        "Ervaringsdeskundigen toerusten: trainingen, intervisie, werkervaringsplekken.",
    ),
    ("beleidsparticipatie", "Beleidsparticipatie", "C", "Mensen met eigen ervaring praten mee over beleid."),
    (
        "kwartiermaken",
        "Kwartiermaken en anti-stigma",
        "C",
        "Ruimte maken in buurt en samenleving, en vooroordelen verminderen.",
    ),
    (
        "scholing-professionals",
        "Scholing van professionals",
        "C",
        "Ervaringsdeskundigen scholen professionals in zorg en welzijn.",
    ),
    ("naastensteun", "Steun voor familie en naasten", "C", "Steun en ontmoeting voor familie en naasten."),
)
MIND_BLOCKS = tuple((key, label) for key, label, _group, _explanation in MIND_BLOCK_DETAILS)
MIND_GROUPS = (
    ("A", "In elk zelfhulp-initiatief"),
    ("B", "In elke regio"),
    ("C", "De omgeving die herstel mogelijk maakt"),
)

# The building blocks an offering of each type serves, unless the offering names its own
# (``mind_blocks``) or runs a training that names one (``mind_block``).
TYPE_MIND_BLOCKS = {
    "training": ("ontwikkeling-zelfhulp",),
    "inloop": ("sociale-participatie",),
    "steunpunt": ("sociale-participatie", "informatie-advies"),
    "spreekuur": ("informatie-advies",),
    "lotgenotengroep": ("ontwikkeling-zelfhulp",),
    "herstelgroep": ("ontwikkeling-zelfhulp",),
    "themabijeenkomst": ("informatie-advies",),
    "sport": ("sociale-participatie",),
    "creatief": ("sociale-participatie",),
    "ontmoeting": ("sociale-participatie",),
    "coaching": ("individuele-steun",),
    "intervisie": ("kwaliteit-ervaringsdeskundigheid",),
}
# An offering for these audiences also serves this building block.
AUDIENCE_MIND_BLOCKS = {"naasten": ("naastensteun",)}

LED_BY = (
    ("ervaringsdeskundigen", "Ervaringsdeskundigen"),
    ("professionals", "Professionals"),
    ("samen", "Ervaringsdeskundigen en professionals samen"),
    ("vrijwilligers", "Vrijwilligers"),
)

JOIN_HOW = (
    ("binnenlopen", "Je kunt gewoon binnenlopen"),
    ("aanmelden", "Vooraf aanmelden"),
)

STATUSES = (
    ("actief", "Gaat door"),
    ("vol", "Vol"),
    ("geannuleerd", "Gaat niet door"),
    ("concept", "Nog niet zichtbaar"),
)

REPEATS = (
    ("wekelijks", "Elke week"),
    ("tweewekelijks", "Om de week"),
    ("maandelijks", "Elke maand"),
)

WEEKDAYS = (
    ("maandag", "maandag"),
    ("dinsdag", "dinsdag"),
    ("woensdag", "woensdag"),
    ("donderdag", "donderdag"),
    ("vrijdag", "vrijdag"),
    ("zaterdag", "zaterdag"),
    ("zondag", "zondag"),
)

# A rule's days: the weekdays, and all working days at once.
WORKING_DAYS_KEY = "werkdagen"
SCHEDULE_DAYS = (*WEEKDAYS, (WORKING_DAYS_KEY, "maandag tot en met vrijdag"))
WEEKDAY_NUMBERS = {key: (number,) for number, (key, _) in enumerate(WEEKDAYS)}
WORKING_DAYS = (0, 1, 2, 3, 4)

WEEKS_OF_MONTH = (
    ("1", "eerste"),
    ("2", "tweede"),
    ("3", "derde"),
    ("4", "vierde"),
    ("laatste", "laatste"),
)

LANGUAGES = {
    "nl": "Nederlands",
    "en": "Engels",
    "ar": "Arabisch",
    "tr": "Turks",
    "pl": "Pools",
    "uk": "Oekraïens",
    "ti": "Tigrinya",
    "fy": "Fries",
    "de": "Duits",
    "so": "Somalisch",
}

# Licences of the open data (network.yaml ``open_data_licence``): code, name, and the licence's own page.
OPEN_DATA_LICENCES = (
    ("cc0", "CC0 1.0: vrij te gebruiken, zonder voorwaarden"),
    ("cc-by-4.0", "CC BY 4.0: vrij te gebruiken, met vermelding van de bron"),
)
LICENCES = {
    "cc0": ("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/deed.nl"),
    "cc-by-4.0": ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/deed.nl"),
}
