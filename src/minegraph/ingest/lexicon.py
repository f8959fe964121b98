"""Word lists of the extractor: speech verbs, role and body words, documents, pronouns (English)."""

from __future__ import annotations

import re

# Verbs introducing a direct quotation (before or after it).
SAY = (
    "said|says|say|told|tells|tell|added|adds|add|stated|states|state|stating|recalled|recalls|explained|"
    "explains|claimed|claims|warned|warns|insisted|insists|noted|notes|argued|argues|stressed|stresses|"
    "wrote|writes|write|reads|read|asked|asks|replied|replies|answered|answers|declared|declares|"
    "continued|continues|urged|urges|commented|comments|emphasised|emphasized|emphasises|emphasizes|"
    "announced|announces|acknowledged|admitted|admits|concluded|concludes|observed|remarked|suggested|"
    "suggests|confirmed|confirms|conceded|cautioned|vowed|pledged|promised|predicted|asserted|"
    "maintained|maintains|saying|adding|telling|recalling|explaining|warning|insisting|writing|"
    "considers|considered|believes|believed|described|describes|called|calls|citing|cited|cites|"
    "issued a joint statement|issued a statement|said in a statement|according to"
)
SAY_RE = re.compile(rf"\b(?:{SAY})\b", re.IGNORECASE)

# Verbs that attribute a paraphrase to the subject before them ("X said (that) ...").
PARA_SPEECH = (
    "said|says|told|tells|added|adds|stated|explained|explains|claimed|claims|warned|warns|"
    "insisted|insists|noted|notes|argued|argues|stressed|stresses|believes|believe|considers|"
    "acknowledged|admitted|conceded|confirmed|confirms|recalled|recalls|replied|answered"
)
PARA_SPEECH_RE = re.compile(rf"\b(?:{PARA_SPEECH})\b", re.IGNORECASE)
# Acts of speech whose whole clause, subject included, is the statement.
PARA_ACT_RE = re.compile(
    r"\b(?:called on|called for|calls on|calls for|urged|urges|declined to|"
    r"stopped short of|refused to|rejected calls)\b",
    re.IGNORECASE,
)
# Evaluative acts aimed at a decision ("X welcomed the deposit", "X regrets this decision"): the clause is
# the statement when the object names a decision.
PARA_JUDGE_RE = re.compile(
    r"\b(?:welcomed|welcomes|condemned|condemns|regretted|regrets|deplored|deplores|"
    r"denounced|denounces|criticised|criticized|criticises|criticizes|hailed|hails|"
    r"described|describes)\s+(?:both\s+|also\s+)?(?:the|this|that|these|those|its|their|his|"
    r"her|[A-Z][\w-]*(?:'s|’s))\b[^.;:!?]{0,80}?\b(?:decision|decisions|withdrawal|"
    r"withdrawals|exit|exits|move|deposit|step|recommendation|plans|bill|law|vote|departure|"
    r"decree|suspension)\b"
)

ROLE_WORDS = frozenset(
    """
minister ministers president vice prime deputy secretary secretary-general general spokesperson spokesman
spokeswoman chair chairman chairwoman chairperson speaker councillor councilor mayor governor ambassador
commissioner director head chief envoy senator deputy mep mp lawmaker legislator member researcher
official officer adviser advisor analyst expert representative delegate leader founder campaigner
coordinator diplomat negotiator general commander colonel defence defense foreign affairs interior
national regional development justice finance state former acting opposition socialist conservative
liberal green passer-by passerby resident survivor deminer activist professor scientist
farmer teacher doctor nurse soldier veteran officer pensioner villager student lawyer journalist priest
engineer mother father widow neighbour neighbor owner worker volunteer retired army
""".split()
)

# Plural heads of a collective speaker ("humanitarian groups", "the three governments", "critics").
COLLECTIVE = frozenset(
    """
groups governments delegations ministers states countries campaigners critics activists officials diplomats
experts analysts members lawmakers deputies mps allies organisations organizations ngos parties leaders
residents survivors deminers veterans
""".split()
)

ORG_HEADS = frozenset(
    """
charity tank trust fund initiative service mission unit programme program society authority board ministry government cabinet commission parliament council committee alliance union party agency office
organisation organization coalition campaign forum nations watch cross crescent institute foundation
network centre center league association federation movement group tablers ministers countries states
court assembly senate sejm saeima seimas riigikogu eduskunta rada bureau department secretariat
presidency administration army forces force navy ngo
""".split()
)

DOCUMENT_HEADS = frozenset(
    """
document statement report letter text communique communiqué declaration resolution amendment motion
monitor statistics figures data study survey estimates treaty convention law article preamble bill
answer reply strategy paper note release
""".split()
)

PRONOUNS = {
    "he": "person",
    "she": "person",
    "him": "person",
    "her": "person",
    "his": "person",
    "it": "organisation",
    "its": "organisation",
    "they": "group",
    "them": "group",
    "their": "group",
    "we": "group",
    "our": "group",
}
NOBODY = frozenset(
    {
        "nobody",
        "no one",
        "none",
        "someone",
        "anyone",
        "everyone",
        "who",
        "which",
        "that",
        "this",
        "these",
        "those",
        "there",
        "what",
    }
)
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "madam", "mx", "prof", "professor"})
NAME_PARTICLES = frozenset(
    {
        "el",
        "al",
        "de",
        "del",
        "della",
        "der",
        "den",
        "van",
        "von",
        "da",
        "di",
        "du",
        "le",
        "la",
        "bin",
        "ibn",
        "ter",
        "ten",
    }
)

# Leading adverbial clause before a subject: "Contacted by Euronews, ...", "However, ...".
LEADING_CLAUSE = re.compile(
    r"(?:[A-Z][A-Z.'’ -]{2,40},[^\n—–]{0,60}?\s[-—–]\s+|(?:Q|Question):\s+)?"  # "KYIV, July 1 (Wire) - ", "Q: "
    r"(?:(?:However|But|And|Meanwhile|Moreover|Still|Yet|Instead|Separately|Also|"
    r"(?:Earlier|Later|Last|This|Next|Late|Early)\b[^,]{0,30}|"
    r"On the contrary|In response|In a statement|In a joint statement|Asked\b[^,]*|Contacted\b[^,]*|"
    r"Speaking\b[^,]*|Answering\b[^,]*|Responding\b[^,]*|Interviewed\b[^,]*|Writing\b[^,]*|"
    r"With\b[^,]*|In\b[^,]{0,40}|On\b[^,]{0,40}|At\b[^,]{0,40}|After\b[^,]{0,40}),\s+)*"
)
ADVERBS = re.compile(
    r"(?:\s+(?:also|today|yesterday|later|again|then|further|once|even|still|"
    r"on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
    r"(?:has|have|had|was|is|were|are|will|would|did|does)|[a-z]+ly))*\s+$"
)
