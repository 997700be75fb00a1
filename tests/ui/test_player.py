"""The player, driven by a fake clock: what a person sees and hears, and what the keys do."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from stretchapp.core.palette import LIGHT
from stretchapp.core.routines import Entry, Routine, Sides, Stretch
from stretchapp.core.session import Session, State
from stretchapp.ui.player import KEYS, PlayerPage, Speaker
from tests.fake_clock import FakeClock

PICTURES = Path("own-pictures")  # a person's own frames; the player never needs to read them


class RecordingSpeaker(Speaker):
    def __init__(self) -> None:
        self.cues: list[str] = []
        self.said: list[str] = []
        self.muted = False

    def play(self, cue: str) -> None:
        self.cues.append(cue)

    def say(self, text: str) -> None:
        self.said.append(text)

    def set_muted(self, muted: bool) -> None:
        self.muted = muted

    def is_muted(self) -> bool:
        return self.muted


def stretch(id_: str, frames: int = 1, **kw: object) -> Stretch:
    """A stretch shown with the person's own pictures (no pose): `frames` of them."""
    pictures = tuple(PICTURES / f"{id_}-{n}.svg" for n in range(1, frames + 1))
    return Stretch(
        id_,
        id_.replace("-", " ").capitalize(),
        pictures,
        ("a", "b", "c"),
        caution="Go gently.",
        **kw,
    )  # type: ignore[arg-type]


def routine() -> Routine:
    bridge = stretch("glute-bridge", 2, reps=3, tempo=4)
    figure = stretch("figure-4", 2, hold=10, sides=Sides.BOTH)
    child = stretch("childs-pose", hold=20)
    return Routine(
        "r",
        "Test routine",
        "",
        (
            Entry(bridge, None, 3, 4, Sides.NONE),
            Entry(figure, 10, None, 4, Sides.BOTH),
            Entry(child, 20, None, 4, Sides.NONE),
        ),
        get_ready=5,
        rest=5,
        switch=3,
    )


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def speaker() -> RecordingSpeaker:
    return RecordingSpeaker()


def started(
    qtbot: QtBot, session: Session, speaker: RecordingSpeaker, size: tuple[int, int]
) -> PlayerPage:
    """A player of `session`, shown at `size` and started."""
    player = PlayerPage(session, LIGHT, speaker)
    qtbot.addWidget(player)
    player.resize(*size)
    player.show()
    qtbot.waitExposed(player)
    player.start()
    return player


@pytest.fixture
def page(qtbot: QtBot, clock: FakeClock, speaker: RecordingSpeaker) -> PlayerPage:
    return started(qtbot, Session(routine(), clock=clock), speaker, (1100, 760))


def advance(page: PlayerPage, clock: FakeClock, ms: int) -> None:
    """Move time on in steps the UI timer would take, so no suspend is detected."""
    while ms > 0:
        step = min(ms, 250)
        clock.now += step
        ms -= step
        page.refresh()


def test_a_stretch_that_says_what_each_side_is_shows_and_says_it(
    qtbot: QtBot, clock: FakeClock, speaker: RecordingSpeaker
) -> None:
    """ "Left side" did not say which arm: a reviewer facing the front-view side bend could
    not tell. Where the stretch says, the player shows and speaks it in its place."""
    bend = stretch(
        "side-bend",
        hold=10,
        sides=Sides.BOTH,
        left_side="Left arm up, leaning right",
        right_side="Right arm up, leaning left",
    )
    entry = Entry(bend, 10, None, 4, Sides.BOTH, transition="Stand up slowly.")
    session = Session(Routine("r", "R", "", (entry,), 5, 5, 3), clock=clock)
    page = started(qtbot, session, speaker, (800, 600))
    hint = page.side_hint_label
    # getting ready, over the way into the position: "Starting on the left side" alone was
    # read as "bend to the left"
    assert page.side_label.text() == "Starting on the left side"
    assert page.transition_label.isVisible()
    assert hint.isVisible() and hint.text() == "Left arm up, leaning right"
    assert speaker.said[0] == (
        "Side bend. Get ready. First: Left arm up, leaning right. Stand up slowly."
    )
    advance(page, clock, 15_000)  # a change of position onto the floor is given 15 s
    assert (page.side_label.text(), hint.text()) == ("Left side", "Left arm up, leaning right")
    advance(page, clock, 10_000)
    assert page.side_label.text() == "Switch sides → right side"
    assert hint.text() == "Next: Right arm up, leaning left"  # the figure still changing over
    assert "Switch sides. Right arm up, leaning left." in speaker.said
    advance(page, clock, 3_000)
    assert (page.side_label.text(), hint.text()) == ("Right side", "Right arm up, leaning left")
    assert hint.isVisible() and hint.heightForWidth(hint.width()) <= hint.height() + 1


def test_get_ready_shows_what_comes_and_counts_down(page: PlayerPage, clock: FakeClock) -> None:
    assert page.ring.caption == "Get ready"
    assert page.ring.seconds == 5
    assert page.name_label.text() == "Glute bridge"
    assert page.progress_label.text() == "Stretch 1 of 3 · 1:20 left"
    advance(page, clock, 4_001)
    assert page.ring.seconds == 1  # 999 ms left: shows 1, never 0 while time is left


def test_reps_sides_and_next(page: PlayerPage, clock: FakeClock, speaker: RecordingSpeaker) -> None:
    advance(page, clock, 5_000)
    assert page.ring.caption == "Stretch"
    assert page.rep_label.text() == "Rep 1 of 3"
    advance(page, clock, 4_000)
    assert page.rep_label.text() == "Rep 2 of 3"
    assert page.next_label.text() == "Then: Figure 4"
    advance(page, clock, 8_000 + 5_000 + 5_000)  # rest, get ready for figure-4
    assert page.side_label.text() == "Left side"
    # the stretch after this one waits for the right side: it read as coming next
    assert not page.next_label.isVisible()
    advance(page, clock, 10_000)
    assert page.ring.caption == "Switch sides"
    assert page.side_label.text() == "Switch sides → right side"
    assert not page.next_label.isVisible()
    advance(page, clock, 3_000)
    assert page.side_label.text() == "Right side"
    assert page.next_label.isVisible() and page.next_label.text() == "Then: Childs pose"
    assert speaker.cues[:4] == ["tick", "tick", "tick", "start"]
    assert "switch" in speaker.cues
    assert "Switch sides." in speaker.said
    assert speaker.said[0] == "Glute bridge. Get ready."


def test_illustration_frames_alternate_at_the_tempo(page: PlayerPage, clock: FakeClock) -> None:
    advance(page, clock, 5_000)
    assert page.illustration.frame_count() == 2
    assert page.illustration.current_frame() == 0
    advance(page, clock, 2_000)  # half a 4 s rep: the second frame
    assert page.illustration.current_frame() == 1
    advance(page, clock, 2_000)
    assert page.illustration.current_frame() == 0


def test_space_pauses_and_resumes(page: PlayerPage, clock: FakeClock, qtbot: QtBot) -> None:
    advance(page, clock, 6_000)
    seconds = page.ring.seconds
    QTest.keyClick(page, Qt.Key.Key_Space)
    assert page.session.state is State.PAUSED
    assert page.banner.isVisible() and "Paused" in page.banner.text()
    assert page.buttons["pause"].text() == "Resume"
    assert not page.timer.isActive()  # paused: nothing runs
    clock.now += 60_000
    page.refresh()
    assert page.ring.seconds == seconds
    QTest.keyClick(page, Qt.Key.Key_Space)
    assert page.session.state is State.RUNNING
    assert not page.banner.isVisible()
    assert page.timer.isActive()


@pytest.mark.parametrize("key", [Qt.Key.Key_Right, Qt.Key.Key_N])
def test_skip_keys(page: PlayerPage, key: Qt.Key) -> None:
    QTest.keyClick(page, key)
    assert page.name_label.text() == "Figure 4"
    assert page.session.summary().skipped == 1


@pytest.mark.parametrize("key", [Qt.Key.Key_Left, Qt.Key.Key_P])
def test_back_keys(page: PlayerPage, key: Qt.Key) -> None:
    QTest.keyClick(page, Qt.Key.Key_Right)
    QTest.keyClick(page, Qt.Key.Key_Right)
    assert page.name_label.text() == "Childs pose"
    QTest.keyClick(page, key)
    assert page.name_label.text() == "Figure 4"


def test_esc_stops_to_the_finish_screen_then_leaves(
    page: PlayerPage, clock: FakeClock, qtbot: QtBot
) -> None:
    advance(page, clock, 5_000 + 12_000)  # the bridge is done
    with qtbot.waitSignal(page.finished) as finished:
        QTest.keyClick(page, Qt.Key.Key_Escape)
    assert page.session.state is State.STOPPED
    assert finished.args[0].done == 1
    assert page.stack.currentWidget() is page.finish_view
    assert page.finish_title.text() == "Session stopped"
    assert page.finish_stats.text().startswith("1 stretch done")
    # A double or held Esc does not skip the questions after a stop; a later one leaves.
    clock.now += 300
    with qtbot.assertNotEmitted(page.leave_requested):
        QTest.keyClick(page.done_button, Qt.Key.Key_Escape)
    assert page.stack.currentWidget() is page.finish_view
    clock.now += 700
    with qtbot.waitSignal(page.leave_requested):
        QTest.keyClick(page.done_button, Qt.Key.Key_Escape)


def test_a_whole_routine_ends_on_the_finish_screen(
    page: PlayerPage, clock: FakeClock, speaker: RecordingSpeaker
) -> None:
    advance(page, clock, 80_000)
    assert page.session.state is State.FINISHED
    assert page.finish_title.text() == "Well done."
    # 12 + 10 + 10 + 20 s in the stretches; 80 s with get-ready, switching sides and rests.
    assert page.finish_stats.text() == ("3 stretches done · 52 s stretching · 1 min in the session")
    assert speaker.cues[-1] == "finish"
    assert speaker.said[-1] == "Routine complete. Well done."


def test_m_mutes_and_f_asks_for_full_screen(
    page: PlayerPage, speaker: RecordingSpeaker, qtbot: QtBot
) -> None:
    QTest.keyClick(page, Qt.Key.Key_M)
    assert speaker.muted and page.mute_button.isChecked()
    assert not page.volume.isEnabled()
    with qtbot.waitSignal(page.full_screen_toggled):
        QTest.keyClick(page, Qt.Key.Key_F)


def test_every_control_names_its_key_and_has_an_accessible_name(page: PlayerPage) -> None:
    for name, button in page.buttons.items():
        assert f"({KEYS[name].label})" in button.toolTip()
        assert button.accessibleName()


def test_a_suspend_pauses_and_says_so(page: PlayerPage, clock: FakeClock) -> None:
    advance(page, clock, 6_000)
    before = page.ring.seconds
    clock.now += 3_600_000  # the machine slept for an hour
    page.refresh()
    assert page.session.state is State.PAUSED
    assert "asleep" in page.banner.text()
    assert page.ring.seconds == before


def test_small_window_keeps_every_control_visible(page: PlayerPage, qtbot: QtBot) -> None:
    page.resize(800, 600)
    qtbot.wait(20)
    right_edge = max(b.geometry().right() for b in page.buttons.values())
    assert right_edge <= page.width()
    assert page.buttons["skip"].text() == ""  # icon only, the tooltip still tells
    assert page.buttons["pause"].text() == "Pause"
    assert page.ring.height() >= 200


def test_stale_cues_after_a_freeze_are_not_played(
    page: PlayerPage, clock: FakeClock, speaker: RecordingSpeaker
) -> None:
    # The get-ready ticks are due 2, 3 and 4 s in. The app was busy for 3.9 s (less than a
    # suspend): the 2 s tick is 1.9 s late and stale, the 3 s one (0.9 s late) still worth it.
    clock.now += 3_900
    page.refresh()
    assert speaker.cues == ["tick"]
    advance(page, clock, 100)
    assert speaker.cues == ["tick", "tick"]  # the last tick, on time


def test_a_stop_during_get_ready_shows_no_time_stretching(
    page: PlayerPage, clock: FakeClock
) -> None:
    advance(page, clock, 4_000)
    page.session.stop()
    page.refresh()
    assert page.finish_stats.text() == ("0 stretches done · 0 s stretching · 4 s in the session")
