"""Benchmark: ``analyze`` against bare ``spacy.blank(lang)`` tokenisation of the same posts.

Usage (from the repository root)::

    .venv/bin/python bench/nlp.py [--rounds 5] [--generated 0] [FILE.jsonl ...]

Posts come from the evaluation sets (``data/eval/*.jsonl``), plus ``--generated`` synthetic
posts (short, dense with lexicon words; half of them offers). Both sides see the same texts
in the same run, after one warm-up round each (tokenizer caches fill the same way on both
sides); the best of the timed rounds counts.
Prints messages per second for each and the ratio analyze / tokenisation (target >= 0.5).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import spacy

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import nlp  # noqa: E402

_PRODUCTS = ["wiet", "hasj", "coke", "xtc", "speed", "ketamine", "3-mmc", "weed", "mdma", "lsd"]
_FILLER = (
    "hallo allemaal vandaag hebben we weer nieuwe voorraad en de kwaliteit is top kijk snel "
    "the best quality in town message me for the menu we deliver fast and discreet today "
    "morgen gaan we naar het strand met de hele familie en het wordt mooi weer"
).split()


def eval_posts(files: Sequence[Path]) -> list[tuple[str, str]]:
    """``(text, lang)`` from JSONL files with ``text`` and ``lang`` fields."""
    posts = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                posts.append((str(row["text"]), str(row.get("lang", "en"))))
    return posts


def generated_posts(count: int, seed: int = 7) -> list[tuple[str, str]]:
    """Telegram-like posts, half of them offers, deterministic for a seed."""
    rng = random.Random(seed)
    posts = []
    for index in range(count):
        words = rng.choices(_FILLER, k=rng.randint(8, 40))
        if index % 2 == 0:
            product = rng.choice(_PRODUCTS)
            grams = rng.choice([1, 2, 5, 10])
            words += [product, f"{grams}g", f"€{grams * rng.randint(8, 60)}", f"@plug{index}"]
        rng.shuffle(words)
        posts.append((" ".join(words), "nl"))
    return posts


def run(label: str, work: Callable[[], int], rounds: int) -> float:
    """Best messages per second over ``rounds`` timed runs (after one warm-up)."""
    work()
    best = 0.0
    for _ in range(rounds):
        started = time.perf_counter()
        count = work()
        best = max(best, count / (time.perf_counter() - started))
    print(f"{label:<32} {best:>10,.0f} messages/s")
    return best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--generated", type=int, default=0)
    args = parser.parse_args(argv)
    files = args.files or sorted((REPO / "data" / "eval").glob("*.jsonl"))
    posts = eval_posts(files)
    posts += generated_posts(args.generated if posts else max(args.generated, 1000))
    texts = [text for text, _ in posts]
    langs = sorted({lang for _, lang in posts})
    blanks = {lang: spacy.blank(lang) for lang in langs}
    analyzer = nlp.Analyzer()
    print(f"{len(texts)} posts ({', '.join(langs)}), {sum(map(len, texts)):,} characters")

    def tokenise() -> int:
        for text, lang in posts:
            blanks[lang](text)
        return len(posts)

    def analyse() -> int:
        for text in texts:
            analyzer.analyze(text)
        return len(texts)

    def analyse_batch() -> int:
        return sum(1 for _ in analyzer.analyze_many(texts))

    baseline = run("spacy.blank tokenisation", tokenise, args.rounds)
    single = run("nlp analyze", analyse, args.rounds)
    batch = run("nlp analyze_many", analyse_batch, args.rounds)
    print(f"ratio analyze / tokenisation:      {single / baseline:.2f}")
    print(f"ratio analyze_many / tokenisation: {batch / baseline:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
