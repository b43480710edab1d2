"""Reading amounts as sellers write them: 1.500, 1,5, 1.000,50, 0.0015, 1/2, half."""

from __future__ import annotations

NUMBER_WORDS = {"half": 0.5, "halve": 0.5}


def parse_amount(raw: str, *, crypto: bool) -> float | None:
    """``1.500`` -> 1500, ``1,5`` -> 1.5, ``1.000,50`` -> 1000.5, ``0.0015`` -> 0.0015."""
    if raw.isascii() and raw.isdigit():  # most amounts: plain digits
        value = float(raw)
        return value if value < 1e12 else None
    if raw in NUMBER_WORDS:
        return NUMBER_WORDS[raw]
    if "/" in raw:
        numerator, _, denominator = raw.partition("/")
        top, bottom = (
            parse_amount(numerator, crypto=False),
            parse_amount(denominator, crypto=False),
        )
        return top / bottom if top is not None and bottom else None
    if "." in raw and "," in raw:
        decimal = "." if raw.rfind(".") > raw.rfind(",") else ","
        thousands = "," if decimal == "." else "."
        raw = raw.replace(thousands, "").replace(decimal, ".")
    elif "." in raw or "," in raw:
        mark = "." if "." in raw else ","
        head, _, tail = raw.rpartition(mark)
        grouped = raw.count(mark) > 1 or (len(tail) == 3 and not crypto and head != "0")
        raw = raw.replace(mark, "") if grouped else raw.replace(mark, ".")
    try:
        value = float(raw)
    except ValueError:
        return None
    return value if value < 1e12 else None
