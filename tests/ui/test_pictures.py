"""Pictures are decoded at the size shown, within pixel and work limits, from a bounded cache."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from stretchapp.core.pictures import MAX_PIXELS
from stretchapp.ui import pictures, svg_worker
from stretchapp.ui.illustration import Illustration


def png_header_only(path: Path, width: int, height: int) -> Path:
    """A PNG that declares width × height but holds one row of data: cheap to make, and a
    reader that decodes before checking the size would allocate width × height × 4 bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" + b"\x80" * (width * 3))
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )
    return path


def real_png(path: Path, width: int, height: int) -> Path:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#3a7"))
    assert image.save(str(path))
    return path


def svg_bomb(depth: int = 10, width: int = 10) -> bytes:
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">']
    parts.append('<defs><rect id="l0" width="1" height="1"/>')
    for level in range(1, depth + 1):
        uses = "".join(f'<use xlink:href="#l{level - 1}"/>' for _ in range(width))
        parts.append(f'<g id="l{level}">{uses}</g>')
    parts.append(f'</defs><use xlink:href="#l{depth}"/></svg>')
    return "".join(parts).encode()


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    pictures.CACHE.clear()


def test_a_picture_above_the_pixel_limit_is_refused_from_its_header(tmp_path: Path) -> None:
    path = png_header_only(tmp_path / "huge.png", 7900, 7900)
    shown = pictures.picture(path, QSize(400, 300))
    assert shown.image is None
    assert "7900 × 7900" in shown.problem
    assert "megapixels" in shown.problem


def test_a_large_picture_is_decoded_at_the_size_shown(tmp_path: Path) -> None:
    path = real_png(tmp_path / "big.png", 3000, 2000)
    shown = pictures.picture(path, QSize(400, 300))
    assert shown.image is not None
    assert shown.image.width() <= 400 and shown.image.height() <= 300


def test_the_cache_is_bounded_in_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pictures, "CACHE", pictures._Cache(1_000_000))
    for n in range(12):
        path = real_png(tmp_path / f"p{n}.png", 600, 450)
        pictures.picture(path, QSize(400, 300))
    assert 0 < pictures.CACHE.used <= 1_000_000


def test_an_svg_whose_references_explode_is_refused_without_drawing(tmp_path: Path) -> None:
    path = tmp_path / "bomb.svg"
    path.write_bytes(svg_bomb())
    assert len(path.read_bytes()) < 3000
    shown = pictures.picture(path, QSize(400, 300))
    assert shown.image is None
    assert "too long to draw" in shown.problem


@pytest.mark.parametrize(
    "element",
    [
        '<image href="/usr/share/pixmaps/debian-logo.png" width="9" height="9"/>',
        '<image xlink:href="file:///etc/passwd" width="9" height="9"/>',
        '<use xlink:href="other.svg#x"/>',
        '<rect width="9" height="9" fill="url(/tmp/x.svg#p)"/>',
        "<style>@import url(http://example.org/a.css);</style>",
    ],
    ids=["absolute-image", "file-url", "other-file", "outside-paint", "css-import"],
)
def test_an_svg_may_refer_to_nothing_outside_itself(tmp_path: Path, element: str) -> None:
    path = tmp_path / "outside.svg"
    path.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'viewBox="0 0 9 9">{element}</svg>',
        encoding="utf-8",
    )
    shown = pictures.picture(path, QSize(90, 90))
    assert shown.image is None
    assert shown.problem


GOOD_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3"><rect width="4" height="3"/></svg>'
)


def test_a_users_svg_is_drawn_in_a_worker_at_the_size_shown(tmp_path: Path, qtbot: QtBot) -> None:
    path = tmp_path / "ok.svg"
    path.write_text(GOOD_SVG, encoding="utf-8")
    first = pictures.picture(path, QSize(400, 300))
    assert first.pending and first.image is None  # the window does not wait for it
    with qtbot.waitSignal(pictures.RENDERER.ready, timeout=30_000):
        pass
    shown = pictures.picture(path, QSize(400, 300))
    assert shown.image is not None
    assert shown.image.size() == QSize(400, 300)


def test_the_svg_worker_is_this_python_or_a_frozen_builds_own_program() -> None:
    args = ["a.svg", "a.png", "40", "30", "0"]
    assert svg_worker.command(args, "/usr/bin/python3", frozen=False) == (
        "/usr/bin/python3",
        ["-m", "stretchapp.ui.svg_worker", *args],
    )
    # a bundle has no Python to run -m with (tests/packaging checks its launcher's side)
    assert svg_worker.command(args, "/opt/stretchapp/stretchapp", frozen=True) == (
        "/opt/stretchapp/stretchapp",
        [svg_worker.FROZEN_SWITCH, *args],
    )


def test_an_svg_slow_to_draw_is_given_up_and_said_so(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pictures, "RENDER_SECONDS", 0.05)  # shorter than any process start
    path = tmp_path / "slow.svg"
    path.write_text(GOOD_SVG, encoding="utf-8")
    assert pictures.picture(path, QSize(400, 300)).pending
    with qtbot.waitSignal(pictures.RENDERER.ready, timeout=30_000):
        pass
    shown = pictures.picture(path, QSize(200, 150))
    assert shown.image is None and "took too long" in shown.problem


def test_a_bundled_svg_is_drawn_at_once(paths: object) -> None:
    from stretchapp.core.paths import Paths

    assert isinstance(paths, Paths)
    svg = paths.assets_dir / "desktop" / "io.github.stretchapp.StretchApp.svg"
    shown = pictures.picture(svg, QSize(400, 300))
    assert shown.image is not None and not shown.pending


def test_the_illustration_says_why_a_picture_is_not_shown(qtbot: object, tmp_path: Path) -> None:
    path = png_header_only(tmp_path / "huge.png", 9000, 9000)
    widget = Illustration()
    qtbot.addWidget(widget)  # type: ignore[attr-defined]
    widget.resize(400, 300)
    widget.set_frames((path,))
    widget.grab()
    assert "megapixels" in widget.problem
    assert MAX_PIXELS < 9000 * 9000


def one_colour_png(path: Path, colour: str) -> Path:
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    assert image.save(str(path))
    return path


def test_changing_picture_cross_fades_and_a_hidden_one_ends_its_fade(
    qtbot: QtBot, tmp_path: Path
) -> None:
    frames = (
        one_colour_png(tmp_path / "a.png", "#d02020"),
        one_colour_png(tmp_path / "b.png", "#2040d0"),
    )
    picture = Illustration()
    qtbot.addWidget(picture)
    picture.resize(200, 150)
    picture.set_frames(frames)
    picture.show()
    qtbot.waitExposed(picture)

    def middle() -> QColor:
        return picture.grab().toImage().pixelColor(100, 75)

    assert middle() == QColor("#d02020")
    picture.set_frame(1, fade_ms=400)
    qtbot.waitUntil(lambda: middle() not in (QColor("#d02020"), QColor("#2040d0")))  # blending
    qtbot.waitUntil(lambda: middle() == QColor("#2040d0"))
    picture.set_frame(0, fade_ms=60_000)  # a long fade, cut short when the picture is hidden
    picture.hide()
    assert middle() == QColor("#d02020")
