"""The small readers of numbers and links the web preview prints."""

from __future__ import annotations

import pytest

from monitors.webpreview.links import is_username, parse_tme_link
from monitors.webpreview.numbers import parse_count, parse_duration, parse_file_size


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("2", 2),
        ("1.2K", 1_200),
        ("436.6K", 436_600),
        ("3.1M", 3_100_000),
        ("2.38M", 2_380_000),
        ("1.23M subscribers", 1_230_000),
        ("12 345 subscribers", 12_345),
        ("12\u00a0345", 12_345),
        ("1,234", 1_234),
        ("1,2K", 1_200),
        ("1.5B", 1_500_000_000),
        ("1 subscriber", 1),
        ("", None),
        ("many", None),
        ("1.2.3K", None),
        ("1e9", None),
        ("9" * 40, None),
        ("٣", None),
    ],
)
def test_parse_count(raw: str, value: int | None) -> None:
    assert parse_count(raw) == value


@pytest.mark.parametrize(
    ("raw", "seconds"),
    [("0:52", 52), ("1:13", 73), ("1:02:03", 3723), ("52", None), ("a:b", None), ("", None)],
)
def test_parse_duration(raw: str, seconds: int | None) -> None:
    assert parse_duration(raw) == seconds


@pytest.mark.parametrize(
    ("raw", "size"),
    [("1.5 MB", 1_572_864), ("512 KB", 524_288), ("12 B", 12), ("portadosfundos", None)],
)
def test_parse_file_size(raw: str, size: int | None) -> None:
    assert parse_file_size(raw) == size


@pytest.mark.parametrize(
    ("href", "parsed"),
    [
        ("https://t.me/sovetsudey/1167", ("sovetsudey", 1167)),
        ("https://t.me/some_user", ("some_user", None)),
        ("https://t.me/s/some_user/5", ("some_user", 5)),
        ("https://t.me/c/1234567/89", None),
        ("https://t.me/joinchat/AAAA", None),
        ("https://evil.example/some_user/5", None),
        ("javascript:alert(1)", None),
        ("https://t.me/some_user/0", None),
        ("https://t.me/some_user/5/6", None),
    ],
)
def test_parse_tme_link(href: str, parsed: tuple[str, int | None] | None) -> None:
    assert parse_tme_link(href) == parsed


def test_username_shape() -> None:
    assert is_username("telegram") and is_username("a_b1")
    assert not any(is_username(v) for v in ("abc", "1abc", "a" * 33, "a-bc", "tëst", "ab c"))
