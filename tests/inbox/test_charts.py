"""Server-rendered SVG charts: well-formed, accessible, escaped, proportional."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inbox.charts import MAX_BARS, bar_chart, duration_bars, stacked_share

NS = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "img"
    title = root.find(f"{NS}title")
    assert title is not None and title.text
    labelled_by = (root.get("aria-labelledby") or "").split()
    ids = {element.get("id") for element in root.iter() if element.get("id")}
    assert labelled_by and set(labelled_by) <= ids
    return root


def bars(root: ET.Element, kind: str = "bar") -> list[ET.Element]:
    return [rect for rect in root.iter(f"{NS}rect") if rect.get("class") == kind]


def texts(root: ET.Element) -> list[str]:
    return ["".join(element.itertext()) for element in root.iter(f"{NS}text")]


def test_bar_chart_draws_one_bar_per_row_with_labels_and_values() -> None:
    data = [("drugs", 120.0), ("weapons", 30.0), ("documents", 60.0)]
    root = parse(bar_chart("Cases by category", data, unit="cases"))
    drawn = bars(root)
    assert len(drawn) == 3
    widths = [float(rect.get("width") or "nan") for rect in drawn]
    assert widths[0] > 0
    assert widths[1] / widths[0] == pytest.approx(0.25, abs=0.01)
    assert widths[2] / widths[0] == pytest.approx(0.5, abs=0.01)
    shown = texts(root)
    assert "Cases by category" in shown
    for label, value in data:
        assert label in shown
        assert f"{int(value)} cases" in shown


def test_labels_are_escaped_and_no_script_exists() -> None:
    hostile = "<script>alert(1)</script>"
    svg = bar_chart(hostile, [(hostile, 1.0), ('" onload="x', 2.0)])
    root = parse(svg)
    assert "<script" not in svg
    assert "&lt;script&gt;" in svg
    assert not [e for e in root.iter() if e.tag.lower().endswith("script")]
    assert hostile in texts(root)
    assert all(not name.startswith("on") for e in root.iter() for name in e.attrib)


def test_characters_xml_cannot_hold_are_replaced() -> None:
    root = parse(bar_chart("t\x00itle", [("a\x01b\ud800", 1.0), ("\x1b[31m", 2.0)]))
    assert "a\ufffdb\ufffd" in texts(root)


@pytest.mark.parametrize("values", [[0.0, 0.0], [-5.0, 3.0], [math.nan, 2.0], [math.inf, 1.0]])
def test_zero_negative_and_nan_draw_no_bar(values: list[float]) -> None:
    root = parse(bar_chart("odd", [(f"row {i}", v) for i, v in enumerate(values)]))
    drawn = bars(root)
    assert len(drawn) == len(values)
    for rect, value in zip(drawn, values, strict=True):
        width = float(rect.get("width") or "nan")
        assert math.isfinite(width) and width >= 0
        if not (math.isfinite(value) and value > 0):
            assert width == 0
    if any(not math.isfinite(v) for v in values):
        assert "n/a" in texts(root)


def test_empty_data_renders_no_data_chart() -> None:
    for svg in (
        bar_chart("Nothing yet", []),
        stacked_share("Nothing yet", []),
        stacked_share("Nothing yet", [("proactive", 0.0), ("notified", math.nan)]),
        duration_bars("Nothing yet", []),
    ):
        root = parse(svg)
        assert "No data" in texts(root)
        assert bars(root) == [] and bars(root, "segment") == []


def test_output_is_deterministic_and_ids_differ_between_charts() -> None:
    first = bar_chart("A", [("x", 1.0)])
    assert first == bar_chart("A", [("x", 1.0)])
    other = bar_chart("A", [("x", 2.0)])
    assert parse(first).get("aria-labelledby") != parse(other).get("aria-labelledby")


def test_width_is_respected_and_bounded() -> None:
    assert parse(bar_chart("w", [("x", 1.0)], width=640)).get("width") == "640"
    assert parse(bar_chart("w", [("x", 1.0)], width=10)).get("width") == "240"
    assert parse(bar_chart("w", [("x", 1.0)], width=10**9)).get("width") == "2000"


def test_too_many_bars_is_refused() -> None:
    with pytest.raises(ValueError, match=f"at most {MAX_BARS}"):
        bar_chart("many", [(str(i), 1.0) for i in range(MAX_BARS + 1)])


def test_long_labels_are_shortened_but_kept_whole_in_the_tooltip() -> None:
    label = "channel_" * 40
    root = parse(bar_chart("long", [(label, 1.0)]))
    assert all(len(text) < 100 for text in texts(root))
    tooltips = ["".join(t.itertext()) for t in root.iter(f"{NS}title")]
    assert any(label in tooltip for tooltip in tooltips)


def test_stacked_share_splits_one_bar_by_share() -> None:
    root = parse(stacked_share("How cases arrived", [("proactive", 75.0), ("notified", 25.0)]))
    segments = bars(root, "segment")
    assert len(segments) == 2
    widths = [float(rect.get("width") or "nan") for rect in segments]
    assert widths[0] == pytest.approx(3 * widths[1], rel=0.01)
    first_x = float(segments[0].get("x") or "nan")
    second_x = float(segments[1].get("x") or "nan")
    assert second_x == pytest.approx(first_x + widths[0], abs=0.01)
    shown = " ".join(texts(root))
    assert "proactive: 75 (75%)" in shown and "notified: 25 (25%)" in shown


def test_stacked_share_skips_unusable_parts_but_lists_them() -> None:
    root = parse(stacked_share("s", [("a", 1e308), ("b", 1e308), ("c", -1.0), ("d", math.nan)]))
    assert len(bars(root, "segment")) == 2
    shown = " ".join(texts(root))
    assert "a: 1.000e+308 (50%)" in shown and "c: -1 (0%)" in shown and "d: n/a (0%)" in shown


def test_duration_bars_count_into_buckets() -> None:
    hours = [0.5, 2, 23.9, 24, 30, 100, 500, math.nan, -1]
    root = parse(duration_bars("Time to decision", hours))
    assert len(bars(root)) == 5
    shown = texts(root)
    for label in ("< 1 h", "1–24 h", "24–72 h", "72–168 h", "≥ 168 h"):
        assert label in shown
    counts = [text for text in shown if text.isdigit()]
    assert counts == ["1", "2", "2", "1", "1"]


def test_duration_bars_refuse_bad_edges() -> None:
    with pytest.raises(ValueError, match="increasing"):
        duration_bars("t", [1.0], edges=(24, 1))
    with pytest.raises(ValueError, match="increasing"):
        duration_bars("t", [1.0], edges=(1, math.nan))


_values = st.floats(allow_nan=True, allow_infinity=True)


@given(st.lists(st.tuples(st.text(max_size=80), _values), max_size=30), st.text(max_size=80))
def test_any_data_gives_well_formed_svg(data: list[tuple[str, float]], title: str) -> None:
    root = parse(bar_chart(title or "t", data))
    assert len(bars(root)) == len(data)
    for rect in bars(root):
        assert math.isfinite(float(rect.get("width") or "nan"))
    parse(stacked_share(title or "t", data[:8]))
