"""Exporting the history as a CSV file (the same columns as `stretchapp history --csv`)."""

from __future__ import annotations

from pathlib import Path

from stretchapp.core.exports import replacing
from stretchapp.core.history import (
    HistoryStore,
)
from stretchapp.history_cli import write_csv


def export_csv(store: HistoryStore, path: Path) -> int:
    """Every session to `path` as CSV; returns how many. Written as core/exports.py says: the
    old file stays on failure, a link is written through. Raises OSError."""
    # With a byte-order mark: Excel, where a clinic opens it, reads UTF-8 without one in the
    # system's code page ("RÃ¼cken" for "Rücken"). LibreOffice and Numbers skip the mark;
    # Python's csv needs encoding="utf-8-sig" to (README). `history --csv` has none.
    with replacing(path) as temp, temp.open("w", encoding="utf-8-sig", newline="") as f:
        return write_csv(store.export_rows(), f)
