"""The bundled demo channels (``data/samples``), loaded when no Telegram account is set up."""

from __future__ import annotations

from pathlib import Path

from inbox.archive import Archive, ArchiveResult
from meldpunt.ingest import import_export

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"


def sample_files(folder: Path = SAMPLES) -> list[Path]:
    """The demo exports; each file's name is its channel's username."""
    return sorted(folder.glob("*.json"))


async def load_demo(archive: Archive, folder: Path = SAMPLES) -> ArchiveResult:
    """Archive every demo channel; loading them again changes nothing."""
    total = ArchiveResult()
    for path in sample_files(folder):
        total.merge(await import_export(archive, path, username=path.stem))
    return total
