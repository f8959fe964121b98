"""Linking speakers to the graph's actors: names, aliases, surnames, posts, bodies, diacritics."""

from __future__ import annotations

import pytest

from minegraph.ingest.linking import Linker
from minegraph.ingest.model import Actor
from minegraph.ingest.speakers import analyse


@pytest.fixture(scope="module")
def linker(actors):
    return Linker(actors)


def link(linker: Linker, phrase: str) -> str | None:
    ref = analyse(phrase, 0, len(phrase), linker.countries)
    assert ref is not None, phrase
    actor, _ = linker.link(ref)
    return actor.iri if actor else None


@pytest.mark.parametrize(
    "phrase, iri",
    [
        ("Kosiniak-Kamysz", "person:wladyslaw-kosiniak-kamysz"),
        ("Wladyslaw Kosiniak-Kamysz", "person:wladyslaw-kosiniak-kamysz"),
        ("Šakalienė", "person:dovile-sakaliene"),
        ("Dovile SAKALIENE", "person:dovile-sakaliene"),
        ("Sprūds", "person:andris-spruds"),
        ("Andris Spruds", "person:andris-spruds"),
        ("Carbonier", "person:gilles-carbonnier"),
        ("the ICRC", "organisation:icrc"),
        ("the EU", "organisation:european-union"),
        ("the European People’s Party", "organisation:epp"),
        ("Estonia’s Defence Ministry", "organisation:EST-ministry-of-defence"),
        ("Latvian government", "organisation:LVA-government"),
        (
            "Defence ministers of Estonia, Latvia, Lithuania, and Poland",
            "organisation:EST-LVA-LTU-POL-defence-ministers",
        ),
    ],
)
def test_names_aliases_and_bodies(linker, phrase, iri):
    assert link(linker, phrase) == iri


def test_a_post_without_a_known_holder_links_to_the_post(linker):
    assert link(linker, "Finland’s defence minister") == "post:FIN-minister-of-defence"


def test_a_post_with_one_known_holder_links_to_the_holder(linker):
    assert link(linker, "Poland's defence minister") == "person:wladyslaw-kosiniak-kamysz"
    assert link(linker, "the Latvian defence minister") == "person:andris-spruds"


def test_a_named_person_is_never_linked_through_a_post(linker):
    assert link(linker, "Poland's defence minister, Tomasz Wierzbicki") is None
    assert link(linker, "Defence Minister Rokas Vaitkus") is None


def test_an_unnamed_spokesperson_is_not_linked_to_a_holder(linker):
    ref = analyse("a spokesperson", 0, 14, linker.countries)
    assert ref.indefinite


def test_plain_data_gazetteer_with_diacritics():
    actors = [Actor("person:evika-silina", "Evika Siliņa", kind="person", country="LVA")]
    linker = Linker(actors)
    for phrase in ("Silina", "SILIŅA", "Evika Silina", "Prime Minister Evika Siliņa"):
        assert link(linker, phrase) == "person:evika-silina", phrase


def test_the_gazetteer_shape(actors):
    by_iri = {a.iri: a for a in actors}
    assert by_iri["person:gilles-carbonnier"].aliases == ("Carbonier",)
    assert by_iri["post:FIN-minister-of-defence"].kind == "post"
    assert by_iri["post:FIN-minister-of-defence"].country == "FIN"
    assert by_iri["state:FIN"].kind == "state"
    holder = by_iri["person:hanno-pevkur"]
    assert [p.iri for p in holder.posts] == ["post:EST-minister-of-defence"]
    assert [a.iri for a in actors] == sorted(a.iri for a in actors)
