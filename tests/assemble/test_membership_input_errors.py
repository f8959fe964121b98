"""Malformed reference cells and curation records stop the build with the file, the line and what
is wrong — never a silent fact."""

from __future__ import annotations

import pytest

from minegraph.assemble.builder import BuildContext
from minegraph.assemble.parts.states import build_states, build_treaty_acts
from minegraph.assemble.parts.withdrawals import build_withdrawals
from minegraph.errors import CurationError, InputError


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path, needle: str) -> int:
    return next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in text)


def test_a_malformed_deposit_date_names_the_file_and_line(scratch_project):
    parties = scratch_project.reference_dir / "ottawa_parties.csv"
    edit(parties, "Albania,ALB,1998-09-08,2000-02-29", "Albania,ALB,1998-09-08,29/02/2000")
    with pytest.raises(InputError) as error:
        build_treaty_acts(BuildContext.for_project(scratch_project))
    assert error.value.path.endswith("ottawa_parties.csv") and error.value.line == line_of(parties, "Albania,ALB")
    assert "'29/02/2000' is not a date written YYYY-MM-DD" in error.value.message


def test_an_impossible_calendar_date_is_refused(scratch_project):
    edit(
        scratch_project.reference_dir / "ottawa_parties.csv",
        "Albania,ALB,1998-09-08,2000-02-29",
        "Albania,ALB,1998-09-08,2001-02-29",
    )
    with pytest.raises(InputError, match="'2001-02-29' is not a calendar date"):
        build_treaty_acts(BuildContext.for_project(scratch_project))


def test_an_instrument_that_does_not_fit_the_method_is_refused(scratch_project):
    edit(
        scratch_project.reference_dir / "ottawa_parties.csv",
        "Afghanistan,Accession,party",
        "Afghanistan,Ratification,party",
    )
    with pytest.raises(InputError, match="un_instrument 'Ratification' does not fit consent_method 'accession'"):
        build_treaty_acts(BuildContext.for_project(scratch_project))


def test_a_succession_without_a_date_of_effect_is_not_given_an_article_17_date(scratch_project):
    parties = scratch_project.reference_dir / "ottawa_parties.csv"
    edit(parties, "Succession; the UN record gives 2006-06-03 as date of effect.", "Succession.")
    with pytest.raises(InputError) as error:
        build_treaty_acts(BuildContext.for_project(scratch_project))
    assert "succession takes effect on the date the depositary records" in error.value.message
    assert error.value.line == line_of(parties, "Montenegro,MNE")


def test_a_missing_column_is_reported_on_the_header_line(scratch_project):
    edit(
        scratch_project.reference_dir / "country_wikidata.csv",
        "iso3,qid,label,source,notes",
        "iso3,wikidata,label,source,notes",
    )
    with pytest.raises(InputError) as error:
        build_states(BuildContext.for_project(scratch_project))
    assert error.value.line == 1 and "missing column(s) qid" in error.value.message


def test_a_state_without_an_alpha2_code_is_refused(scratch_project):
    edit(
        scratch_project.reference_dir / "iso3166_alpha2.csv",
        "LVA,LV,https://salsa.debian.org/iso-codes-team/iso-codes\n",
        "",
    )
    with pytest.raises(InputError, match=r"no alpha-2 code for LVA \(Latvia\)"):
        build_states(BuildContext.for_project(scratch_project))


def test_a_curated_vote_count_that_the_cell_does_not_state_is_refused(scratch_project):
    curation = scratch_project.curation_dir / "membership.toml"
    edit(curation, "votes_for = 107", "votes_for = 108")
    with pytest.raises(CurationError) as error:
        build_withdrawals(BuildContext.for_project(scratch_project))
    assert "votes_for = 108 does not occur in the parliament_vote cell of LTU" in error.value.message
    assert error.value.line == line_of(curation, 'id = "LTU-seimas-vote-2025-05-08"') - 1  # the [[event]] line


def test_a_curated_date_that_the_cell_does_not_state_is_refused(scratch_project):
    edit(scratch_project.curation_dir / "membership.toml", 'date = "2025-05-08"', 'date = "2025-05-09"')
    with pytest.raises(
        CurationError, match="the date 2025-05-09 is neither written YYYY-MM-DD in the parliament_vote cell of LTU"
    ):
        build_withdrawals(BuildContext.for_project(scratch_project))


def test_a_curated_name_that_the_cell_does_not_contain_is_refused(scratch_project):
    edit(scratch_project.curation_dir / "membership.toml", 'name = "Petteri Orpo"', 'name = "Sanna Marin"')
    with pytest.raises(CurationError, match="name 'Sanna Marin' does not occur in the announced cell of FIN"):
        build_withdrawals(BuildContext.for_project(scratch_project))


def test_a_source_the_row_does_not_cite_is_refused(scratch_project):
    edit(
        scratch_project.curation_dir / "membership.toml",
        'sources = ["row", "https://www.err.ee/1609713528/riigikogu-haaletas-ottawa-konventsioonist-lahkumise-poolt"]',
        'sources = ["row", "https://example.org/not-in-the-row"]',
    )
    with pytest.raises(CurationError, match="https://example.org/not-in-the-row is not cited by the EST row"):
        build_withdrawals(BuildContext.for_project(scratch_project))


def test_a_withdrawal_row_without_a_curated_decision_is_refused(scratch_project):
    edit(
        scratch_project.curation_dir / "membership.toml",
        'type = "withdrawal"\nlabel = "Finland',
        'type = "recommendation"\nlabel = "Finland',
    )
    with pytest.raises(InputError, match="FIN has no withdrawal or suspension \\[\\[decision\\]\\]"):
        build_withdrawals(BuildContext.for_project(scratch_project))


def test_a_withdrawal_whose_effective_cell_is_not_a_date_is_refused(scratch_project):
    edit(
        scratch_project.reference_dir / "ottawa_withdrawals.csv", ",2025-07-10,2026-01-10,", ",2025-07-10,January 2026,"
    )
    with pytest.raises(InputError, match="effective does not start with a date"):
        build_withdrawals(BuildContext.for_project(scratch_project))
