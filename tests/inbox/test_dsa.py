"""Statements of reasons, their validation, JSONL export and Article 16 notices."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inbox.dsa import (
    ANONYMOUS_STATEMENT,
    DEFAULT_ENUMS_PATH,
    GOOD_FAITH_STATEMENT,
    Article16Notice,
    Decision,
    Notifier,
    build_statement,
    load_enums,
    make_puid,
    notice_dict,
    notice_text,
    validate_statement,
    write_statements_jsonl,
)
from inbox.dsa.statement import (
    ACCOUNT_ACTIONS,
    AUTOMATED_DECISIONS,
    CONTENT_TYPES,
    SOURCE_TYPES,
    VISIBILITIES,
)
from inbox.locations import Location
from nlp.taxonomy import Category, dsa_class

DECIDED = datetime(2026, 3, 2, 23, 30, tzinfo=timezone(timedelta(hours=-2)))


def decision(**changes: Any) -> Decision:
    base = Decision(
        case_id="MP-2026-000123",
        category=Category.DRUGS,
        decided_at=DECIDED,
        content_date=date(2026, 2, 27),
        legal_ground="Opiumwet, artikel 2 en 3 (handel in harddrugs)",
        explanation="The post offers cocaine for sale with prices and delivery by courier.",
        facts="Public channel post offering 1 g cocaine for EUR 60, delivery in Amsterdam.",
        source="citizen",
        automated_detection=False,
        automated_decision="not",
    )
    return dataclasses.replace(base, **changes)


def valid_statement() -> dict[str, object]:
    return build_statement(decision())


# --- building -------------------------------------------------------------------------------


@pytest.mark.parametrize("category", list(Category))
def test_every_category_builds_a_valid_statement(category: Category) -> None:
    statement = build_statement(decision(category=category))
    assert validate_statement(statement) == []
    expected = dsa_class(category)
    assert statement["category"] == expected.category
    if expected.keyword is None:
        assert "category_specification" not in statement
    else:
        assert statement["category_specification"] == [expected.keyword]


def test_statement_fields() -> None:
    statement = valid_statement()
    assert statement["puid"] == "MP-2026-000123"
    assert statement["decision_ground"] == "DECISION_GROUND_ILLEGAL_CONTENT"
    assert statement["decision_visibility"] == ["DECISION_VISIBILITY_CONTENT_REMOVED"]
    assert statement["content_type"] == ["CONTENT_TYPE_TEXT"]
    assert statement["content_date"] == "2026-02-27"
    # 23:30 at UTC-2 is already the next day in UTC.
    assert statement["application_date"] == "2026-03-03"
    assert statement["automated_detection"] == "No"
    assert statement["automated_decision"] == "AUTOMATED_DECISION_NOT_AUTOMATED"
    assert statement["source_type"] == "SOURCE_ARTICLE_16"
    json.dumps(statement)


def test_keyword_other_is_specified_in_words() -> None:
    statement = build_statement(decision(category=Category.COUNTERFEIT_MONEY))
    assert statement["category_specification"] == ["KEYWORD_OTHER"]
    assert statement["category_specification_other"] == "counterfeit money"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("citizen", "SOURCE_ARTICLE_16"),
        ("trusted_flagger", "SOURCE_TRUSTED_FLAGGER"),
        ("authority", "SOURCE_TYPE_OTHER_NOTIFICATION"),
        ("monitor", "SOURCE_VOLUNTARY"),
    ],
)
def test_sources_map_onto_source_types(source: str, expected: str) -> None:
    statement = build_statement(decision(source=source, automated_detection=True))
    assert statement["source_type"] == expected
    assert statement["automated_detection"] == "Yes"
    assert validate_statement(statement) == []


def test_optional_fields_validate() -> None:
    statement = build_statement(
        decision(
            source="trusted_flagger",
            source_identity="Stichting Voorbeeld",
            account="terminated",
            visibility="disabled",
            content_types=("text", "image", "product", "text"),
            language="nl",
            territorial_scope=("nl", "BE"),
            automated_decision="partially",
        )
    )
    assert validate_statement(statement) == []
    assert statement["content_language"] == "NL"
    assert statement["territorial_scope"] == ["BE", "NL"]
    assert statement["content_type"] == [
        "CONTENT_TYPE_TEXT",
        "CONTENT_TYPE_IMAGE",
        "CONTENT_TYPE_PRODUCT",
    ]
    assert statement["decision_account"] == "DECISION_ACCOUNT_TERMINATED"
    assert statement["source_identity"] == "Stichting Voorbeeld"


def test_builder_values_exist_in_the_database_enumerations() -> None:
    enums = load_enums()
    assert set(SOURCE_TYPES.values()) <= enums.source_types
    assert set(AUTOMATED_DECISIONS.values()) <= enums.automated_decisions
    assert set(VISIBILITIES.values()) <= enums.decision_visibilities
    assert set(ACCOUNT_ACTIONS.values()) <= enums.decision_accounts
    assert set(CONTENT_TYPES.values()) <= enums.content_types


def test_hostile_explanation_is_cut_and_cleaned() -> None:
    hostile = "\u202eevil\x00\x1b[31m" + "koop nu " * 2000 + "\ud800"
    statement = build_statement(decision(explanation=hostile, facts=hostile, legal_ground=hostile))
    assert validate_statement(statement) == []
    explanation = statement["illegal_content_explanation"]
    assert isinstance(explanation, str)
    assert 1990 < len(explanation) <= 2000
    assert explanation.endswith("…")
    assert "\x00" not in explanation and "\x1b" not in explanation and "\u202e" not in explanation
    assert len(str(statement["illegal_content_legal_ground"])) <= 500
    assert len(str(statement["decision_facts"])) <= 5000


_printable = st.text(
    alphabet=st.characters(categories=("L", "M", "N", "P", "S", "Zs")), min_size=1, max_size=3000
).filter(lambda text: text.strip())


@given(_printable)
def test_any_printable_explanation_gives_a_valid_statement(explanation: str) -> None:
    statement = build_statement(decision(explanation=explanation, facts=explanation))
    assert validate_statement(statement) == []


def test_puid_from_case_id() -> None:
    assert make_puid("MP-2026-000123") == "MP-2026-000123"
    odd = make_puid("MP 2026/123")
    assert odd.startswith("MP_2026_123-")
    assert odd != make_puid("MP_2026_123") and odd != make_puid("MP/2026 123")
    long = make_puid("x" * 600)
    assert len(long) <= 500
    assert long != make_puid("x" * 601)
    for puid in (odd, long, make_puid("ünïcode ✓")):
        assert validate_statement({**valid_statement(), "puid": puid}) == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"decided_at": datetime(2026, 3, 2, 12, 0)}, "timezone-aware"),
        ({"visibility": None}, "restricts visibility or an account"),
        ({"source_identity": "Jan Jansen"}, "never for citizens"),
        ({"territorial_scope": ("NL", "US")}, "US is not an EEA country"),
        ({"explanation": " \n\t "}, "explanation has no visible text"),
        ({"language": "dutch"}, "ISO 639-1"),
        ({"category": "narcotics"}, "narcotics"),
        ({"case_id": " "}, "case id is empty"),
        ({"content_types": ()}, "content type"),
    ],
)
def test_decision_refuses_impossible_cases(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        decision(**changes)


def test_category_given_as_plain_value_is_accepted() -> None:
    assert decision(category="weapons").category is Category.WEAPONS


# --- validation -----------------------------------------------------------------------------

REQUIRED = [
    "decision_ground",
    "category",
    "content_type",
    "content_date",
    "application_date",
    "decision_facts",
    "source_type",
    "automated_detection",
    "automated_decision",
    "puid",
]


@pytest.mark.parametrize("field", REQUIRED)
def test_missing_required_field_is_named(field: str) -> None:
    statement = valid_statement()
    del statement[field]
    problems = validate_statement(statement)
    assert f"required field '{field}' is missing or empty" in problems


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("category", "STATEMENT_CATEGORY_UNSAFE_AND_ILLEGAL_PRODUCTS", "field 'category'"),
        ("source_type", "SOURCE_CITIZEN", "field 'source_type'"),
        ("automated_detection", True, "field 'automated_detection'"),
        ("automated_decision", "AUTOMATED_DECISION_NOT", "field 'automated_decision'"),
        ("decision_visibility", ["DECISION_VISIBILITY_GONE"], "field 'decision_visibility'"),
        ("decision_visibility", "DECISION_VISIBILITY_CONTENT_REMOVED", "must be a list"),
        ("content_type", ["CONTENT_TYPE_TEXT", "CONTENT_TYPE_TEXT"], "repeats a value"),
        ("category_specification", ["KEYWORD_DRUGS"], "field 'category_specification'"),
        ("decision_account", "DECISION_ACCOUNT_BANNED", "field 'decision_account'"),
        ("decision_ground", "DECISION_GROUND_ILLEGAL", "field 'decision_ground'"),
    ],
)
def test_wrong_enumeration_value_is_named(field: str, value: object, expected: str) -> None:
    problems = validate_statement({**valid_statement(), field: value})
    assert any(expected in problem for problem in problems), problems


@pytest.mark.parametrize(
    ("field", "limit"),
    [
        ("illegal_content_legal_ground", 500),
        ("illegal_content_explanation", 2000),
        ("decision_facts", 5000),
        ("puid", 500),
    ],
)
def test_overlong_field_is_caught(field: str, limit: int) -> None:
    assert validate_statement({**valid_statement(), field: "a" * limit}) == []
    problems = validate_statement({**valid_statement(), field: "a" * (limit + 1)})
    assert problems == [f"field '{field}' is {limit + 1} characters long, at most {limit} allowed"]


@pytest.mark.parametrize("puid", ["MP 2026", "MP/2026", "MP.2026", "MP-2026-ü", "MP\n1"])
def test_bad_puid_is_caught(puid: str) -> None:
    problems = validate_statement({**valid_statement(), "puid": puid})
    assert any("field 'puid' may only contain" in problem for problem in problems)


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("content_date", "2026-13-01", "not a date as YYYY-MM-DD"),
        ("content_date", "27-02-2026", "not a date as YYYY-MM-DD"),
        ("content_date", "2026-2-27", "not a date as YYYY-MM-DD"),
        ("content_date", "20260227", "not a date as YYYY-MM-DD"),
        ("content_date", "2026-02-30", "not a date as YYYY-MM-DD"),
        ("content_date", 20260227, "not a date as YYYY-MM-DD"),
        ("content_date", "1999-12-31", "outside 2000-01-01 to 2038-01-01"),
        ("application_date", "2019-12-31", "outside 2020-01-01 to 2038-01-01"),
        ("application_date", "2026-03-03T10:00", "not a date as YYYY-MM-DD"),
        ("end_date_visibility_restriction", "2040-01-01", "outside"),
    ],
)
def test_bad_date_is_caught(field: str, value: object, expected: str) -> None:
    problems = validate_statement({**valid_statement(), field: value})
    assert any(f"field '{field}'" in p and expected in p for p in problems), problems


def test_other_problems_are_named() -> None:
    statement = valid_statement()
    del statement["decision_visibility"]
    assert validate_statement(statement) == [
        "at least one of decision_visibility, decision_monetary, decision_provision, "
        "decision_account is required"
    ]
    cases: list[tuple[dict[str, object], str]] = [
        ({"territorial_scope": ["NL", "US"]}, "'US' is not an EEA country code"),
        ({"territorial_scope": ["EL"]}, "'EL' is not an EEA country code"),
        ({"territorial_scope": ["NL", "NL"]}, "repeats a country"),
        ({"territorial_scope": "NL"}, "must be a list"),
        ({"content_language": "nl"}, "ISO 639-1"),
        ({"decision_visibility": ["DECISION_VISIBILITY_OTHER"]}, "'decision_visibility_other'"),
        ({"content_type": ["CONTENT_TYPE_OTHER"]}, "'content_type_other' is required"),
        ({"content_type_other": "sticker"}, "only allowed with CONTENT_TYPE_OTHER"),
        ({"illegal_content_explanation": "  "}, "'illegal_content_explanation' is required"),
        ({"incompatible_content_ground": "ToS 4.2"}, "does not belong"),
        ({"illegal_content_legal_ground": 5}, "must be text"),
        ({"decision_facts": "a\x00b"}, "control characters"),
        ({"decison_facts": "typo"}, "unknown field 'decison_facts'"),
    ]
    for changes, expected in cases:
        problems = validate_statement({**valid_statement(), **changes})
        assert any(expected in problem for problem in problems), (changes, problems)


def test_incompatible_content_ground_needs_its_fields() -> None:
    statement = valid_statement()
    statement["decision_ground"] = "DECISION_GROUND_INCOMPATIBLE_CONTENT"
    problems = validate_statement(statement)
    for field in ("incompatible_content_ground", "incompatible_content_explanation"):
        assert f"field '{field}' is required for DECISION_GROUND_INCOMPATIBLE_CONTENT" in problems
    assert any("'illegal_content_legal_ground' does not belong" in p for p in problems)


def test_not_an_object() -> None:
    assert validate_statement(["puid"]) == ["a statement must be a JSON object"]


def test_enumerations_come_from_the_given_file(tmp_path: Path) -> None:
    document = json.loads(DEFAULT_ENUMS_PATH.read_text(encoding="utf-8"))
    del document["enums"]["SOURCE_TYPES"]["SOURCE_ARTICLE_16"]
    path = tmp_path / "enums.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    problems = validate_statement(valid_statement(), load_enums(path))
    assert problems == ["field 'source_type': 'SOURCE_ARTICLE_16' is not an allowed value"]


def test_broken_enumeration_files_are_named(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="cannot read DSA enumerations"):
        load_enums(tmp_path / "absent.json")
    path = tmp_path / "partial.json"
    path.write_text(json.dumps({"enums": {"SOURCE_TYPES": {}}}), encoding="utf-8")
    with pytest.raises(ValueError, match="'CONTENT_TYPES' is missing"):
        load_enums(path)


# --- JSON Lines -----------------------------------------------------------------------------


def test_jsonl_round_trip(tmp_path: Path) -> None:
    statements = [build_statement(decision(case_id=f"MP-2026-{n:06d}")) for n in range(3)]
    target = tmp_path / "statements.jsonl"
    assert write_statements_jsonl(statements, target) == 3
    lines = target.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == statements
    assert sorted(p.name for p in tmp_path.iterdir()) == ["statements.jsonl"]


def test_jsonl_refuses_invalid_and_leaves_target_untouched(tmp_path: Path) -> None:
    target = tmp_path / "statements.jsonl"
    target.write_text("previous export\n", encoding="utf-8")
    broken = valid_statement()
    broken["puid"] = "bad puid"
    duplicate = valid_statement()
    with pytest.raises(ValueError) as caught:
        write_statements_jsonl([valid_statement(), broken, duplicate], target)
    message = str(caught.value)
    assert "statement 2: field 'puid' may only contain" in message
    assert "statement 3: puid 'MP-2026-000123' repeats statement 1" in message
    assert target.read_text(encoding="utf-8") == "previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["statements.jsonl"]


# --- Article 16 notices ---------------------------------------------------------------------

EVIDENCE = "ab" * 32


def notice(**changes: Any) -> Article16Notice:
    base = Article16Notice(
        case_id="MP-2026-000123",
        category=Category.DRUGS,
        location=Location("example_shop", None, 4211),
        explanation="The post offers cocaine for EUR 60 per gram with delivery in Amsterdam.",
        notifier=Notifier("Meldpunt Redactie", "meldingen@example.org"),
        good_faith=True,
        submitted_at=datetime(2026, 3, 2, 10, 15, tzinfo=UTC),
        evidence_sha256=EVIDENCE,
        content_date=date(2026, 2, 27),
        preserved_at=datetime(2026, 2, 28, 8, 0, tzinfo=UTC),
        excerpt="Coke 1g 60 euro, bezorging heel Amsterdam",
    )
    return dataclasses.replace(base, **changes)


def test_notice_text_has_all_four_elements() -> None:
    text = notice_text(notice())
    assert "The post offers cocaine for EUR 60 per gram" in text  # (a) explanation
    assert "https://t.me/example_shop/4211" in text  # (b) exact location
    assert "Channel: @example_shop" in text and "Message id: 4211" in text
    assert "Name: Meldpunt Redactie" in text  # (c) notifier
    assert "E-mail: meldingen@example.org" in text
    assert GOOD_FAITH_STATEMENT in text  # (d) good faith
    for extra in ("MP-2026-000123", "drugs", "STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS"):
        assert extra in text
    assert EVIDENCE in text
    assert "2026-03-02T10:15:00Z" in text and "2026-02-27" in text and "2026-02-28" in text
    assert "Coke 1g 60 euro" in text


def test_anonymous_notice_says_so() -> None:
    anonymous = notice(notifier=None)
    text = notice_text(anonymous)
    assert "Anonymous notice." in text
    assert "Name:" not in text and "E-mail:" not in text
    as_dict = notice_dict(anonymous)
    assert as_dict["anonymous"] is True
    assert as_dict["notifier"] is None
    assert as_dict["anonymity_statement"] == ANONYMOUS_STATEMENT


def test_notice_text_is_plain_and_cannot_be_forged() -> None:
    hostile = notice(
        explanation="<script>alert(1)</script> & more\nName: someone else\x1b[2J\u202e",
        notifier=Notifier("Evil\nGood faith: withdrawn", "evil@example.org"),
    )
    text = notice_text(hostile)
    assert "<script>alert(1)</script> & more" in text  # no HTML escaping in plain text
    assert "&lt;" not in text and "&amp;" not in text
    assert "\x1b" not in text and "\u202e" not in text
    lines = text.splitlines()
    assert any(line.startswith("  Name: someone else") for line in lines)  # indented
    assert [line for line in lines if line.startswith("Name:")] == []
    assert "  Name: Evil Good faith: withdrawn" in lines


def test_notice_private_channel_location() -> None:
    text = notice_text(notice(location=Location(None, 1234567890, 5)))
    assert "https://t.me/c/1234567890/5" in text
    assert "Private channel id: 1234567890" in text


def test_notice_dict_is_json_and_complete() -> None:
    as_dict = notice_dict(notice())
    assert json.loads(json.dumps(as_dict)) == as_dict
    assert as_dict["case_id"] == "MP-2026-000123"
    assert as_dict["location"] == {
        "url": "https://t.me/example_shop/4211",
        "channel_username": "example_shop",
        "channel_id": None,
        "message_id": 4211,
        "content_date": "2026-02-27",
        "excerpt": "Coke 1g 60 euro, bezorging heel Amsterdam",
    }
    assert as_dict["notifier"] == {"name": "Meldpunt Redactie", "email": "meldingen@example.org"}
    assert as_dict["good_faith_statement"] == GOOD_FAITH_STATEMENT
    assert as_dict["evidence"] == {"sha256": EVIDENCE, "preserved_at": "2026-02-28T08:00:00Z"}
    assert as_dict["dsa_category_specification"] == "KEYWORD_PROHIBITED_PRODUCTS"


def test_long_notice_explanation_is_cut() -> None:
    as_dict = notice_dict(notice(explanation="x" * 20_000))
    assert len(str(as_dict["explanation"])) == 5000


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"good_faith": False}, "good faith"),
        ({"evidence_sha256": "abc"}, "64 hex digits"),
        ({"evidence_sha256": "g" * 64}, "64 hex digits"),
        ({"explanation": "\x00 "}, "explanation is empty"),
        ({"submitted_at": datetime(2026, 3, 2, 10, 15)}, "timezone-aware"),
    ],
)
def test_notice_refuses_incomplete(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        notice(**changes)


@pytest.mark.parametrize("email", ["", "no-at-sign", "@example.org", "a@b", "a b@example.org"])
def test_notifier_needs_an_email_address(email: str) -> None:
    with pytest.raises(ValueError, match="e-mail address"):
        Notifier("Jan", email)


def test_notifier_needs_a_name() -> None:
    with pytest.raises(ValueError, match="name is empty"):
        Notifier(" \n", "jan@example.org")
