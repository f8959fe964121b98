"""A speaker's capacity: the role the extractor read ("Defence Minister", "spokesman") as a concept of the
role scheme, so that the role and organisation a reviewer keeps become an org:Membership on accept."""

from __future__ import annotations

import re

from minegraph.ingest.fold import fold

#: The role scheme's concepts (ontology/concepts.ttl, scheme "role") and the English words that name each.
ROLES = {
    "minister-of-defence": (
        "defence minister",
        "defense minister",
        "minister of defence",
        "minister of defense",
        "minister of national defence",
    ),
    "minister-of-foreign-affairs": ("foreign minister", "minister of foreign affairs", "foreign affairs minister"),
    "prime-minister": ("prime minister", "premier"),
    "head-of-state": ("head of state",),
    "vice-president": ("vice president", "vice-president"),
    "president": ("president",),
    "member-of-parliament": (
        "member of parliament",
        "mp",
        "mep",
        "lawmaker",
        "legislator",
        "member of the european parliament",
    ),
    "spokesperson": ("spokesperson", "spokesman", "spokeswoman"),
    "founder": ("founder", "co-founder"),
}


def role_concept(role: str | None) -> str | None:
    """The role-scheme slug a role phrase names (its head: the last role named, "President's office spokesman"
    is a spokesperson), or None; deputies, former and acting holders do not hold the role itself."""
    if not role:
        return None
    text = fold(role).replace("-", " ")
    found = []
    for slug, names in ROLES.items():
        for name in names:
            for m in re.finditer(rf"\b{re.escape(name.replace('-', ' '))}\b", text):
                found.append((m.end(), m.end() - m.start(), slug))
    if not found:
        return None
    slug = max(found)[2]
    head = text[: max(found)[0]]
    if re.search(r"\b(?:deputy|former|acting|state secretary)\b", head) or (
        "vice" in head.split() and slug != "vice-president"
    ):
        return None
    return slug
