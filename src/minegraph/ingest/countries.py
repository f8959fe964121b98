"""Country words: names and demonyms of states, so that "Finland's" and "Finnish" both name FIN.

The names come from the gazetteer's state actors when it has them; the demonyms are English
language data kept here (the graph does not record them).
"""

from __future__ import annotations

from minegraph.ingest.fold import fold
from minegraph.ingest.model import Actor

DEMONYMS = {
    "AFG": ("Afghan", "Afghanistan"),
    "AGO": ("Angolan", "Angola"),
    "ARM": ("Armenian", "Armenia"),
    "AUT": ("Austrian", "Austria"),
    "AZE": ("Azerbaijani", "Azerbaijan"),
    "BEL": ("Belgian", "Belgium"),
    "BGR": ("Bulgarian", "Bulgaria"),
    "BLR": ("Belarusian", "Belarus"),
    "CAN": ("Canadian", "Canada"),
    "CHE": ("Swiss", "Switzerland"),
    "CHN": ("Chinese", "China"),
    "COL": ("Colombian", "Colombia"),
    "CZE": ("Czech", "Czechia"),
    "DEU": ("German", "Germany"),
    "DNK": ("Danish", "Denmark"),
    "ESP": ("Spanish", "Spain"),
    "EST": ("Estonian", "Estonia"),
    "FIN": ("Finnish", "Finland"),
    "FRA": ("French", "France"),
    "GBR": ("British", "United Kingdom"),
    "GEO": ("Georgian", "Georgia"),
    "GRC": ("Greek", "Greece"),
    "HRV": ("Croatian", "Croatia"),
    "HUN": ("Hungarian", "Hungary"),
    "IND": ("Indian", "India"),
    "IRL": ("Irish", "Ireland"),
    "IRN": ("Iranian", "Iran"),
    "ISL": ("Icelandic", "Iceland"),
    "ISR": ("Israeli", "Israel"),
    "ITA": ("Italian", "Italy"),
    "JPN": ("Japanese", "Japan"),
    "KHM": ("Cambodian", "Cambodia"),
    "KOR": ("South Korean", "South Korea"),
    "LBN": ("Lebanese", "Lebanon"),
    "LTU": ("Lithuanian", "Lithuania"),
    "LVA": ("Latvian", "Latvia"),
    "MDA": ("Moldovan", "Moldova"),
    "MMR": ("Burmese", "Myanmar"),
    "NLD": ("Dutch", "Netherlands"),
    "NOR": ("Norwegian", "Norway"),
    "PAK": ("Pakistani", "Pakistan"),
    "POL": ("Polish", "Poland"),
    "PRK": ("North Korean", "North Korea"),
    "PRT": ("Portuguese", "Portugal"),
    "ROU": ("Romanian", "Romania"),
    "RUS": ("Russian", "Russia"),
    "SRB": ("Serbian", "Serbia"),
    "SVK": ("Slovak", "Slovakia"),
    "SVN": ("Slovenian", "Slovenia"),
    "SWE": ("Swedish", "Sweden"),
    "TUR": ("Turkish", "Turkey"),
    "UKR": ("Ukrainian", "Ukraine"),
    "USA": ("American", "United States"),
}


class Countries:
    """Folded country word -> ISO3; multi-word names are matched on their folded text."""

    def __init__(self, actors: list[Actor]) -> None:
        self.by_word: dict[str, str] = {}
        self.names: dict[str, str] = {}
        for iso, (demonym, name) in sorted(DEMONYMS.items()):
            self._add(demonym, iso)
            self._add(name, iso)
            self.names[iso] = name
        for actor in actors:
            if actor.kind == "state" and actor.country:
                for label in (actor.label, *actor.aliases):
                    self._add(label, actor.country)
                self.names.setdefault(actor.country, actor.label)

    def _add(self, name: str, iso: str) -> None:
        self.by_word.setdefault(fold(name), iso)

    def lookup(self, phrase: str) -> str | None:
        """The ISO3 code a (possessive-free) country name or demonym names, or None."""
        return self.by_word.get(fold(phrase).strip())

    def find_all(self, folded_words: list[str]) -> list[str]:
        """Every country named in a folded word sequence (one- and two-word names), in order."""
        found: list[str] = []
        for i, w in enumerate(folded_words):
            pair = f"{w} {folded_words[i + 1]}" if i + 1 < len(folded_words) else None
            iso = self.by_word.get(pair) if pair else None
            iso = iso or self.by_word.get(w)
            if iso and iso not in found:
                found.append(iso)
        return found
