"""The CLI commands in meldpunt/cli_nlp.py, through Typer's test runner.

(Named test_cli_nlp.py: tests/meldpunt/test_cli.py already uses the plain name.)
"""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from meldpunt.cli_nlp import app, register
from nlp.classifier import OfferClassifier, file_digest

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLE = "COKE/XTC * 1Gram = €50 * 5Gram = €230 bezorging heel NL @plugNL"
runner = CliRunner()


def test_analyze_json() -> None:
    result = runner.invoke(app, ["analyze", EXAMPLE, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["offer"] is True and data["category"] == "drugs"
    assert [(p["amount"], p["quantity"], p["unit"]) for p in data["prices"]] == [
        (50.0, 1.0, "g"),
        (230.0, 5.0, "g"),
    ]
    assert data["contacts"][0]["value"] == "@plugNL"


def test_analyze_reads_standard_input() -> None:
    result = runner.invoke(app, ["analyze", "-", "--json"], input="Hoi, hoe gaat het?")
    assert result.exit_code == 0
    assert json.loads(result.output)["offer"] is False


def test_analyze_shows_reasons_in_the_terminal() -> None:
    result = runner.invoke(app, ["analyze", EXAMPLE])
    assert result.exit_code == 0
    assert "OFFER" in result.output
    assert "product: cocaine, mdma" in result.output


def test_eval_json_has_the_figures() -> None:
    result = runner.invoke(app, ["nlp", "eval", str(FIXTURES / "mini_eval.jsonl"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"precision", "recall", "f1", "n", "per_lang", "per_category"} <= set(data)
    assert data["n"] == 4
    assert set(data["per_lang"]) == {"nl", "en"}


def test_eval_table() -> None:
    result = runner.invoke(app, ["nlp", "eval", str(FIXTURES / "mini_eval.jsonl")])
    assert result.exit_code == 0
    assert "precision" in result.output and "per language" in result.output


def test_eval_reports_bad_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x"}\n', encoding="utf-8")
    result = runner.invoke(app, ["nlp", "eval", str(bad)])
    assert result.exit_code == 2
    assert "bad.jsonl:1" in result.output
    missing = runner.invoke(app, ["nlp", "eval", str(tmp_path / "missing.jsonl")])
    assert missing.exit_code == 2


def test_register_mounts_the_commands() -> None:
    parent = typer.Typer()

    @parent.command("version")
    def version() -> None:
        """Print nothing in particular."""

    register(parent)
    result = runner.invoke(parent, ["analyze", "Hoi", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.output)["offer"] is False
    helped = runner.invoke(parent, ["nlp", "eval", "--help"])
    assert helped.exit_code == 0 and "precision" in helped.output.lower()


def test_terms_looks_words_up_as_the_analyser_sees_them() -> None:
    # "ЅNUIF" with a Cyrillic Ѕ: folded and lower-cased like a post's words.
    result = runner.invoke(app, ["nlp", "terms", "ЅNUIF", "yaba", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    snuif = [r for r in rows if r["query"] == "ЅNUIF"]
    assert [(r["name"], r["class"], r["ambiguous"]) for r in snuif] == [("cocaine", "drugs", True)]
    assert {r["source"] for r in rows if r["query"] == "yaba"} == {"meldpunt", "dea2018"}


def test_terms_says_what_it_did_not_find() -> None:
    result = runner.invoke(app, ["nlp", "terms", "lemonade-stand-xyz"])
    assert result.exit_code == 1
    assert "not in the lexicons: lemonade-stand-xyz" in result.output


def test_analyze_takes_the_language_when_given() -> None:
    result = runner.invoke(app, ["analyze", EXAMPLE, "--lang", "de", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["lang"] == "de"
    wrong = runner.invoke(app, ["analyze", EXAMPLE, "--lang", "xx"])
    assert wrong.exit_code == 2
    assert "'xx' is not one of nl, en, de, fr" in wrong.output


def test_train_saves_a_classifier_that_knows_what_it_learned_from(tmp_path: Path) -> None:
    labelled = FIXTURES / "mini_eval.jsonl"
    out = tmp_path / "model"
    result = runner.invoke(app, ["nlp", "train", str(labelled), "--out", str(out), "--epochs", "2"])
    assert result.exit_code == 0, result.output
    assert "trained on 4 posts (2 offers), 2 epochs" in result.output
    meta = OfferClassifier.load(out).meta
    assert meta["trained_on"] == {"mini_eval.jsonl": file_digest(labelled.read_bytes())}
    assert [p.name for p in tmp_path.iterdir()] == ["model"]  # nothing left of the staging


def test_a_failed_training_leaves_the_old_classifier(tmp_path: Path) -> None:
    out = tmp_path / "model"
    out.mkdir()
    (out / "old").write_text("the classifier before", encoding="utf-8")
    offers_only = tmp_path / "offers.jsonl"
    offers_only.write_text(
        (FIXTURES / "mini_eval.jsonl").read_text(encoding="utf-8").splitlines()[0] + "\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["nlp", "train", str(offers_only), "--out", str(out)])
    assert result.exit_code == 2
    assert "offers.jsonl: training needs both offers and non-offers" in result.output
    assert (out / "old").read_text(encoding="utf-8") == "the classifier before"


def test_eval_rules_only_leaves_the_classifier_out() -> None:
    labelled = str(FIXTURES / "mini_eval.jsonl")
    result = runner.invoke(app, ["nlp", "eval", labelled, "--rules-only", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["n"] == 4


def test_eval_cross_validates_the_classifier(tmp_path: Path) -> None:
    labelled = tmp_path / "small.jsonl"
    rows = (FIXTURES / "mini_eval.jsonl").read_text(encoding="utf-8").splitlines()
    more = [
        {"text": "wiet 5g 50 euro bezorging dm", "offer": True, "category": "drugs", "lang": "nl"},
        {"text": "xtc 10 voor 25 ophalen", "offer": True, "category": "drugs", "lang": "nl"},
        {"text": "politie waarschuwt voor xtc", "offer": False, "category": "none", "lang": "nl"},
        {"text": "waar kan ik wiet kopen?", "offer": False, "category": "none", "lang": "nl"},
    ]
    lines = rows + [json.dumps(row) for row in more]
    labelled.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["nlp", "eval", str(labelled), "--cross-validate", "2", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["n"] == 8  # the progress bar goes to stderr
    too_many = runner.invoke(app, ["nlp", "eval", str(labelled), "--cross-validate", "9"])
    assert too_many.exit_code == 2
    both = ["nlp", "eval", str(labelled), "--cross-validate", "2", "--rules-only"]
    assert runner.invoke(app, both).exit_code == 2
