"""Which search topics (from zoekwoorden.yaml) an offer or a training fits.

A topic fits when the offer matches any one of its lists: one of the themes, the
type, one of the audiences, or one of the words in the offer's own text. Words
are matched whole ("ontspanning" does not contain "spanning"), in any case and
with or without accents; a word of more than one ("moeilijke dagen") matches as a
phrase. The words of the text are taken in a row, so a phrase may also run across
two sentences. Plain Python: the finder adds the words of every fitting topic to
the offer's searchable text and shows the topic's name with it.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..loading.model import SearchTopic
from ..loading.words import words_of


def topics_for(
    topics: Iterable[SearchTopic],
    *,
    themes: Iterable[str] = (),
    types: Iterable[str] = (),
    audiences: Iterable[str] = (),
    text: str = "",
) -> list[SearchTopic]:
    """The topics that an offer with these themes, types, audiences and text fits, in the order given."""
    themes, types, audiences = set(themes), set(types), set(audiences)
    words = words_of(text)
    single = set(words)
    # Spaces around every word: a phrase is found as " moeilijke dagen " in the text's words in a row.
    in_a_row = f" {' '.join(words)} "

    def in_text(entry: str) -> bool:
        wanted = words_of(entry)
        if not wanted:  # the loader refuses such an entry; a topic made in code might hold one
            return False
        return wanted[0] in single if len(wanted) == 1 else f" {' '.join(wanted)} " in in_a_row

    return [
        topic
        for topic in topics
        if themes.intersection(topic.fits.themes)
        or types.intersection(topic.fits.types)
        or audiences.intersection(topic.fits.audiences)
        or any(in_text(entry) for entry in topic.fits.words)
    ]
