"""Assertions as RDF: statements (with stance assessments, one per decision they bear on) and
claims (figures and findings), each anchored in the archived text of the source it appears in —
or, for a *reported position* (``mode = "reported"``), a statement read on a page that is not
archived: no quote and no anchor, the curators' own summary instead, and its evidence level says so.

:class:`AssertionSpec` is the pipeline-facing form: the curation files produce specs today,
an extractor can produce them tomorrow; :func:`add_assertion` is the one place that turns a
spec into triples, so every assertion has the same shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef

from minegraph.assemble.rdf import cite, dates, text
from minegraph.core import anchors
from minegraph.core.namespaces import MG, OA, PROV, concept, iri

#: Kinds of assertion and their classes.
ASSERTION_CLASSES = {
    "statement": (MG.Statement,),
    "claim": (MG.Claim,),
    "quantitative": (MG.Claim, MG.QuantitativeClaim),
    "mine-use": (MG.Claim, MG.MineUseFinding),
    "contamination": (MG.Claim, MG.ContaminationFinding),
}


#: Who assesses a stance when a record does not say: the curators, for what they read themselves
#: or accepted; an extractor's suggestion must name its extractor.
CURATORS = iri("organisation", "minegraph-curators")
ASSESSMENT_METHODS = ("curated", "suggested", "accepted")
STANCES = ("support", "oppose", "neutral", "mixed")
#: The mode of a reported position: not a quote mode (there is no quote), a statement of another evidence level.
REPORTED = "reported"
ANCHORED_QUOTE, REPORTED_POSITION = concept("evidence", "anchored-quote"), concept("evidence", "reported-position")


@dataclass
class StanceAssessmentSpec:
    """One reading of a statement's stance toward one decision: by whom, how, how sure, and why."""

    decision: URIRef
    stance: str
    method: str
    note: str
    by: URIRef = CURATORS
    confidence: float | None = None
    rests_on: str | None = None

    def __post_init__(self):
        if self.stance not in STANCES:
            raise ValueError(f"stance must be one of {', '.join(STANCES)}, not {self.stance!r}")
        if self.method not in ASSESSMENT_METHODS:
            raise ValueError(f"method must be one of {', '.join(ASSESSMENT_METHODS)}, not {self.method!r}")
        if self.method == "suggested" and self.confidence is None:
            raise ValueError("a suggested (machine-made) assessment needs a confidence between 0 and 1")
        if self.confidence is not None and not 0 <= self.confidence <= 1:
            raise ValueError(f"confidence must be between 0 and 1, not {self.confidence!r}")
        if not self.note:
            raise ValueError("an assessment needs a note saying why (note = ...)")


@dataclass
class AssertionSpec:
    """Everything needed to write one assertion; IRIs already resolved."""

    kind: str
    slug: str
    speaker: URIRef
    mode: str
    appears_in: URIRef
    quote: str | None = None  # every assertion but a reported position has one
    summary: str | None = None  # a reported position's only text: the curators' own words
    capacity: URIRef | None = None
    speaker_as_reported: str | None = None
    cue: str | None = None
    attribution_note: str | None = None
    about: list[URIRef] = field(default_factory=list)
    assessments: list[StanceAssessmentSpec] = field(default_factory=list)
    quoted_from: URIRef | None = None  # prov:wasQuotedFrom (direct) / prov:wasDerivedFrom (otherwise)
    derived_from_statement: URIRef | None = None
    mentions: list[URIRef] = field(default_factory=list)
    date: str | None = None
    earliest: str | None = None
    latest: str | None = None
    after: str | None = None  # landmark narrowing the quote search
    occurrence: int = 1
    # figures and findings
    measure: str | None = None
    value: int | float | None = None
    qualifier: str | None = None
    unit: str | None = None
    as_of: str | None = None
    period: str | None = None
    user_kind: str | None = None
    used_by: URIRef | None = None
    place: URIRef | None = None
    certainty: str | None = None
    language: str = "en"

    @property
    def iri(self) -> URIRef:
        return iri("statement" if self.kind == "statement" else "claim", self.slug)

    @property
    def reported(self) -> bool:
        """A reported position: no archived words, the curators' summary instead."""
        return self.mode == REPORTED

    def excerpt(self, limit: int = 60) -> str:
        """A label: the quote's first words in quotation marks, or a reported position's summary, marked as such."""
        if not self.reported:
            return excerpt(self.quote, limit)
        return f"[reported] {_cut(self.summary, limit)}"

    def check_reported(self) -> None:
        """A reported position is a statement with a summary and no quote (quotes need an archived text)."""
        if self.kind != "statement":
            raise ValueError('only a statement can be a reported position (mode = "reported"); a claim needs its quote')
        if self.quote:
            raise ValueError(
                'a reported position (mode = "reported") never has a quote: write the curators\' summary instead'
            )
        if not self.summary:
            raise ValueError("a reported position needs a summary in the curators' own words (summary = ...)")


def add_assertion(g: Graph, spec: AssertionSpec, archive: URIRef | None, archived_text: str | None) -> URIRef:
    """Write one assertion and its anchor (a reported position: its summary, no anchor); raises
    :class:`anchors.QuoteNotFound` if the quote is not in the text, ValueError for a malformed reported position."""
    node = spec.iri
    if spec.reported:
        spec.check_reported()
        g.add((node, MG.summary, text(spec.summary)))
        g.add((node, MG.evidenceLevel, REPORTED_POSITION))
        g.add((node, RDFS.label, text(spec.excerpt())))
    else:
        if archived_text is None:
            raise ValueError(
                "a quote needs the source's archived text (archive = ...); without one, "
                'record a reported position (mode = "reported", summary = ...)'
            )
        found = anchors.locate(archived_text, spec.quote, after=spec.after, occurrence=spec.occurrence)
        g.add((node, MG.quote, text(spec.quote, spec.language)))
        g.add((node, MG.mode, concept("quote-mode", spec.mode)))
        g.add((node, MG.evidenceLevel, ANCHORED_QUOTE))
        g.add((node, RDFS.label, text(spec.excerpt(), spec.language)))
    for cls in ASSERTION_CLASSES[spec.kind]:
        g.add((node, RDF.type, cls))
    g.add((node, MG.speaker, spec.speaker))
    g.add((node, MG.appearsIn, spec.appears_in))
    cite(g, node, [spec.appears_in])
    _optional(g, node, MG.speakerCapacity, spec.capacity)
    _optional_text(g, node, MG.speakerAsReported, spec.speaker_as_reported, spec.language)
    _optional_text(g, node, MG.cue, spec.cue, spec.language)
    _optional_text(g, node, MG.attributionNote, spec.attribution_note)
    for decision in spec.about:
        g.add((node, MG.about, decision))
    for assessment in spec.assessments:
        add_assessment(g, spec, assessment)
    if spec.quoted_from is not None:
        g.add((node, PROV.wasQuotedFrom if spec.mode == "direct" else PROV.wasDerivedFrom, spec.quoted_from))
    _optional(g, node, MG.derivedFromStatement, spec.derived_from_statement)
    for mentioned in spec.mentions:
        g.add((node, MG.mentions, mentioned))
    dates(g, node, exact=spec.date, earliest=spec.earliest, latest=spec.latest)
    _figure(g, node, spec)
    if not spec.reported:
        _anchor(g, spec.slug, node, archive, found)
    return node


def assessment_iri(statement_slug: str, decision: URIRef) -> URIRef:
    """``stance-assessment:<statement slug>.<decision slug>``: one node per statement and decision."""
    return iri("stance-assessment", f"{statement_slug}.{str(decision).rsplit('/', 1)[-1]}")


def add_assessment(g: Graph, spec: AssertionSpec, assessment: StanceAssessmentSpec) -> URIRef:
    """Write one stance assessment of the statement ``spec`` toward one decision."""
    node = assessment_iri(spec.slug, assessment.decision)
    g.add((node, RDF.type, MG.StanceAssessment))
    g.add(
        (
            node,
            RDFS.label,
            text(f"{assessment.stance}: {spec.excerpt(40)} → {str(assessment.decision).rsplit('/', 1)[-1]}"),
        )
    )
    g.add((node, MG.assessedStatement, spec.iri))
    g.add((node, MG.towards, assessment.decision))
    g.add((node, MG.stance, concept("stance", assessment.stance)))
    g.add((node, MG.assessmentMethod, concept("assessment-method", assessment.method)))
    g.add((node, PROV.wasAttributedTo, assessment.by))
    g.add((node, MG.stanceNote, text(assessment.note)))
    if assessment.confidence is not None:
        g.add((node, MG.confidence, Literal(str(assessment.confidence), datatype=XSD.decimal)))
    _optional_text(g, node, MG.restsOn, assessment.rests_on, spec.language)
    cite(g, node, [spec.appears_in])
    return node


def excerpt(quote: str, limit: int = 60) -> str:
    """A label for an assertion: its quote, cut at a word boundary, in quotation marks."""
    return f"“{_cut(quote, limit)}”"


def _cut(words: str, limit: int) -> str:
    """``words`` up to ``limit`` characters, cut at a word boundary with an ellipsis."""
    if len(words) <= limit:
        return words
    return f"{words[:limit].rsplit(' ', 1)[0].rstrip(',;:')}…"


def _figure(g: Graph, node: URIRef, spec: AssertionSpec) -> None:
    if spec.measure:
        g.add((node, MG.measure, concept("measure", spec.measure)))
    if spec.value is not None:
        g.add((node, MG.value, Literal(str(spec.value), datatype=XSD.decimal)))
    if spec.qualifier:
        g.add((node, MG.valueQualifier, concept("value-qualifier", spec.qualifier)))
    if spec.unit:
        g.add((node, MG.unitText, Literal(spec.unit)))
    if spec.as_of:
        g.add((node, MG.asOf, Literal(spec.as_of, datatype=XSD.date)))
    if spec.period:
        g.add((node, MG.dataPeriod, Literal(spec.period)))
    if spec.user_kind:
        g.add((node, MG.userKind, concept("user-kind", spec.user_kind)))
    _optional(g, node, MG.usedBy, spec.used_by)
    _optional(g, node, MG.place, spec.place)
    if spec.certainty:
        g.add((node, MG.certainty, concept("certainty", spec.certainty)))


def _anchor(g: Graph, slug: str, node: URIRef, archive: URIRef, found: anchors.Anchor) -> None:
    target = iri("anchor", slug)
    position = iri("selector", f"{slug}-position")
    quote = iri("selector", f"{slug}-quote")
    g.add((node, MG.anchor, target))
    g.add((target, RDF.type, OA.SpecificResource))
    g.add((target, OA.hasSource, archive))
    g.add((target, OA.hasSelector, position))
    g.add((target, OA.hasSelector, quote))
    g.add((position, RDF.type, OA.TextPositionSelector))
    g.add((position, OA.start, Literal(found.start, datatype=XSD.nonNegativeInteger)))
    g.add((position, OA.end, Literal(found.end, datatype=XSD.nonNegativeInteger)))
    g.add((quote, RDF.type, OA.TextQuoteSelector))
    g.add((quote, OA.exact, Literal(found.exact)))
    g.add((quote, OA.prefix, Literal(found.prefix)))
    g.add((quote, OA.suffix, Literal(found.suffix)))


def _optional(g: Graph, node: URIRef, prop: URIRef, value: URIRef | None) -> None:
    if value is not None:
        g.add((node, prop, value))


def _optional_text(g: Graph, node: URIRef, prop: URIRef, value: str | None, lang: str = "en") -> None:
    if value:
        g.add((node, prop, text(value, lang)))
