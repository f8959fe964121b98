"""Trace cards for people and programs: text for a terminal, JSON, and Turtle of the traced subgraph."""

from __future__ import annotations

import json
import textwrap

FORMATS = ("text", "json", "ttl")


def render(store, target, card, fmt: str = "text", width: int = 100) -> str:
    """The card of ``target`` in ``fmt``: ``text`` (wrapped to ``width``), ``json`` or ``ttl``."""
    if fmt == "ttl":
        # lazy: `minegraph --help` loads this module and stays light; pulls in rdflib (~170 ms), only on this path
        from minegraph.core.rdf_io import serialize_turtle
        from minegraph.provenance.resolve import subgraph

        return serialize_turtle(subgraph(store, card)).decode("utf-8")
    if fmt == "json":
        data = {"kind": target.kind, **{k: v for k, v in card.to_dict().items() if k != "nodes"}}
        return json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"
    return render_text(target.kind, card, width)


def _field(name: str, value, width: int, indent: int = 14) -> list[str]:
    if value in (None, "", []):
        return []
    return textwrap.wrap(
        " ".join(str(value).split()),
        width,
        initial_indent=f"{name:<{indent}}",
        subsequent_indent=" " * indent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [name]


def _wrap(text: str, width: int, indent: str = "  ", hang: str | None = None) -> list[str]:
    return textwrap.wrap(
        text,
        width,
        initial_indent=indent,
        subsequent_indent=hang or indent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [indent]


def _iri(iri: str) -> str:
    # lazy: pulls in rdflib (~170 ms), only on this path
    from minegraph.querylang.terms import compact

    return compact(iri)


def render_text(kind: str, card, width: int = 100) -> str:
    """A card as text for a terminal."""
    lines = {"statement": _statement, "actor": _actor, "decision": _decision}[kind](card, width)
    return "\n".join(lines) + "\n"


def _role(role: dict | None) -> str | None:
    if not role:
        return None
    if "membership" in role:
        period = role["period"]
        when = (
            f"held on {period['inside']}"
            if "inside" in period
            else " ".join(f"{k} {v}" for k, v in (("from", period.get("begin")), ("to", period.get("end"))) if v)
            or (f"ended before {period['before']}" if "before" in period else "period not recorded")
        )
        return f"{role['role'] or 'member'}, {role['organisation_label']} ({when})"
    if "post_in" in role:
        return f"{role['role'] or 'post'} in {role['organisation_label']} (the post is the speaker; no holder recorded)"
    return "coalition of " + ", ".join(m["label"] for m in role["members"])


def _statement_text(card, width: int) -> list[str]:
    """The card's opening: the evidence level, then the quote (with its mode and cue) or the curators' summary."""
    lines = [f"{card.kind.capitalize()}  {_iri(card.iri)}", ""]
    lines += _field("Evidence", card.evidence, width)
    if card.summary and not card.quote:
        return lines + _wrap(f"Summary (the curators' words, no quote): {card.summary}", width)
    lines += _wrap(f"“{card.quote}”" if card.quote else f"{card.label} (no quote recorded)", width)
    if card.mode or card.cue:
        lines += _wrap(f"({card.mode or 'mode not recorded'}" + (f"; cue: “{card.cue}”)" if card.cue else ")"), width)
    return lines


def statement_entries(card) -> list[tuple[str, str, str | None]]:
    """The card's fields in order as ``(name, text, iri)`` (a name starting with spaces is a sub-field of
    the one above): the terminal card and the entity page (:mod:`minegraph.publish.pages`) both draw these."""
    archive, source = card.archive, card.source
    entries = [
        ("Speaker", card.speaker["label"], card.speaker["iri"]),
        ("  as reported", f"“{card.speaker_as_reported}”" if card.speaker_as_reported else None, None),
        ("  role", _role(card.role), (card.role or {}).get("membership")),
        ("Date", f"{card.date['date']} ({card.date['basis']})" if card.date["date"] else card.date["basis"], None),
    ]
    for index, decision in enumerate(card.about):
        entries.append(("About" if index == 0 else "", decision["label"], decision["iri"]))
        entries += [
            ("  stance", _assessment(item), None) for item in card.assessments if item["decision"] == decision["iri"]
        ]
    entries += [
        ("Attribution", card.attribution_note, None),
        ("Source", source.title, source.iri),
        ("  publisher", source.publisher_label, source.publisher),
        ("  published", source.published, None),
        ("  URL", source.url, source.url),
        ("  rights", card.rights, None),
        ("  archive", f"graph/{archive['path']}" if archive["path"] else None, None),
    ]
    check = {True: "the file on disk has this hash", False: "THE FILE ON DISK DIFFERS", None: "file not found"}
    entries.append(
        (
            "  SHA-256",
            f"{archive['sha256']} ({check[archive.get('sha256_matches')]})" if archive["sha256"] else None,
            None,
        )
    )
    if archive["start"] is not None:
        where = {
            True: "the archived text there is the quote",
            False: "THE ARCHIVED TEXT THERE DIFFERS",
            None: "not checked",
        }
        entries.append(
            (
                "  offsets",
                f"{archive['start']}–{archive['end']} (code points, end exclusive; "
                f"{where[archive.get('offsets_match')]})",
                None,
            )
        )
    return [(name, text, iri) for name, text, iri in entries if text not in (None, "")]


def chain_entries(card) -> list[tuple[str, str | None, str | None]]:
    """The chain of derivation, one ``(text, iri, url)`` per document."""
    entries = []
    for document in card.chain:
        detail = ", ".join(p for p in (document.type, document.publisher_label, document.published) if p)
        entries.append(
            (
                f"{document.relation}: {document.title or _iri(document.iri)}" + (f" — {detail}" if detail else ""),
                document.iri,
                document.url,
            )
        )
    return entries


def _statement(card, width: int) -> list[str]:
    archive, context = card.archive, card.context
    lines = _statement_text(card, width)
    if context:
        lines += ["", f"In context ({archive['path']}, characters {archive['start']}–{archive['end']}):"]
        lines += _wrap("… " + context["previous_line"], width, "  ")
        lines += _wrap(f"{context['before']}⟦{context['quote']}⟧{context['after']}", width, "  ")
        lines += _wrap(context["next_line"] + " …", width, "  ")
    lines.append("")
    for name, text, iri in statement_entries(card):
        shown = f"{text} ({_iri(iri)})" if name in ("Speaker", "About", "") and iri else text
        lines += _field(name, shown, width)
    lines += ["", "Chain of derivation:"]
    for number, (text, _, url) in enumerate(chain_entries(card), 1):
        lines += _wrap(f"{number}. {text}", width, hang="     ")
        if url:
            lines += _wrap(url, width, "     ")
    last = next((d for d in reversed(card.chain) if d.publisher_label), None)
    if last:
        lines += _wrap(f"→ published by {last.publisher_label} ({_iri(last.publisher)})", width)
    return lines


def _assessment(item: dict) -> str:
    """``oppose (curated by minegraph curators) — why``, with the confidence of a machine's suggestion."""
    how = ", ".join(
        p for p in (item["method"], f"confidence {item['confidence']}" if item["confidence"] is not None else None) if p
    )
    return (
        f"{item['stance']} ({how}{' by ' + item['assessor_label'] if item['assessor_label'] else ''})"
        + (f" — {item['note']}" if item["note"] else "")
        + (f" [rests on “{item['rests_on']}”]" if item["rests_on"] else "")
    )


def _actor(card, width: int) -> list[str]:
    lines = [f"Actor  {card.label}  ({_iri(card.iri)})", ""]
    if not card.by_decision and not card.claims:
        lines.append("No statements or claims in the graph.")
    for group in card.by_decision:
        lines += _wrap(
            "About " + "; ".join(f"{d['label']} ({_iri(d['iri'])})" for d in group["decisions"]) + ":", width, "", "  "
        )
        lines += _items(group["statements"], width, lambda item: f"[{item['stance']}] {_words(item)}")
        lines.append("")
    if card.claims:
        lines.append(f"Claims (figures and findings, about no decision): {len(card.claims)}")
        lines += _items(card.claims, width, lambda item: f"“{item['quote']}”" if item["quote"] else item["label"])
    return lines


def _words(item: dict) -> str:
    """A statement's quote in quotation marks, or a reported position's summary, marked as the curators' words."""
    return (
        f"“{item['quote']}”" if item.get("quote") else f"[reported position] {item.get('summary') or item.get('label')}"
    )


def _items(items: list[dict], width: int, text) -> list[str]:
    """One wrapped entry per statement with its IRI; the source is named when it changes."""
    lines, source = [], None
    for item in items:
        if item["source"] != source:
            source = item["source"]
            lines += _wrap(f"in {source}" + (f" <{item['url']}>" if item.get("url") else "") + ":", width, "  ")
        lines += _wrap(f"{text(item)}  {_iri(item['iri'])}", width, "    ", "      ")
    return lines


def _decision(card, width: int) -> list[str]:
    lines = [f"Decision  {card.label}  ({_iri(card.iri)})", ""]
    lines += _field("Type", card.decision_type, width)
    lines += _field("Decided by", card.decided_by["label"] if card.decided_by else None, width)
    lines += _field("Date", card.date, width)
    lines += _field("Contested", "yes" if card.contested else None, width)
    lines += _field("Legal effect", card.legal_effect, width)
    for stance, items in card.by_stance.items():
        lines += ["", f"{stance.capitalize()} ({len(items)} statement{'s' if len(items) != 1 else ''}):"]
        lines += _items(
            items,
            width,
            lambda item: f"{item['speaker']}: {_words(item)}" + (f" [about {item['via']}]" if item["via"] else ""),
        )
    if not card.by_stance:
        lines += ["", "No statements about this decision in the graph."]
    lines += ["", f"Events ({len(card.events)}):"]
    for event in card.events:
        when = event["date"] or event["date_text"] or "undated"
        actors = f" — {', '.join(event['actors'])}" if event["actors"] else ""
        lines += _wrap(f"{when}  {event['label']}{actors}", width, "  ", "              ")
    return lines
