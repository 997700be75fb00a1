"""A hostile-input corpus for StretchApp's readers, generated (no large files are committed).

Each case writes its files into a folder of its own and says which reader takes it and what
its message must contain. tests/hostile/test_corpus.py runs every case; the same corpus can
be written out for a manual attack run:

    python tests/hostile/generate.py OUT_FOLDER

Covers issue 12's findings and their neighbours: huge and YAML 1.1 numbers in every number
field, special files (FIFOs, /dev/zero behind a link, loops of links, sparse giants) for
every kind of file, hostile SVGs, hostile archives and text that would show wrong.
"""

from __future__ import annotations

import os
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HUGE = {
    "hex": "0x" + "f" * 4000,
    "octal": "0o" + "7" * 5000,
    "old-octal": "0" + "7" * 5000,
    "binary": "0b" + "1" * 15000,
    "base60": "1" + ":59" * 3000,
    "decimal": "9" * 5000,
    "negative": "-" + "9" * 5000,
}
STEPS = "    steps: [One step., Two steps., Three steps.]\n"


@dataclass(frozen=True)
class Case:
    """`kind`: routine, settings, clinic, shared, picture or window; `path`: what is read;
    `expect`: text every run's messages must contain ("OK" for a file that is fine)."""

    kind: str
    path: Path
    expect: str


def stretch_file(
    field_line: str = "    hold: 30\n",
    *,
    name: str = "Mine",
    image: str = "bundled:desktop/io.github.stretchapp.StretchApp.svg",
) -> str:
    return (
        "version: 1\nstretches:\n  - id: mine\n"
        f"    name: {name}\n    images: [{image}]\n{STEPS}{field_line}"
        "routines:\n  - id: my-routine\n    name: My routine\n    stretches: [mine]\n"
    )


def _write(folder: Path, name: str, text: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _special(folder: Path, name: str, what: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if what == "fifo":
        os.mkfifo(path)
    elif what == "zero":
        path.symlink_to("/dev/zero")
    elif what == "loop":
        other = folder / f"{name}.other"
        path.symlink_to(other)
        other.symlink_to(path)
    elif what == "folder":
        path.mkdir()
    return path


SPECIAL = {
    "fifo": "not a regular file",
    "zero": "not a regular file",
    "loop": "loop of symbolic links",
    "folder": "not a regular file",
}


def svg(body: str) -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'viewBox="0 0 40 30">{body}</svg>'
    )


def use_bomb(depth: int = 10, width: int = 10) -> str:
    parts = ['<defs><rect id="l0" width="1" height="1"/>']
    for level in range(1, depth + 1):
        uses = "".join(f'<use xlink:href="#l{level - 1}"/>' for _ in range(width))
        parts.append(f'<g id="l{level}">{uses}</g>')
    parts.append(f'</defs><use xlink:href="#l{depth}"/>')
    return svg("".join(parts))


HOSTILE_SVGS = {
    "use-bomb": (use_bomb(), "too long to draw"),
    "pattern-bomb": (
        svg(
            '<defs><pattern id="p0" width="1" height="1"><rect width="1" height="1"/></pattern>'
            + "".join(
                f'<pattern id="p{n}" width="1" height="1">'
                + f'<rect width="1" height="1" fill="url(#p{n - 1})"/>' * 10
                + "</pattern>"
                for n in range(1, 7)
            )
            + '</defs><rect width="40" height="30" fill="url(#p6)"/>'
        ),
        "too long to draw",
    ),
    "filter-bomb": (
        svg(
            '<defs><filter id="f">' + '<feGaussianBlur stdDeviation="9"/>' * 300 + "</filter>"
            '</defs><rect width="40" height="30" filter="url(#f)"/>'
        ),
        "too long to draw",
    ),
    "use-loop": (
        svg('<g id="a"><use xlink:href="#b"/></g><g id="b"><use xlink:href="#a"/></g>'),
        "loop",
    ),
    "absolute-image": (
        svg('<image href="/usr/share/pixmaps/x.png" width="9" height="9"/>'),
        "<image>",
    ),
    "file-url-image": (
        svg('<image xlink:href="file:///etc/passwd" width="9" height="9"/>'),
        "<image>",
    ),
    "data-image": (svg('<image href="data:image/png;base64,iVBORw0KGgo=" width="9"/>'), "<image>"),
    "external-use": (svg('<use xlink:href="/tmp/other.svg#x"/>'), "refer only"),
    "external-paint": (
        svg('<rect width="9" height="9" fill="url(http://x.org/a.svg#p)"/>'),
        "refer only",
    ),
    "css-import": (svg("<style>@import url(http://example.org/a.css);</style>"), "imports"),
    "style-url": (svg('<rect style="fill:url(/etc/x.svg#p)" width="9" height="9"/>'), "refer only"),
    "entities": (
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">]>' + svg("<text>&a;</text>"),
        "DTD",
    ),
    "script": (svg("<script>alert(1)</script>"), "<script>"),
    "foreign-object": (svg("<foreignObject><p>x</p></foreignObject>"), "<foreignobject>"),
    "not-xml": ("<svg><rect></svg", "not well-formed"),
    "many-elements": (svg("<rect/>" * 25_000), "elements"),
}


def png_header_only(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" + b"\x80" * (width * 3))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def _zip(path: Path, members: dict[str, bytes | str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


SHARED_ROUTINE = (
    "version: 1\nstretches:\n  - id: wall-slide\n    name: Wall slide\n"
    "    images: [images/wall-1.svg]\n    hold: 20\n"
    + STEPS
    + "routines:\n  - id: shared-one\n    name: Shared one\n    stretches: [wall-slide]\n"
)


def _cases() -> dict[str, Callable[[Path], Case]]:
    cases: dict[str, Callable[[Path], Case]] = {}

    def add(name: str) -> Callable[[Callable[[Path], Case]], Callable[[Path], Case]]:
        def register(make: Callable[[Path], Case]) -> Callable[[Path], Case]:
            cases[name] = make
            return make

        return register

    # -- routine files: numbers ------------------------------------------------------------
    for kind, value in HUGE.items():
        for field in ("hold", "tempo-with-reps", "reps"):
            line = {
                "hold": f"    hold: {value}\n",
                "reps": f"    reps: {value}\n",
                "tempo-with-reps": f"    reps: 3\n    tempo: {value}\n",
            }[field]
            cases[f"routine-huge-{kind}-{field}"] = lambda d, line=line: Case(
                "routine", _write(d, "r.yaml", stretch_file(line)), "out of range"
            )
        cases[f"routine-huge-{kind}-version"] = lambda d, v=value: Case(
            "routine",
            _write(d, "r.yaml", stretch_file().replace("version: 1", f"version: {v}")),
            "out of range",
        )
        cases[f"routine-huge-{kind}-entry-override"] = lambda d, v=value: Case(
            "routine",
            _write(
                d,
                "r.yaml",
                "version: 1\nroutines:\n  - id: r\n    name: R\n    stretches:\n"
                f"      - stretch: cat-cow\n        hold: {v}\n",
            ),
            "out of range",
        )
        cases[f"routine-huge-{kind}-get-ready"] = lambda d, v=value: Case(
            "routine",
            _write(
                d,
                "r.yaml",
                "version: 1\nroutines:\n  - id: r\n    name: R\n"
                f"    get_ready: {v}\n    stretches: [cat-cow]\n",
            ),
            "out of range",
        )
    for label, value, expect in (
        ("leading-zero", "030", "leading zero"),
        ("leading-zero-8", "010", "leading zero"),
        ("octal-small", "0o30", "decimal"),
        ("hex-small", "0x1e", "decimal"),
        ("binary-small", "0b11", "decimal"),
        ("base60-small", "1:30", "decimal"),
        ("underscore", "1_000", "decimal"),
        ("float", "30.5", "decimal number"),
        ("infinity", ".inf", "text"),
        ("negative", "-5", "out of range"),
        ("zero", "0", "out of range"),
        ("bool", "yes", "true/false"),
    ):
        cases[f"routine-number-{label}"] = lambda d, v=value, e=expect: Case(
            "routine", _write(d, "r.yaml", stretch_file(f"    hold: {v}\n")), e
        )
    # -- routine files: text --------------------------------------------------------------
    for label, name, expect in (
        ("base60-name", "1:30", "OK"),
        ("octal-name", "010", "OK"),
        ("hex-name", "0x10", "OK"),
        ("newline", '"Line one\\nLine two"', "line break"),
        ("tab", '"a\\tb"', "line break"),
        ("line-separator", '"a\\u2028b"', "line break"),
        ("zero-width", '"\\u200b\\u200b"', "invisible"),
        ("zero-width-spaces", '"\\u200b \\u2060 \\ufeff"', "invisible"),
        ("markup", '"<!b>Safe &#x3c;i&#x3e;"', "markup"),
        ("html", '"<b>bold</b>"', "markup"),
        ("entity", '"a &amp; b"', "markup"),
        ("control", '"a\\x07b"', "control characters"),
        ("bidi", '"\\u202eevil"', "OK"),
        ("long", "x" * 5000, "characters long"),
    ):
        cases[f"routine-name-{label}"] = lambda d, n=name, e=expect: Case(
            "routine", _write(d, "r.yaml", stretch_file(name=n)), e
        )
    # -- routine files: pictures -----------------------------------------------------------
    for what, expect in {**SPECIAL, "zero": "leads outside"}.items():  # /dev is outside
        cases[f"routine-picture-{what}"] = lambda d, w=what, e=expect: Case(
            "routine",
            (_special(d, "p.png", w), _write(d, "r.yaml", stretch_file(image="p.png")))[1],
            e,
        )
    cases["routine-picture-absolute"] = lambda d: Case(
        "routine", _write(d, "r.yaml", stretch_file(image="/etc/passwd.png")), "not a relative"
    )
    cases["routine-picture-outside"] = lambda d: Case(
        "routine", _write(d, "r.yaml", stretch_file(image="../../x.png")), "leads outside"
    )
    cases["routine-picture-link-outside"] = lambda d: Case(
        "routine",
        (
            (d.mkdir(parents=True, exist_ok=True), (d / "p.png").symlink_to("/etc/hostname")),
            _write(d, "r.yaml", stretch_file(image="p.png")),
        )[1],
        "leads outside",
    )
    for label, (text, expect) in HOSTILE_SVGS.items():
        cases[f"routine-svg-{label}"] = lambda d, t=text, e=expect: Case(
            "routine",
            (_write(d, "p.svg", t), _write(d, "r.yaml", stretch_file(image="p.svg")))[1],
            e,
        )
    # -- routine files: the file itself ----------------------------------------------------
    for what, expect in SPECIAL.items():
        cases[f"routine-file-{what}"] = lambda d, w=what, e=expect: Case(
            "routine", _special(d, "r.yaml", w), e
        )
    cases["routine-file-too-large"] = lambda d: Case(
        "routine", _write(d, "r.yaml", "# " + "x" * (2 * 1024 * 1024)), "too large"
    )
    cases["routine-file-sparse-giant"] = lambda d: Case(
        "routine", _sparse(d, "r.yaml"), "too large"
    )
    cases["routine-file-not-utf8"] = lambda d: Case(
        "routine", _write(d, "r.yaml", b"version: 1\nname: \xff\xfe\n"), "UTF-8"
    )
    cases["routine-file-billion-laughs"] = lambda d: Case(
        "routine",
        _write(d, "r.yaml", 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: [*c,*c]\n'),
        "anchors",
    )
    cases["routine-file-deep"] = lambda d: Case(
        "routine", _write(d, "r.yaml", "a: " + "[" * 5000 + "]" * 5000 + "\n"), "nest"
    )
    cases["routine-file-tags"] = lambda d: Case(
        "routine", _write(d, "r.yaml", "a: !!python/object:os.system ls\n"), "tag"
    )
    # -- settings --------------------------------------------------------------------------
    for kind, value in HUGE.items():
        for field in ("version", "volume", "reminder_times", "get_ready_seconds"):
            line = f"{field}: [{value}]\n" if field == "reminder_times" else f"{field}: {value}\n"
            expect = "is not a time" if field == "reminder_times" else "out of range"
            cases[f"settings-huge-{kind}-{field}"] = lambda d, t=line, e=expect: Case(
                "settings", _write(d, "settings.yaml", t), e
            )
    cases["settings-leading-zero"] = lambda d: Case(
        "settings", _write(d, "settings.yaml", "get_ready_seconds: 010\n"), "leading zero"
    )
    cases["settings-unquoted-times"] = lambda d: Case(
        "settings", _write(d, "settings.yaml", "reminder_times: [8:00, 18:30]\n"), "OK"
    )
    for what, expect in SPECIAL.items():
        cases[f"settings-file-{what}"] = lambda d, w=what, e=expect: Case(
            "settings", _special(d, "settings.yaml", w), e
        )
    cases["settings-file-sparse-giant"] = lambda d: Case(
        "settings", _sparse(d, "settings.yaml"), "too large"
    )
    # -- clinic ----------------------------------------------------------------------------
    for kind, value in HUGE.items():
        cases[f"clinic-huge-{kind}"] = lambda d, v=value: Case(
            "clinic",
            _write(d, "clinic.yaml", f"version: {v}\nname: Clinic\nphone: {v}\n"),
            "out of range",
        )
    cases["clinic-markup-link"] = lambda d: Case(
        "clinic",
        _write(d, "clinic.yaml", "name: C\nbooking_url: 'https://example.org/<b>x</b>'\n"),
        "booking_url",
    )
    cases["clinic-javascript-link"] = lambda d: Case(
        "clinic", _write(d, "clinic.yaml", "name: C\nwebsite: 'javascript:alert(1)'\n"), "website"
    )
    for what, expect in SPECIAL.items():
        cases[f"clinic-file-{what}"] = lambda d, w=what, e=expect: Case(
            "clinic", _special(d, "clinic.yaml", w), e
        )
    # -- shared files ----------------------------------------------------------------------
    good_svg = svg('<rect width="40" height="30"/>')
    for what, expect in SPECIAL.items():
        cases[f"shared-file-{what}"] = lambda d, w=what, e=expect: Case(
            "shared", _special(d, "x.stretchapp", w), e
        )
    cases["shared-not-zip"] = lambda d: Case(
        "shared", _write(d, "x.stretchapp", b"just text"), "not a zip"
    )
    cases["shared-million-entries"] = lambda d: Case(
        "shared", _many_entries(d / "x.stretchapp", 1_100_000), "65,535 files or more"
    )
    cases["shared-declared-many"] = lambda d: Case(
        "shared", _declared_entries(d / "x.stretchapp", 5000), "5,000 files"
    )
    cases["shared-version-9.9"] = lambda d: Case(
        "shared", _version_needed(d / "x.stretchapp", 99), "zip feature"
    )
    for kind, value in HUGE.items():
        cases[f"shared-huge-{kind}"] = lambda d, v=value: Case(
            "shared",
            _zip(
                d / "x.stretchapp",
                {
                    "routine.yaml": SHARED_ROUTINE.replace("hold: 20", f"hold: {v}"),
                    "images/wall-1.svg": good_svg,
                },
            ),
            "out of range",
        )
    for label, (text, expect) in HOSTILE_SVGS.items():
        cases[f"shared-svg-{label}"] = lambda d, t=text, e=expect: Case(
            "shared",
            _zip(d / "x.stretchapp", {"routine.yaml": SHARED_ROUTINE, "images/wall-1.svg": t}),
            e if e not in ("DTD", "<script>") else "entities or scripts",
        )
    cases["shared-zip-slip"] = lambda d: Case(
        "shared",
        _zip(d / "x.stretchapp", {"routine.yaml": SHARED_ROUTINE, "../../evil.svg": good_svg}),
        "not a safe file name",
    )
    cases["shared-deflate-bomb"] = lambda d: Case(
        "shared",
        _zip(d / "x.stretchapp", {"routine.yaml": "#" + " " * (50 * 1024 * 1024)}),
        "bytes",
    )
    cases["shared-good"] = lambda d: Case(
        "shared",
        _zip(d / "x.stretchapp", {"routine.yaml": SHARED_ROUTINE, "images/wall-1.svg": good_svg}),
        "OK",
    )
    cases["routine-picture-huge-png"] = lambda d: Case(
        "routine",
        (
            _write(d, "p.png", png_header_only(7900, 7900)),
            _write(d, "r.yaml", stretch_file(image="p.png")),
        )[1],
        "megapixels",
    )
    cases["routine-picture-huge-gif"] = lambda d: Case(
        "routine",
        (
            _write(d, "p.gif", b"GIF89a" + struct.pack("<HH", 65535, 65535) + b"\x00" * 20),
            _write(d, "r.yaml", stretch_file(image="p.gif")),
        )[1],
        "megapixels",
    )
    cases["routine-picture-huge-jpeg"] = lambda d: Case(
        "routine",
        (
            _write(
                d,
                "p.jpg",
                b"\xff\xd8\xff\xe0\x00\x04ab\xff\xc0\x00\x11\x08"
                + struct.pack(">HH", 30000, 30000)
                + b"\x03"
                + b"\x00" * 9,
            ),
            _write(d, "r.yaml", stretch_file(image="p.jpg")),
        )[1],
        "megapixels",
    )
    cases["routine-svg-19mb"] = lambda d: Case(
        "routine",
        (
            _write(d, "p.svg", svg("<!-- " + "x" * (19 * 1024 * 1024) + " -->")),
            _write(d, "r.yaml", stretch_file(image="p.svg")),
        )[1],
        "too large",
    )
    cases["shared-huge-png"] = lambda d: Case(
        "shared",
        _zip(
            d / "x.stretchapp",
            {
                "routine.yaml": SHARED_ROUTINE.replace(".svg", ".png"),
                "images/wall-1.png": png_header_only(7900, 7900),
            },
        ),
        "megapixels",
    )
    cases["picture-svg-19mb"] = lambda d: Case(
        "picture",
        _write(d, "p.svg", svg("<!-- " + "x" * (19 * 1024 * 1024) + " -->")),
        "too large",
    )
    # -- pictures (shown by the UI) --------------------------------------------------------
    cases["picture-huge-png"] = lambda d: Case(
        "picture", _write(d, "p.png", png_header_only(7900, 7900)), "megapixels"
    )
    cases["picture-wide-png"] = lambda d: Case(
        "picture", _write(d, "p.png", png_header_only(100_000, 200)), "megapixels"
    )
    for what, expect in SPECIAL.items():
        cases[f"picture-file-{what}"] = lambda d, w=what, e=expect: Case(
            "picture", _special(d, "p.png", w), e
        )
    for label, (text, expect) in HOSTILE_SVGS.items():
        cases[f"picture-svg-{label}"] = lambda d, t=text, e=expect: Case(
            "picture", _write(d, "p.svg", t), e
        )
    # -- window.json -----------------------------------------------------------------------
    for label, text in (
        ("huge-ints", '{"x": 1' + "0" * 5000 + ', "y": 1, "width": 9, "height": 9}'),
        ("big-ints", '{"x": 99999999999999999999, "y": 1, "width": 9, "height": 9}'),
        ("nested", "[" * 100_000 + "]" * 100_000),
    ):
        cases[f"window-{label}"] = lambda d, t=text: Case(
            "window", _write(d, "window.json", t), "refused"
        )
    for what in SPECIAL:
        cases[f"window-file-{what}"] = lambda d, w=what: Case(
            "window", _special(d, "window.json", w), "refused"
        )
    return cases


def _sparse(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    with path.open("wb") as out:
        out.truncate(3 * 1024**3)
    return path


def _central_entry() -> bytes:
    return (
        struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0)
        + b"a"
    )


def _many_entries(path: Path, count: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    entry = _central_entry()
    with path.open("wb") as out:
        out.write(entry * count)
        out.write(
            struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, len(entry) * count, 0, 0)
        )
    return path


def _declared_entries(path: Path, count: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    entry = _central_entry()
    with path.open("wb") as out:
        out.write(entry * count)
        out.write(
            struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(entry) * count, 0, 0)
        )
    return path


def _version_needed(path: Path, version: int) -> Path:
    _zip(path, {"routine.yaml": SHARED_ROUTINE})
    data = bytearray(path.read_bytes())
    at = data.rfind(b"PK\x01\x02")
    data[at + 6] = version
    path.write_bytes(bytes(data))
    return path


CASES = _cases()


def build(name: str, folder: Path) -> Case:
    """Write case `name` into `folder` (created) and return it."""
    return CASES[name](folder)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    out = Path(argv[1])
    for name in CASES:
        case = build(name, out / name)
        print(f"{name}\t{case.kind}\t{case.path}\t{case.expect}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
