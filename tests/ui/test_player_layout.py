"""The player and its check-in hold their layout from 800×600 up."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from stretchapp.core.palette import LIGHT
from stretchapp.core.routines import Entry, Library, Routine, Sides, Stretch, load_library
from stretchapp.core.session import PhaseKind, Session
from stretchapp.ui.checkin import FeelingCheckIn
from stretchapp.ui.fit_label import FitLabel
from stretchapp.ui.player import PlayerPage, Speaker
from tests.fake_clock import FakeClock as Clock


def rect_in(widget: QWidget, top: QWidget) -> QRect:
    return QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())


def bundled_library(paths: object) -> Library:
    """The bundled routines, as the app loads them (with the test's own user folder)."""
    return load_library(
        paths.bundled_routines_dir,  # type: ignore[attr-defined]
        paths.user_routines_dir,  # type: ignore[attr-defined]
        paths.assets_dir,  # type: ignore[attr-defined]
    )


def started_player(qtbot: QtBot, routine: Routine, size: tuple[int, int]) -> PlayerPage:
    """A player of this routine on a fake clock (`player.clock`), shown at `size`, started."""
    clock = Clock()
    player = PlayerPage(Session(routine, clock=clock), LIGHT, Speaker())
    player.clock = clock  # type: ignore[attr-defined]
    qtbot.addWidget(player)
    player.resize(*size)
    player.show()
    qtbot.waitExposed(player)
    player.start()
    return player


@pytest.mark.parametrize("width", [800, 1920])
def test_the_check_in_scale_ends_at_its_worst(qtbot: QtBot, width: int) -> None:
    check_in = FeelingCheckIn("after")
    qtbot.addWidget(check_in)
    check_in.resize(width, 300)
    check_in.show()
    qtbot.waitExposed(check_in)
    ten = rect_in(check_in.buttons.button(10), check_in)
    zero = rect_in(check_in.buttons.button(0), check_in)
    labels = {label.text(): rect_in(label, check_in) for label in check_in.findChildren(QLabel)}
    worst, none = labels["worst"], labels["no pain"]
    # "worst" sits under 10, "no pain" under 0, however wide the window.
    assert abs(worst.right() - ten.right()) <= 4, (worst, ten)
    assert abs(none.left() - zero.left()) <= 4, (none, zero)
    assert worst.top() >= ten.bottom()


# ---- the player: ring, name, side text and banner never overlap -----------------------------

LONGEST = "Standing side bend with a long, slow reach and gentle twists"
assert len(LONGEST) == 60  # the longest name the format allows


def long_routine(name: str = LONGEST) -> Routine:
    pictures = (Path("own-pictures") / "a.svg",)
    steps = (
        "Stand near a desk or wall for balance, feet hip-width apart and knees soft.",
        "Raise one arm overhead.",
        "Lean gently to the other side, reaching up and over.",
        "Hold, then come back to standing tall.",
    )
    first = Stretch("long", name, pictures, steps, caution="Go gently.", sides=Sides.BOTH)
    second = Stretch("short", "Standing side bend", pictures, steps, sides=Sides.BOTH)
    transition = "From standing, step your feet apart and let your arms hang loose by your sides."
    return Routine(
        "r",
        "Long names",
        "",
        (
            Entry(first, 20, None, 4, Sides.BOTH, get_ready=10, transition=transition),
            Entry(second, 20, None, 4, Sides.BOTH),
        ),
        get_ready=10,
        rest=5,
        switch=5,
    )


def make_player(qtbot: QtBot, size: tuple[int, int], name: str = LONGEST) -> PlayerPage:
    return started_player(qtbot, long_routine(name), size)


def advance(player: PlayerPage, ms: int) -> None:
    clock = player.clock  # type: ignore[attr-defined]
    while ms > 0:
        step = min(ms, 250)
        clock.now += step
        ms -= step
        player.refresh()


def overlaps(player: PlayerPage) -> list[str]:
    player.session_view.layout().activate()  # type: ignore[union-attr]
    shown = {
        "ring": player.ring,
        "name": player.name_label,
        "side": player.side_label,
        "dose": player.rep_label,
        "banner": player.banner,
        "progress": player.progress_label,
    }
    rects: dict[str, QRect] = {}
    for key, widget in shown.items():
        if widget.isVisible() and (key == "ring" or widget.text()):
            rects[key] = rect_in(widget, player)
    found = []
    keys = list(rects)
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            if rects[a].intersects(rects[b]):
                found.append(f"{a} {rects[a].getRect()} overlaps {b} {rects[b].getRect()}")
    for key, rect in rects.items():
        if not player.rect().contains(rect):
            found.append(f"{key} {rect.getRect()} leaves the page")
    return found


def name_cut(player: PlayerPage) -> list[str]:
    """The name is shown whole, or elided with the whole of it as the tooltip."""
    label = player.name_label
    fits = label.fits() if isinstance(label, FitLabel) else False
    return [] if fits or label.toolTip() == label.text() else [f"name cut: {label.text()!r}"]


@pytest.mark.parametrize("size", [(800, 600), (1920, 1080)])
def test_no_overlap_with_the_longest_name_in_every_state(
    qtbot: QtBot, size: tuple[int, int]
) -> None:
    player = make_player(qtbot, size)
    seen = []
    # Get ready (a way into the position, a two-line side text), the stretch, paused,
    # switching sides.
    assert player.session.snapshot().phase.kind is PhaseKind.GET_READY
    assert player.transition_label.isVisible()
    seen.append(("get ready", overlaps(player) + name_cut(player)))
    advance(player, 10_000)
    assert player.session.snapshot().phase.kind is PhaseKind.STRETCH
    seen.append(("stretch", overlaps(player)))
    player.toggle_pause()
    assert player.banner.isVisible()
    seen.append(("paused", overlaps(player) + name_cut(player)))
    player.toggle_pause()
    advance(player, 20_000)
    assert player.session.snapshot().phase.kind is PhaseKind.SWITCH
    seen.append(("switch", overlaps(player)))
    assert [s for s in seen if s[1]] == []


def test_a_short_name_is_not_split_to_leave_one_word_alone(qtbot: QtBot) -> None:
    player = make_player(qtbot, (800, 600), "Standing side bend")
    assert overlaps(player) == []  # (laid out)
    label = player.name_label
    assert isinstance(label, FitLabel)
    lines = label.lines()
    assert all(len(line.split()) >= 2 for line in lines) or len(lines) == 1, lines
    assert label.fits()
    # A short name asks for (and gets) room for itself at nearly full size. (At a true 800 px:
    # the page used to come out 935 wide here, when the controls' labels still set its least
    # width; in the 290 px beside the illustration it keeps four fifths of its size.)
    assert player.width() == 800
    assert label.shown_font().pixelSize() >= 0.8 * label.font().pixelSize()


def test_the_name_shrinks_before_it_is_elided(qtbot: QtBot) -> None:
    player = make_player(qtbot, (1920, 1080))
    player.session_view.layout().activate()  # type: ignore[union-attr]
    label = player.name_label
    assert isinstance(label, FitLabel)
    assert label.fits() and label.toolTip() == ""
    joined = " ".join(label.lines())
    assert joined == LONGEST  # every word of it on screen
    unbroken = "W" * 60  # no place to break: shrunk, then elided with the whole as a tooltip
    player2 = make_player(qtbot, (800, 600), unbroken)
    label2 = player2.name_label
    assert isinstance(label2, FitLabel)
    assert not label2.fits() and label2.toolTip() == unbroken
    assert overlaps(player2) == []


@pytest.mark.parametrize("size", [(1920, 1080)])
def test_from_the_floor_cue_and_progress_are_large(qtbot: QtBot, size: tuple[int, int]) -> None:
    player = make_player(qtbot, size)
    advance(player, 10_000)
    # One large cue line (the side) and progress legible from across a room.
    assert player.side_label.font().pixelSize() >= 40
    assert player.progress_label.font().pixelSize() >= 24
    assert player.steps_label.font().pixelSize() >= 24
    small = make_player(qtbot, (800, 600))
    advance(small, 10_000)
    assert small.side_label.font().pixelSize() < player.side_label.font().pixelSize()
    # The name stays the main line over that cue (44 px over a 42 px side line read as one
    # size from the floor).
    for page in (player, small):
        assert page.name_label.font().pixelSize() >= 1.2 * page.side_label.font().pixelSize()


def test_a_fit_label_breaks_lines_only_where_a_reader_would() -> None:
    """French sets a space before ":" and "?": "Rouleau" ended a line and ": fessiers,
    hanches" began the next. Neither that space nor a no-break space is a place to break."""
    from stretchapp.ui.fit_label import words_of

    assert words_of("Ensuite : Rouleau\xa0: fessiers, hanches") == [
        "Ensuite :",
        "Rouleau\xa0:",
        "fessiers,",
        "hanches",
    ]
    assert words_of("Prêt ? Allons-y !") == ["Prêt ?", "Allons-y !"]


def test_a_fit_label_asks_for_the_lines_it_will_use(qtbot: QtBot) -> None:
    """A name too long for three lines at full size asked the layout for one full-size
    line, then was elided at its least size ("Up next: Foam rol…"): it asks for the lines
    at the largest size that fits them, and given that room shows it whole that large."""
    label = FitLabel("Up next: Foam roll, glutes and hips")
    label.setStyleSheet("font-size: 32px; font-weight: 600;")
    qtbot.addWidget(label)
    label.ensurePolished()
    label.resize(200, 40)  # too narrow for three lines at 32 px
    label.show()
    label.resize(200, label.sizeHint().height())
    assert label.fits() and len(label.lines()) == 3
    assert 20 <= label.shown_font().pixelSize() < 32


def test_a_fit_label_shrinks_rather_than_leave_one_word_alone(qtbot: QtBot) -> None:
    label = FitLabel("Standing side bend")
    label.setStyleSheet("font-size: 40px; font-weight: 600;")
    qtbot.addWidget(label)
    label.ensurePolished()
    assert label.font().pixelSize() == 40
    full = QFontMetrics(label.font()).horizontalAdvance("Standing side bend")
    label.resize(round(full * 0.8), 300)  # room for two lines, not for one at full size
    label.show()
    assert label.lines() == ["Standing side bend"]  # not "Standing side / bend"
    assert label.fits() and label.toolTip() == ""
    # It asks the layout for one line (it will shrink onto it), not for three.
    assert label.sizeHint().height() < 1.5 * QFontMetrics(label.font()).lineSpacing()
    label.setText("Lie on your back with both knees bent")
    lines = label.lines()
    assert len(lines) >= 2 and all(len(line.split()) >= 2 for line in lines), lines
    assert " ".join(lines) == label.text()


@pytest.mark.parametrize(
    ("language", "width", "beside"),
    [("en", 800, True), ("en", 1920, True), ("de", 800, False), ("de", 1920, True)],
)
def test_paused_the_progress_stays_beside_the_banner_where_both_fit(
    qtbot: QtBot, paths: object, language: str, width: int, beside: bool
) -> None:
    """Paused, "Stretch 1 of 5 · 7:51 left" used to give way to the banner at every size.
    It stays beside the banner where both fit; the banner, whole, takes the line where not."""
    from stretchapp.core import i18n

    i18n.activate(language)
    routine = bundled_library(paths).routine("daily-back-care")
    assert routine is not None
    player = started_player(qtbot, routine, (width, 600))
    player.toggle_pause()
    player.session_view.layout().activate()  # type: ignore[union-attr]
    banner, progress = player.banner, player.progress_label
    assert banner.isVisible() and banner.width() >= banner.sizeHint().width()
    assert not player.routine_label.isVisible()
    assert progress.isVisible() == beside
    if beside:
        assert not rect_in(banner, player).intersects(rect_in(progress, player))
        assert progress.text() and rect_in(progress, player).right() <= player.width()
    player.toggle_pause()
    assert player.routine_label.isVisible() and progress.isVisible()
    assert not banner.isVisible()


@pytest.mark.parametrize("language", ["en", "de", "es"])
def test_no_overlap_with_a_long_caution_and_precautions_when_paused(
    qtbot: QtBot, paths: object, language: str
) -> None:
    """The bundled standing side bend (four-line caution, the precautions that apply, a way
    into the position) at 800x600, getting ready and paused: the pause banner used to push
    the ring down over the stretch's name."""
    from stretchapp.core import i18n

    i18n.activate(language)
    library = bundled_library(paths)
    routine = library.routine("desk-break")
    assert routine is not None
    player = started_player(qtbot, routine, (800, 600))
    while player.session.snapshot().entry_index < 3:
        player.skip()
    assert player.session.snapshot().phase.kind is PhaseKind.GET_READY
    assert player.caution_label.isVisible() and player.precautions_label.isVisible()
    seen = [("get ready", overlaps(player))]
    player.toggle_pause()
    assert player.banner.isVisible()
    seen.append(("paused", overlaps(player)))
    assert [s for s in seen if s[1]] == []


@pytest.mark.parametrize("language", ["en", "de", "fr", "es"])
def test_every_bundled_stretch_fits_800_by_600(qtbot: QtBot, paths: object, language: str) -> None:
    """Every stretch of every bundled routine, getting ready and stretching, in each language:
    no text cut off, nothing overlapping. The paragraphs' type gives a little where a longer
    language needs the room (German cautions used to lose their last line)."""
    from layout_checks import clipped  # tests/ui/layout_checks.py

    from stretchapp.core import i18n

    i18n.activate(language)
    library = bundled_library(paths)
    found = []
    for routine in library.routines:
        player = started_player(qtbot, routine, (800, 600))
        for index in range(len(routine.entries)):
            for moment in ("getting ready", "stretching"):
                if moment == "stretching":
                    advance(player, 6_000)
                player.session_view.layout().activate()  # type: ignore[union-attr]
                problems = clipped(player.session_view) + overlaps(player)
                if problems:
                    found.append((routine.id, index, moment, problems))
            player.skip()
        player.close()
    assert found == []


@pytest.mark.parametrize("language", ["en", "de", "fr", "es"])
def test_the_rest_names_the_next_stretch_whole_at_800_by_600(
    qtbot: QtBot, paths: object, language: str
) -> None:
    """ "Als Nächstes: Drehung im …" at a rest in German, and "Up next: …" at 13 px under
    "Rest and breathe", smaller than the dose: while resting, what comes next is the main
    line, whole, whichever bundled stretch it is."""
    from stretchapp.core import i18n
    from stretchapp.core.i18n import _

    i18n.activate(language)
    library = bundled_library(paths)
    routine = next(r for r in library.routines if r.id == "desk-break")
    player = started_player(qtbot, routine, (800, 600))
    while player.session.snapshot().phase.kind is not PhaseKind.REST:  # type: ignore[union-attr]
        advance(player, 1_000)
    player.session_view.layout().activate()  # type: ignore[union-attr]
    label = player.name_label
    assert label.fits() and label.text().endswith(routine.entries[1].stretch.name)
    assert not player.side_label.isVisible()  # (the ring says "Rest")
    assert label.shown_font().pixelSize() >= player.rep_label.shown_font().pixelSize()
    cut = []
    for stretch in library.stretches.values():
        label.setText(_("Up next: {name}").format(name=stretch.name))
        player.session_view.layout().activate()  # type: ignore[union-attr]
        if not label.fits():
            cut.append(label.text())
    assert cut == []
    player.close()


@pytest.mark.parametrize("language", ["en", "de", "fr", "es"])
def test_short_of_room_the_name_keeps_its_size_before_the_side(
    qtbot: QtBot, paths: object, language: str
) -> None:
    """At 800x600 the seated twist's get-ready drew "Starting on the left side" larger than
    "Seated twist" above it: under the ring the name has its room first, never smaller than
    the side (where the room is least, in French, both are at the side's least size)."""
    from stretchapp.core import i18n

    i18n.activate(language)
    routine = next(r for r in bundled_library(paths).routines if r.id == "desk-break")
    player = started_player(qtbot, routine, (800, 600))
    player.skip()  # from the seated cat-cow (no sides) to the seated twist
    advance(player, 500)
    player.session_view.layout().activate()  # type: ignore[union-attr]
    name, side = player.name_label, player.side_label
    assert name.text() == routine.entries[1].stretch.name and side.isVisible()
    assert name.fits() and side.fits()
    assert name.shown_font().pixelSize() >= side.shown_font().pixelSize()
    player.close()


@pytest.mark.parametrize("size", [(800, 600), (1920, 1080)])
def test_the_picture_keeps_its_size_through_a_stretch(
    qtbot: QtBot, paths: object, size: tuple[int, int]
) -> None:
    """The text under the picture changes as a stretch goes on (the way into the position
    while getting ready, then the steps and the breathing; the precautions, the stretch
    after this one), but the room it takes does not: the picture a person copies from the
    floor does not grow or shrink as the stretch starts or as the sides change."""
    library = bundled_library(paths)
    found = []
    for routine in library.routines:
        player = started_player(qtbot, routine, size)
        for index in range(len(routine.entries)):
            seen: dict[str, tuple[int, int, int, int]] = {}
            while True:
                snap = player.session.snapshot()
                if snap.entry_index != index or snap.phase is None:
                    break
                if snap.phase.kind is not PhaseKind.REST:
                    player.session_view.layout().activate()  # type: ignore[union-attr]
                    moment = f"{snap.phase.kind.name} {snap.phase.side or ''}".strip()
                    seen.setdefault(moment, rect_in(player.illustration, player).getRect())
                advance(player, 1_000)
            if len(set(seen.values())) > 1:
                found.append((routine.id, index, seen))
        player.close()
    assert found == []
