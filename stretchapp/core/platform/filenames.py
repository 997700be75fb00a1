"""File names that are valid on every system StretchApp runs on.

A routine made on Linux is shared with someone on Windows, and a report is saved to a USB stick:
so the names StretchApp makes (routine files, shared files, exports, the trash) follow the
strictest rules, Windows': none of < > : " / \\ | ? * or control characters, no trailing dot or
space, not a reserved device name (CON, PRN, AUX, NUL, COM1–9, LPT1–9, also with an extension
such as `con.yaml`), and at most 255 bytes of UTF-8 (Linux's ext4 and macOS count bytes: a
name in Greek or Chinese reaches that long before 255 characters) and 255 UTF-16 units
(Windows' NTFS).
"""

from __future__ import annotations

import re

FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{base}{n}" for base in ("COM", "LPT") for n in [*"123456789", "¹", "²", "³"]}
)
MAX_LENGTH = 255  # bytes of UTF-8, and UTF-16 units


def fits(name: str) -> bool:
    """Short enough for every system's file names."""
    return (
        len(name.encode("utf-8", "surrogatepass")) <= MAX_LENGTH
        and len(name.encode("utf-16-le", "surrogatepass")) // 2 <= MAX_LENGTH
    )


def _shortened(text: str, room: str = "") -> str:
    """`text` cut, a whole character at a time, until `text + room` fits."""
    text = text[:MAX_LENGTH]
    while text and not fits(text + room):
        text = text[:-1]
    return text


def is_reserved(name: str) -> bool:
    """`con`, `con.yaml`, `Nul.txt`, `com1.tar.gz`: Windows opens a device, not a file."""
    return name.split(".", 1)[0].rstrip(" ").upper() in RESERVED


def is_safe_file_name(name: str) -> bool:
    return (
        bool(name)
        and name not in (".", "..")
        and FORBIDDEN.search(name) is None
        and not name.endswith((".", " "))
        and not is_reserved(name)
        and fits(name)
    )


def safe_file_name(name: str, fallback: str = "file") -> str:
    """`name` made valid everywhere, changed as little as possible: forbidden characters become
    `-`, trailing dots and spaces go, a reserved stem gets `_` (`con.yaml` -> `con_.yaml`), and a
    name too long is shortened, keeping its extension."""
    name = FORBIDDEN.sub("-", name).rstrip(". ")
    if not name or name in (".", ".."):
        name = fallback
    if is_reserved(name):
        stem, dot, rest = name.partition(".")
        name = f"{stem.rstrip(' ')}_{dot}{rest}"
    if not fits(name):
        stem, dot, suffix = name.rpartition(".")
        if dot and 0 < len(suffix) <= 16:
            name = _shortened(stem, "." + suffix).rstrip(". ") + "." + suffix
        else:
            name = _shortened(name).rstrip(". ")
    return name
