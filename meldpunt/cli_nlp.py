"""CLI commands of the text analysis: ``analyze`` one post, ``nlp eval`` on labelled sets,
``nlp train`` for the learned classifier, ``nlp terms`` to look words up in the lexicons.

``app`` holds ``analyze`` and the ``nlp`` group; mount it on the main CLI with
``register(main_app)`` or ``main_app.add_typer(app)``.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

import nlp
from meldpunt.console import progress
from nlp.classifier import DEFAULT_DIR as DEFAULT_CLASSIFIER
from nlp.classifier import file_digest, train_classifier
from nlp.crossval import cross_validate
from nlp.evaluate import EvalDataError, Example, Report, evaluate, parse_examples
from nlp.lexicon import CODE, Lexicon
from nlp.normalize import Normalizer
from nlp.scoring import Weights

DEV_SET = Path(__file__).resolve().parents[1] / "data" / "eval" / "dev.jsonl"
MAX_INPUT = 4 * 1024 * 1024  # more than analyze looks at; bounded so stdin cannot exhaust memory
# How the lexicon's ``ambiguous: true | false | code`` is shown in the terms table.
_AMBIGUITY: dict[bool | str, str] = {True: "yes", False: "no", CODE: "code"}
_STYLES = {
    "PRODUCT": "bold red",
    "PRICE": "bold green",
    "QUANTITY": "green",
    "CONTACT": "bold cyan",
    "PAYMENT": "magenta",
    "DELIVERY": "blue",
    "PLACE": "blue",
    "CTA": "yellow",
    "SALES": "yellow",
    "NEGATIVE": "dim strike",
    "LEGAL": "dim",
    "EVASION": "underline",
}

app = typer.Typer(help="Analyse posts for offers of illegal products.", no_args_is_help=True)
nlp_app = typer.Typer(
    help="Evaluate and train the offer detector, and look words up in its lexicons.",
    no_args_is_help=True,
)
app.add_typer(nlp_app, name="nlp")


def register(parent: typer.Typer) -> None:
    """Mount ``analyze`` and the ``nlp`` group on ``parent``."""
    parent.command("analyze")(analyze)
    parent.add_typer(nlp_app, name="nlp")


@app.command("analyze")
def analyze(
    text: Annotated[
        str, typer.Argument(help="The post text; '-' or nothing reads standard input.")
    ] = "-",
    as_json: Annotated[bool, typer.Option("--json", help="Print the analysis as JSON.")] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang", help="The post's language (nl, en, de, fr), instead of detecting it."
        ),
    ] = None,
) -> None:
    """Analyse one post: is it an offer, of what, for how much, how to get it, and why."""
    analyzer = nlp.default_analyzer()
    if lang is not None and lang.lower() not in analyzer.languages:
        raise typer.BadParameter(
            f"{lang!r} is not one of {', '.join(analyzer.languages)}", param_hint="--lang"
        )
    post = _read_stdin() if text == "-" else text
    analysis = analyzer.analyze(post, lang)
    if as_json:
        typer.echo(json.dumps(analysis.to_dict(), ensure_ascii=False))
        return
    _show(Console(), post, analysis)


@nlp_app.command("eval")
def evaluate_files(
    files: Annotated[list[Path], typer.Argument(help="JSONL files with labelled posts.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    worst: Annotated[int, typer.Option(help="How many of the worst errors to list.")] = 15,
    rules_only: Annotated[
        bool, typer.Option("--rules-only", help="Decide without the learned classifier.")
    ] = False,
    folds: Annotated[
        int,
        typer.Option(
            "--cross-validate",
            min=0,
            help="Decide each post with a classifier trained on the other posts of the files, "
            "dealt into this many folds (0: the built classifier).",
        ),
    ] = 0,
) -> None:
    """Precision, recall and F1 of "offer", category accuracy, per language and category."""
    examples = _read_examples(files)
    if folds and rules_only:
        raise typer.BadParameter("leave out --rules-only to cross-validate the classifier")
    if folds:
        report = _cross_validated(examples, folds)
    else:
        analyzer = _rules() if rules_only else nlp.default_analyzer()
        report = evaluate(analyzer, examples)
    if as_json:
        typer.echo(json.dumps(report.to_dict(worst), ensure_ascii=False))
        return
    _show_report(Console(), report, worst)


@nlp_app.command("train")
def train(
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="JSONL files with labelled posts (default: data/eval/dev.jsonl)."),
    ] = None,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Where to save the classifier.")
    ] = DEFAULT_CLASSIFIER,
    epochs: Annotated[int, typer.Option(min=1, max=200, help="Passes over the posts.")] = 12,
    seed: Annotated[int, typer.Option(help="Seed of every random choice in training.")] = 0,
) -> None:
    """Train the offer classifier on labelled posts, reproducibly.

    The same files and seed give the same model; --out is replaced once training has finished.
    """
    paths = files or [DEV_SET]
    examples = _read_examples(paths)
    if len({example.offer for example in examples}) < 2:
        names = ", ".join(str(path) for path in paths)
        typer.echo(f"error: {names}: training needs both offers and non-offers", err=True)
        raise typer.Exit(2)
    rules = _rules()
    with progress() as bar:
        reading = bar.add_task("reading posts", total=len(examples))
        docs = []
        for example in examples:
            docs.append(rules.tokens(example.text))
            bar.advance(reading)
        training = bar.add_task("training", total=epochs)
        classifier = train_classifier(
            docs,
            [example.offer for example in examples],
            epochs=epochs,
            seed=seed,
            trained_on={path.name: file_digest(path.read_bytes()) for path in paths},
            progress=lambda _: bar.advance(training),
        )
    _replace_dir(out, classifier.to_disk)
    offers = sum(example.offer for example in examples)
    typer.echo(f"trained on {len(examples)} posts ({offers} offers), {epochs} epochs: {out}")


@nlp_app.command("terms")
def lookup_terms(
    phrases: Annotated[
        list[str], typer.Argument(help="Words, phrases or emoji as they appear in posts.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the entries as JSON.")] = False,
) -> None:
    """Which lexicon entries a word matches: kind, meaning, class, ambiguity and source.

    Words are compared as the analyser compares them (look-alike letters folded, case
    ignored). Exits 1 when no phrase is in the lexicons.
    """
    rows = lexicon_entries(nlp.default_analyzer().lexicon, phrases, Normalizer().fold_term)
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False))
    elif rows:
        table = Table()
        for column in ("term", "kind", "name", "class", "ambiguous", "languages", "source"):
            table.add_column(column)
        for row in rows:
            table.add_row(
                row["term"],
                row["kind"],
                row["name"],
                row["class"],
                _AMBIGUITY[row["ambiguous"]],
                ", ".join(row["languages"]),
                row["source"],
                end_section=False,
            )
        Console().print(table)
    found = {row["query"] for row in rows}
    for phrase in phrases:
        if phrase not in found:
            typer.echo(f"not in the lexicons: {phrase}", err=True)
    if not rows:
        raise typer.Exit(1)


def lexicon_entries(
    lexicon: Lexicon, phrases: list[str], fold: Callable[[str], str]
) -> list[dict[str, Any]]:
    """The lexicon's terms and emoji codes that ``phrases`` match once folded, in file order."""
    wanted: dict[str, str] = {}
    for phrase in phrases:
        wanted.setdefault(fold(phrase).lower(), phrase)
    entries = [
        (
            t.text,
            t.label,
            t.name,
            t.category,
            CODE if t.code else t.ambiguous,
            list(t.langs),
            t.source,
        )
        for t in lexicon.terms
    ] + [
        (e.emoji, e.label, e.name, e.category, e.label == "PRODUCT", [], "emoji code")
        for e in lexicon.emoji
    ]
    rows: list[dict[str, Any]] = []
    for text, label, name, category, ambiguous, langs, source in entries:
        query = wanted.get(fold(text).lower())
        if query is not None:
            rows.append(
                {
                    "query": query,
                    "term": text,
                    "kind": label.lower(),
                    "name": name,
                    "class": category.value,
                    "ambiguous": ambiguous,
                    "languages": langs,
                    "source": source,
                }
            )
    return rows


def _cross_validated(examples: list[Example], folds: int) -> Report:
    if not 2 <= folds <= len(examples):
        raise typer.BadParameter(
            f"from 2 to {len(examples)} (the posts in the files)", param_hint="--cross-validate"
        )
    rules = _rules()
    with progress() as bar:
        task = bar.add_task("cross-validating", total=folds)
        try:
            return cross_validate(
                rules, examples, folds=folds, progress=lambda _: bar.advance(task)
            )
        except ValueError as error:  # a fold whose other posts are all of one kind
            raise typer.BadParameter(str(error), param_hint="--cross-validate") from None


def _rules() -> nlp.Analyzer:
    """An analyser whose rules decide alone: it needs no trained classifier on disk."""
    return nlp.Analyzer(weights=Weights(classifier=0))


def _read_examples(paths: list[Path]) -> list[Example]:
    examples: list[Example] = []
    for path in paths:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
            examples.extend(parse_examples(lines, str(path)))
        except (OSError, UnicodeDecodeError, EvalDataError) as error:
            typer.echo(f"error: {path}: {error}", err=True)
            raise typer.Exit(2) from None
    return examples


def _replace_dir(target: Path, write: Callable[[Path], None]) -> None:
    """Write a directory beside ``target`` and swap it in, so a failed write leaves the old."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        write(staging / "new")
        if target.exists():
            target.rename(staging / "old")
        (staging / "new").rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _read_stdin() -> str:
    data = sys.stdin.read(MAX_INPUT)
    return data


def _show(console: Console, post: str, analysis: nlp.Analysis) -> None:
    highlighted = Text(post)
    for span in analysis.spans:
        style = _STYLES.get(span.label)
        if style:
            highlighted.stylize(style, span.start, span.end)
    verdict = "[bold red]OFFER[/]" if analysis.offer else "[green]no offer[/]"
    console.print(highlighted)
    console.print(
        f"{verdict}  score {analysis.score:.2f}  category {analysis.category.value}  "
        f"lang {analysis.lang}  DSA {analysis.dsa_category} {analysis.dsa_keyword or ''}"
    )
    if analysis.truncated:
        console.print(f"[yellow]only the first {nlp.MAX_BYTES // 1024} KiB were analysed[/]")
    for reason in analysis.reasons:
        console.print(f"  - {reason}")


def _show_report(console: Console, report: Report, worst: int) -> None:
    overall = report.overall
    accuracy = overall.category_accuracy
    console.print(
        f"n={overall.n}  precision {overall.precision:.3f}  recall {overall.recall:.3f}  "
        f"F1 {overall.f1:.3f}  category accuracy "
        + ("-" if accuracy is None else f"{accuracy:.3f}")
    )
    for title, groups in (("language", report.per_lang), ("category", report.per_category)):
        table = Table(title=f"per {title}")
        for column in (title, "n", "tp", "fp", "fn", "precision", "recall", "F1", "category acc"):
            table.add_column(column)
        for name, counts in sorted(groups.items()):
            cat = counts.category_accuracy
            table.add_row(
                name,
                str(counts.n),
                str(counts.tp),
                str(counts.fp),
                str(counts.fn),
                f"{counts.precision:.3f}",
                f"{counts.recall:.3f}",
                f"{counts.f1:.3f}",
                "-" if cat is None else f"{cat:.3f}",
            )
        console.print(table)
    errors = report.worst(worst)
    if errors:
        console.print(f"worst errors ({len(report.errors)} in all):")
    for error in errors:
        snippet = " ".join(error.text.split())[:110]
        console.print(
            f"  [{error.kind}] score {error.score:.2f} {error.lang} "
            f"gold={error.gold_category} got={error.predicted_category}: {snippet}",
            markup=False,
        )
        console.print("      " + "; ".join(error.reasons), markup=False, style="dim")
