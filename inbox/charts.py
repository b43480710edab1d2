"""Server-rendered SVG charts for the transparency report page and its HTML export.

Each function returns one standalone ``<svg>`` document: no script, no external resources,
colours and fonts as attributes, so it renders the same inline in HTML, as a file, or in a
PDF. Output is deterministic for the same input (ids derive from a hash of the content).
Labels may come from hostile data (channel names): every text is XML-escaped and stripped of
characters XML cannot hold. Zero, negative, NaN and infinite values draw no bar.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from itertools import pairwise
from xml.sax.saxutils import escape, quoteattr

SVG_NS = "http://www.w3.org/2000/svg"
MAX_BARS = 200
MIN_WIDTH = 240
MAX_WIDTH = 2000
FONT = "system-ui, -apple-system, 'Segoe UI', sans-serif"
# Okabe-Ito: distinguishable with the common forms of colour blindness.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
BAR_COLOUR = PALETTE[0]
TEXT_COLOUR = "#1a1a1a"
MUTED_COLOUR = "#6b6b6b"
TRACK_COLOUR = "#e6e6e6"

_TITLE_HEIGHT = 28
_ROW_HEIGHT = 22
_BAR_HEIGHT = 16
_PAD = 8
_CHAR_WIDTH = 7.0  # generous width of one 12px character, to cut labels that would not fit
_VALUE_WIDTH = 72
_LABEL_MAX_CHARS = 60


def bar_chart(
    title: str, data: Sequence[tuple[str, float]], *, unit: str = "", width: int = 480
) -> str:
    """Horizontal bars, one per ``(label, value)``, with the value written after each bar.

    Bars are proportional to the largest finite positive value. Raises ``ValueError`` for
    more than :data:`MAX_BARS` rows (aggregate first: a chart of thousands of bars says nothing).
    """
    if len(data) > MAX_BARS:
        raise ValueError(f"a bar chart shows at most {MAX_BARS} bars, not {len(data)}")
    width = _clamp_width(width)
    if not data:
        return _no_data(title, width)
    label_width = round(width * 0.35)
    bar_left = label_width + _PAD
    bar_space = max(width - bar_left - _VALUE_WIDTH - _PAD, 1)
    largest = max((v for _, v in data if _drawable(v)), default=0.0)
    height = _TITLE_HEIGHT + len(data) * _ROW_HEIGHT + _PAD
    summary = "; ".join(f"{_clean(label)}: {_number(value, unit)}" for label, value in data)
    body: list[str] = []
    max_chars = max(int((label_width - _PAD) / _CHAR_WIDTH), 4)
    for row, (label, value) in enumerate(data):
        top = _TITLE_HEIGHT + row * _ROW_HEIGHT
        # Ratio first: bar_space * value could overflow for huge values.
        bar_width = bar_space * (value / largest) if largest and _drawable(value) else 0.0
        middle = top + _BAR_HEIGHT / 2
        body.append(
            f'<g class="row"><title>{_text(label)}: {_text(_number(value, unit))}</title>'
            f'<text x="{label_width}" y="{_fmt(middle)}" text-anchor="end" '
            f'dominant-baseline="central">{_text(_shorten(label, max_chars))}</text>'
            f'<rect class="bar" x="{bar_left}" y="{top}" width="{_fmt(bar_width)}" '
            f'height="{_BAR_HEIGHT}" fill="{BAR_COLOUR}"/>'
            f'<text class="value" x="{_fmt(bar_left + bar_width + 4)}" y="{_fmt(middle)}" '
            f'dominant-baseline="central">{_text(_number(value, unit))}</text></g>'
        )
    return _svg(title, summary, width, height, body)


def stacked_share(title: str, parts: Sequence[tuple[str, float]], *, width: int = 480) -> str:
    """One bar split into each part's share of the total, with a legend giving the numbers.

    Parts that are zero, negative or not finite take no space but stay in the legend.
    """
    if len(parts) > len(PALETTE):
        raise ValueError(f"a share bar has at most {len(PALETTE)} parts, not {len(parts)}")
    width = _clamp_width(width)
    # Scale by the largest part first, so a sum of huge values cannot overflow to infinity.
    largest = max((v for _, v in parts if _drawable(v)), default=0.0)
    if not largest:
        return _no_data(title, width)
    scaled = [v / largest if _drawable(v) else 0.0 for _, v in parts]
    total = math.fsum(scaled)
    bar_width = width - 2 * _PAD
    top = _TITLE_HEIGHT
    body = [
        f'<rect x="{_PAD}" y="{top}" width="{bar_width}" height="{_BAR_HEIGHT + 4}" '
        f'fill="{TRACK_COLOUR}"/>'
    ]
    left = float(_PAD)
    summary_parts: list[str] = []
    for index, (label, value) in enumerate(parts):
        share = scaled[index] / total
        summary_parts.append(f"{_clean(label)}: {_number(value, '')} ({_percent(share)})")
        if share > 0:
            segment = bar_width * share
            body.append(
                f'<rect class="segment" x="{_fmt(left)}" y="{top}" width="{_fmt(segment)}" '
                f'height="{_BAR_HEIGHT + 4}" fill="{PALETTE[index]}">'
                f"<title>{_text(label)}: {_text(_percent(share))}</title></rect>"
            )
            left += segment
    legend_top = top + _BAR_HEIGHT + 4 + _PAD
    max_chars = max(int((width - 2 * _PAD - 120) / _CHAR_WIDTH), 4)
    for index, (label, value) in enumerate(parts):
        y = legend_top + index * _ROW_HEIGHT
        share = scaled[index] / total
        body.append(
            f'<g class="legend"><rect x="{_PAD}" y="{y}" width="12" height="12" '
            f'fill="{PALETTE[index]}"/>'
            f'<text x="{_PAD + 18}" y="{y + 6}" dominant-baseline="central">'
            f"{_text(_shorten(label, max_chars))}: {_text(_number(value, ''))} "
            f"({_text(_percent(share))})</text></g>"
        )
    height = legend_top + len(parts) * _ROW_HEIGHT
    return _svg(title, "; ".join(summary_parts), width, height, body)


def duration_bars(
    title: str,
    hours: Sequence[float],
    *,
    edges: Sequence[float] = (1, 24, 72, 168),
    width: int = 480,
) -> str:
    """Count durations (e.g. time to decision, in hours) into buckets and draw them as bars.

    ``edges`` are increasing bucket boundaries: with the default the buckets are under 1 h,
    1-24 h, 24-72 h, 72-168 h and 168 h or more. Values that are not finite or negative are
    not counted.
    """
    if (
        not edges
        or not all(math.isfinite(edge) for edge in edges)
        or any(b <= a for a, b in pairwise(edges))
    ):
        raise ValueError("bucket edges must be a non-empty increasing sequence of numbers")
    counts = [0] * (len(edges) + 1)
    for value in hours:
        if math.isfinite(value) and value >= 0:
            counts[sum(1 for edge in edges if value >= edge)] += 1
    labels = [f"< {_fmt(edges[0])} h"]
    labels += [f"{_fmt(a)}–{_fmt(b)} h" for a, b in pairwise(edges)]
    labels.append(f"≥ {_fmt(edges[-1])} h")
    if not any(counts):
        return _no_data(title, _clamp_width(width))
    return bar_chart(title, list(zip(labels, map(float, counts), strict=True)), width=width)


def _svg(title: str, summary: str, width: int, height: int, body: list[str]) -> str:
    digest = hashlib.sha256(f"{title}\n{summary}\n{width}".encode("utf-8", "replace"))
    chart_id = f"chart-{digest.hexdigest()[:12]}"
    return (
        f'<svg xmlns="{SVG_NS}" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'font-family={quoteattr(FONT)} font-size="12" fill="{TEXT_COLOUR}">'
        f'<title id="{chart_id}-title">{_text(title)}</title>'
        f'<desc id="{chart_id}-desc">{_text(summary)}</desc>'
        f'<text x="{_PAD}" y="18" font-size="14" font-weight="bold">'
        f"{_text(_shorten(title, int((width - 2 * _PAD) / 8)))}</text>" + "".join(body) + "</svg>"
    )


def _no_data(title: str, width: int) -> str:
    height = _TITLE_HEIGHT + _ROW_HEIGHT + _PAD
    body = [
        f'<text class="no-data" x="{width // 2}" y="{_TITLE_HEIGHT + 12}" text-anchor="middle" '
        f'fill="{MUTED_COLOUR}">No data</text>'
    ]
    return _svg(title, "No data", width, height, body)


def _drawable(value: float) -> bool:
    return math.isfinite(value) and value > 0


def _clamp_width(width: int) -> int:
    return min(max(int(width), MIN_WIDTH), MAX_WIDTH)


def _number(value: float, unit: str) -> str:
    if not math.isfinite(value):
        return "n/a"
    if abs(value) >= 1e15:
        shown = f"{value:.3e}"
    else:
        shown = str(int(value)) if value == int(value) else f"{value:.1f}"
    return f"{shown} {unit}" if unit else shown


def _percent(share: float) -> str:
    return f"{share * 100:.0f}%"


def _fmt(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _shorten(text: str, max_chars: int) -> str:
    cleaned = _clean(text)
    limit = min(max_chars, _LABEL_MAX_CHARS)
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


def _clean(text: str) -> str:
    """Keep only characters XML 1.0 allows; others (controls, surrogates) become U+FFFD."""
    return "".join(c if _xml_char(c) else "\ufffd" for c in str(text))


def _xml_char(char: str) -> bool:
    code = ord(char)
    if code < 0x20:
        return char in "\t\n\r"
    return not (0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF))


def _text(text: str) -> str:
    return escape(_clean(text))
