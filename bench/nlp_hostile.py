"""Benchmark: how ``analyze`` scales on hostile posts, one repeated pattern each.

Usage (from the repository root)::

    .venv/bin/python bench/nlp_hostile.py [--small 16000] [--large 64000] [--rounds 3]

Each pattern (handles, prices, leetspeak, spaced letters, homoglyphs, messenger ids, ...) is
repeated to ``--small`` and to ``--large`` characters, and both posts are analysed in the same
run. The figure printed is the growth: the time of the large post over the small one, divided
by how much larger it is. About 1 is linear; well above 1 points to a scan that is quadratic
in the number of matches, which a seller can trigger with one long post. The best of
``--rounds`` runs counts for each size, so a load that comes and goes on a shared machine does
not make a pattern look worse than it is.

The garbage collector is paused while a post is analysed (and run before): a long post leaves
tens of thousands of objects alive at once, and CPython's collector, which walks every object
the process holds, then runs often enough to make even linear code look 1.5 to 2.3 times
worse at four times the size. The figure is meant to show our scans, not the collector.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import nlp  # noqa: E402

PATTERNS = {
    "handles": "@plug_nl ",
    "prices": "coke 1g 60 ",
    "emoji codes": "❄️💊🍃 ",
    "phone numbers": "0612345678 ",
    "dotted letters": "c.o.c.a.i.n.e ",
    "spaced letters": "c o k e ",
    "barred letters": "c|o|k|e ",
    "leetspeak": "c0k3 w33d ",
    "homoglyphs": "соke wееd ",
    "held letters": "cooooke ",
    "short terms": "K ",
    "negations": "geen coke ",
    "legal words": "legaal coke ",
    "questions": "waar coke kopen? ",
    "places": "bezorging amsterdam utrecht ",
    "messenger ids": "wickr: plug ",
    "links": "t.me/plug https://x.com ",
    "contacts apart": "t . me / plug_nl contact @ plugnl ",
    "bracketed units": "€50 (5g) / ",
    "slash lists": "10/20/40/80mg 3.5 £35 ",
    "starred words": "co*ke xa*nax ",
    "glued words": "xtc-pillen ",
    "each prices": "coke 5 each ",
    "whole offers": "coke 1g 60 dm @plug bezorging heel nl ",
}


def best_time(analyse: Callable[[str], object], text: str, rounds: int) -> float:
    """The least wall-clock seconds of ``rounds`` analyses of ``text``."""
    best = float("inf")
    for _ in range(rounds):
        gc.collect()
        gc.disable()
        try:
            started = time.perf_counter()
            analyse(text)
            best = min(best, time.perf_counter() - started)
        finally:
            gc.enable()
    return best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=16_000)
    parser.add_argument("--large", type=int, default=64_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    analyzer = nlp.Analyzer()
    analyzer.analyze("warm-up: coke 1g 60, dm @plug")  # builds the pipelines
    factor = args.large / args.small
    print(f"growth = (time at {args.large:,} chars / time at {args.small:,}) / {factor:g}")
    for name, unit in PATTERNS.items():
        small = (unit * (args.small // len(unit) + 1))[: args.small]
        large = (unit * (args.large // len(unit) + 1))[: args.large]
        rounds = max(args.rounds, 1)
        short = best_time(analyzer.analyze, small, rounds)
        long = best_time(analyzer.analyze, large, rounds)
        print(f"{name:<15} {long * 1000:8.1f} ms   growth {long / short / factor:5.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
