"""The app answers what a person tells it: the Stop question, the after check-in, the calm
note on the finish screen, the History page's suggestion; and the player's cues (breathing,
the every-stretch rule, precautions and the way into a position)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from stretchapp.core import health
from stretchapp.core.checkin import StopReason
from stretchapp.core.history import HistoryStore, Status
from stretchapp.core.palette import LIGHT
from stretchapp.core.paths import Paths
from stretchapp.core.routines import Entry, Routine, Sides, load_library
from stretchapp.core.session import Session, State
from stretchapp.core.settings import defaults
from stretchapp.ui.app import MainWindow
from stretchapp.ui.checkin import FeelingCheckIn
from stretchapp.ui.guidance import GuidanceCard, StopReasonQuestion
from stretchapp.ui.history import HistoryPage
from stretchapp.ui.player import PlayerPage
from tests.ui.test_player import FakeClock, RecordingSpeaker, advance, stretch

# ---- the player's cues ------------------------------------------------------------------------


def cue_routine() -> Routine:
    bridge = stretch("glute-bridge", reps=2, tempo=4, breathing="Breathe out as you lift.")
    figure = stretch(
        "figure-4",
        hold=10,
        sides=Sides.BOTH,
        breathing="Breathe slowly into your belly.",
        avoid_if=("pregnancy", "surgery"),
    )
    return Routine(
        "r",
        "Cue routine",
        "",
        (
            Entry(bridge, None, 2, 4, Sides.NONE),
            Entry(
                figure,
                10,
                None,
                4,
                Sides.BOTH,
                transition="Roll onto your side, then push up with your arms.",
            ),
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


@pytest.fixture
def player(qtbot: QtBot, clock: FakeClock, speaker: RecordingSpeaker) -> PlayerPage:
    page = PlayerPage(Session(cue_routine(), clock=clock), LIGHT, speaker)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    qtbot.waitExposed(page)
    page.start()
    return page


def visible_texts(widget: QWidget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel) if label.isVisible()]


def test_the_breathing_cue_shows_while_stretching_and_is_said_once_per_stretch(
    player: PlayerPage, clock: FakeClock, speaker: RecordingSpeaker
) -> None:
    assert "Breathe out as you lift." not in visible_texts(player)  # getting ready
    advance(player, clock, 4_900)
    before = len(speaker.said)
    advance(player, clock, 100)
    assert player.ring.caption == "Stretch"
    # One utterance as the stretch starts (a new one would cut off the one before).
    assert speaker.said[before:] == ["Breathe out as you lift."]
    assert "Breathe out as you lift." in visible_texts(player)
    advance(player, clock, 4_000)  # the second rep
    assert "Breathe out as you lift." in visible_texts(player)
    # rest, then figure 4's get-ready (a transition: 15 s to move), left side
    advance(player, clock, 4_000 + 5_000 + 15_000)
    assert "Breathe slowly into your belly." in visible_texts(player)
    advance(player, clock, 10_000 + 3_000)  # switch, right side
    assert player.side_label.text() == "Right side"
    said = " | ".join(speaker.said)
    assert said.count("Breathe out as you lift.") == 1
    assert said.count("Breathe slowly into your belly.") == 1  # not again per side


def test_the_rule_for_every_stretch_is_large_first_then_a_small_line(
    player: PlayerPage, clock: FakeClock
) -> None:
    rule = health.stop_rule()
    assert "numbness or tingling spreads into a leg" in rule
    assert visible_texts(player).count(rule) == 1
    assert player.rule_label.property("first") is True
    first_size = player.rule_label.fontInfo().pixelSize()
    advance(player, clock, 5_000)
    assert visible_texts(player).count(rule) == 1  # still there while stretching
    assert player.rule_label.property("first") is False
    assert player.rule_label.fontInfo().pixelSize() < first_size


def test_precautions_and_the_way_into_the_position_show_while_getting_ready(
    player: PlayerPage, clock: FakeClock, speaker: RecordingSpeaker
) -> None:
    transition = "Roll onto your side, then push up with your arms."
    assert transition not in visible_texts(player)
    assert not player.precautions_label.isVisible()  # the bridge has none here
    advance(player, clock, 5_000 + 8_000 + 5_000)  # ready, the bridge, rest: figure 4's get-ready
    assert player.ring.caption == "Get ready" and player.name_label.text() == "Figure 4"
    shown = visible_texts(player)
    assert transition in shown
    assert player.transition_label.fontInfo().pixelSize() >= 20  # large
    line = player.precautions_label.text()
    assert player.precautions_label.isVisible()
    assert "Pregnancy" in line and "surgery" in line and "Osteoporosis" not in line
    tip = player.precautions_label.toolTip()  # each precaution in full, for this stretch
    assert "pregnant" in tip and "surgery" in tip and "bones" not in tip and tip.count("\n") == 1
    assert "Figure 4. Get ready. Left side first. " + transition in speaker.said
    assert not player.steps_label.isVisible()  # the transition takes the steps' place
    advance(player, clock, 10_000)
    assert player.ring.caption == "Get ready"  # time to move slowly: 15 s, not the routine's 5
    advance(player, clock, 5_000)
    assert transition not in visible_texts(player)
    assert player.steps_label.isVisible()
    assert not player.precautions_label.isVisible()


def test_a_high_check_in_before_keeps_a_calm_line_in_view(player: PlayerPage) -> None:
    player.set_note("Go very gently today.")
    assert "Go very gently today." in visible_texts(player)


# ---- the finish screen and the History page in the main window ----------------------------


@pytest.fixture
def store() -> HistoryStore:
    return HistoryStore.in_memory()


@pytest.fixture
def window(qtbot: QtBot, paths: Paths, store: HistoryStore) -> MainWindow:
    library = load_library(paths.bundled_routines_dir, paths.user_routines_dir, paths.assets_dir)
    win = MainWindow(paths, library, LIGHT, RecordingSpeaker(), settings=defaults(), history=store)
    qtbot.addWidget(win)
    win.resize(1100, 760)
    win.show()
    qtbot.waitExposed(win)
    return win


def start(window: MainWindow, before: int | None) -> PlayerPage:
    player = window.start_routine("daily-back-care")
    assert player is not None
    (check_in,) = player.findChildren(FeelingCheckIn)
    check_in.answered.emit(before)
    assert player.session.state is State.RUNNING
    return player


def skipped_to_the_end(window: MainWindow, before: int | None) -> PlayerPage:
    """A session started (with the check-in before answered) and every stretch skipped."""
    player = start(window, before)
    while player.session.state is not State.FINISHED:
        player.skip()
    return player


def finish_widgets(
    player: PlayerPage, qtbot: QtBot
) -> tuple[StopReasonQuestion | None, FeelingCheckIn, GuidanceCard]:
    qtbot.waitUntil(
        lambda: all(w.isVisible() for w in player.finish_view.findChildren(FeelingCheckIn))
    )
    questions = player.finish_view.findChildren(StopReasonQuestion)
    (check_in,) = player.finish_view.findChildren(FeelingCheckIn)
    (card,) = player.finish_view.findChildren(GuidanceCard)
    return (questions[0] if questions else None), check_in, card


def test_a_stop_asks_why_and_still_offers_the_check_in_after(
    window: MainWindow, store: HistoryStore, qtbot: QtBot
) -> None:
    player = start(window, 3)
    qtbot.mouseClick(player.buttons["stop"], Qt.MouseButton.LeftButton)  # in the first get-ready
    assert player.finish_title.text() == "Session stopped"
    question, check_in, card = finish_widgets(player, qtbot)
    assert question is not None and question.isVisible()
    assert "What made you stop?" in question.question.text()
    assert [b.text() for b in question.buttons.values()] == ["Pain", "No time", "Something else"]
    assert check_in.isVisible()  # nothing was done, yet the check-in is offered
    assert not card.isVisible()  # nothing to say yet
    qtbot.mouseClick(
        next(b for b in question.buttons.values() if b.text() == "No time"),
        Qt.MouseButton.LeftButton,
    )
    (row,) = store.sessions()
    assert row.status is Status.STOPPED and row.stop_reason == "no_time"
    assert not card.isVisible()  # no time is not a reason to worry


def test_the_arrow_keys_go_from_one_answer_to_the_next_after_a_stop(
    window: MainWindow, qtbot: QtBot
) -> None:
    """The player's Right and Left (the next and previous stretch) kept the arrow keys from
    the stop reasons: after the session they go from one answer to the next."""
    player = start(window, 3)
    qtbot.mouseClick(player.buttons["stop"], Qt.MouseButton.LeftButton)
    question, _check_in, _card = finish_widgets(player, qtbot)
    assert question is not None
    pain, no_time, _other = question.buttons.values()
    pain.setFocus()
    QTest.keyClick(pain, Qt.Key.Key_Right)
    assert player.focusWidget() is no_time
    QTest.keyClick(no_time, Qt.Key.Key_Left)
    assert player.focusWidget() is pain
    assert player.stack.currentWidget() is player.finish_view


def test_an_answered_check_in_is_no_longer_a_tab_stop(qtbot: QtBot) -> None:
    """After "Noted: 4 out of 10" Tab still stopped on the card, with nothing to do there."""
    check_in = FeelingCheckIn("after")
    qtbot.addWidget(check_in)
    assert check_in.focusPolicy() & Qt.FocusPolicy.TabFocus  # its number keys need it
    check_in.answered.connect(check_in.acknowledge)
    check_in.answered.emit(4)
    assert check_in.noted.text() == "Noted: 4 out of 10. Thank you."
    assert not check_in.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_a_stop_for_pain_gets_the_gentle_guidance(
    window: MainWindow, store: HistoryStore, qtbot: QtBot
) -> None:
    player = start(window, None)
    player.stop()
    question, _, card = finish_widgets(player, qtbot)
    assert question is not None
    qtbot.mouseClick(question.buttons[next(iter(question.buttons))], Qt.MouseButton.LeftButton)
    assert store.sessions()[0].stop_reason == "pain"
    assert card.isVisible()
    assert "You stopped because it hurt" in card.text()
    assert card.gentle_button.isVisible() and card.clinic_button.isVisible()


def test_rising_pain_on_the_finish_screen_says_do_less_and_offers_help(
    window: MainWindow, store: HistoryStore, qtbot: QtBot
) -> None:
    player = skipped_to_the_end(window, 3)
    assert player.finish_title.text() == "End of the routine"  # every stretch skipped
    question, check_in, card = finish_widgets(player, qtbot)
    assert question is None  # finished, not stopped: nothing to ask
    check_in.answered.emit(6)
    assert check_in.noted.isVisible() and check_in.noted.text() == "Noted: 6 out of 10. Thank you."
    assert not check_in.buttons.button(6).isVisible()  # the question gives way to the answer
    assert card.isVisible()
    shown = card.text()
    assert "Go a little easier next time" in shown
    assert "3 before, 6 after" in shown and "Gentle days" in shown
    assert not card.get_help.isVisible()  # 6 is not 8
    assert store.sessions()[0].feeling_after == 6
    # The clinic is one click away.
    qtbot.mouseClick(card.clinic_button, Qt.MouseButton.LeftButton)
    assert window.player is None
    assert window.settings_page is not None
    assert window.settings_page.stack.currentWidget() is window.settings_page.clinic


def test_the_gentle_routine_is_one_click_from_the_finish_screen(
    window: MainWindow, qtbot: QtBot
) -> None:
    player = start(window, 2)
    player.stop()
    _, check_in, card = finish_widgets(player, qtbot)
    check_in.answered.emit(9)
    assert card.get_help.isVisible() and "When to get help" in card.get_help.text()
    qtbot.mouseClick(card.gentle_button, Qt.MouseButton.LeftButton)
    assert window.detail_page is not None and window.detail_page.routine.id == "gentle-recovery"
    assert window.routines_stack.currentWidget() is window.detail_page


def test_a_check_in_of_eight_points_to_when_to_get_help_and_goes_there(
    window: MainWindow, qtbot: QtBot
) -> None:
    player = start(window, 8)
    assert player.note_label.isVisible() and "When to get help" in player.note_label.text()
    player.stop()
    _, _, card = finish_widgets(player, qtbot)
    assert card.isVisible() and card.get_help_button.isVisible()
    assert card.text().count("\n") == 0  # one line, no flare said
    qtbot.mouseClick(card.get_help_button, Qt.MouseButton.LeftButton)
    page = window.settings_page
    assert page is not None and page.stack.currentWidget() is page.about
    target = next(
        w for w in page.about.findChildren(QWidget) if w.accessibleName() == "When to get help"
    )
    qtbot.waitUntil(lambda: target.visibleRegion().boundingRect().height() > 0)


def seed_flares(store: HistoryStore, flares: int, calm: int) -> None:
    day = datetime(2026, 11, 1, 9, tzinfo=UTC)
    for i in range(calm):
        store.add_session(
            day + timedelta(days=i),
            "daily-back-care",
            "Daily back care",
            feeling_before=3,
            feeling_after=3,
        )
    for i in range(flares):
        store.add_session(
            day + timedelta(days=10 + i),
            "daily-back-care",
            "Daily back care",
            feeling_before=3,
            feeling_after=6,
        )


def history_page(window: MainWindow) -> HistoryPage:
    window.nav.setCurrentRow(1)
    page = window.history_page
    assert page is not None
    return page


def test_the_history_page_suggests_the_clinic_after_a_pattern(
    window: MainWindow, store: HistoryStore, qtbot: QtBot
) -> None:
    seed_flares(store, 3, 2)
    page = history_page(window)
    assert page.pattern_card.isVisible()
    shown = " ".join(visible_texts(page.pattern_card))
    assert "In 3 of your last 5 sessions" in shown and "clinic" in shown
    qtbot.mouseClick(page.pattern_card.clinic_button, Qt.MouseButton.LeftButton)
    assert window.settings_page is not None
    assert window.settings_page.stack.currentWidget() is window.settings_page.clinic


def test_no_pattern_no_suggestion(window: MainWindow, store: HistoryStore) -> None:
    seed_flares(store, 2, 3)
    assert not history_page(window).pattern_card.isVisible()


def test_the_history_table_says_why_a_session_was_stopped(
    window: MainWindow, store: HistoryStore
) -> None:
    store.add_session(
        datetime(2026, 11, 1, 9, tzinfo=UTC),
        "daily-back-care",
        "Daily back care",
        status=Status.STOPPED,
        stop_reason="pain",
    )
    page = history_page(window)
    status = page.model.index(0, 5)
    assert page.model.data(status) == "stopped: pain"


def test_the_report_carries_the_stops_and_the_suggestion(
    window: MainWindow, store: HistoryStore, tmp_path: object
) -> None:
    from pathlib import Path

    from stretchapp.ui.history import write_report_pdf

    seed_flares(store, 3, 0)
    store.add_session(
        datetime(2026, 11, 20, 9, tzinfo=UTC),
        "daily-back-care",
        "Daily back care",
        status=Status.STOPPED,
        stop_reason="pain",
    )
    out = Path(str(tmp_path)) / "report.pdf"
    write_report_pdf(store, out, datetime(2026, 11, 1).date(), datetime(2026, 11, 30).date())
    pdftotext = pytest.importorskip("shutil").which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext is not installed")
    import subprocess

    text = subprocess.run([pdftotext, str(out), "-"], capture_output=True, text=True, check=True)
    flat = " ".join(text.stdout.split())
    assert "Stopped sessions, by the reason given: pain 1." in flat
    assert "In 4 of your last 4 sessions" in flat


def test_buttons_on_the_finish_screen_have_names(window: MainWindow) -> None:
    player = start(window, 3)
    player.stop()
    for button in player.finish_view.findChildren(QPushButton):
        assert button.text() or button.accessibleName()


def test_both_check_ins_take_their_keys_at_once(
    window: MainWindow, store: HistoryStore, qtbot: QtBot
) -> None:
    player = window.start_routine("daily-back-care")
    assert player is not None
    (before,) = player.findChildren(FeelingCheckIn)
    qtbot.waitUntil(before.hasFocus)  # no click or Tab needed first
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_4)
    assert player.session.state is State.RUNNING
    while player.session.state is not State.FINISHED:
        player.skip()
    _, after, _ = finish_widgets(player, qtbot)
    qtbot.waitUntil(after.hasFocus)
    with qtbot.waitSignal(after.answered) as answer:
        QTest.keyClicks(QApplication.focusWidget(), "10")
    assert answer.args == [10]
    assert "10 out of 10" in after.noted.text()
    (row,) = store.sessions()
    assert (row.feeling_before, row.feeling_after) == (4, 10)


def test_enter_and_space_press_the_focused_button_on_the_finish_screen(
    window: MainWindow, store: HistoryStore, qtbot: QtBot
) -> None:
    """Tab to a button, then Enter or Space, as everywhere: the finish screen's own Enter
    (back to the routines) and Space (skip) must not take the key from it."""
    player = start(window, 3)
    player.stop()
    question, after, _ = finish_widgets(player, qtbot)
    assert question is not None
    pain = question.buttons[StopReason.PAIN]
    pain.setFocus(Qt.FocusReason.TabFocusReason)
    with qtbot.assertNotEmitted(player.leave_requested):
        QTest.keyClick(pain, Qt.Key.Key_Return)
    assert store.sessions()[0].stop_reason == "pain"  # not lost on the way back
    one = after.buttons.button(1)
    one.setFocus(Qt.FocusReason.TabFocusReason)
    with qtbot.waitSignal(after.answered) as answer:
        QTest.keyClick(one, Qt.Key.Key_Space)
    assert answer.args == [1]
    assert store.sessions()[0].feeling_after == 1
    # Answered, the focus is on "Back to routines": Enter leaves.
    assert QApplication.focusWidget() is player.done_button
    with qtbot.waitSignal(player.leave_requested):
        QTest.keyClick(player.done_button, Qt.Key.Key_Return)


def test_space_skips_the_question_after_as_it_does_before(
    window: MainWindow, store: HistoryStore, qtbot: QtBot
) -> None:
    player = skipped_to_the_end(window, 3)
    _, after, _ = finish_widgets(player, qtbot)
    qtbot.waitUntil(after.hasFocus)
    with qtbot.waitSignal(after.answered) as answer:
        QTest.keyClick(after, Qt.Key.Key_Space)
    assert answer.args == [None]
    assert after.noted.text() == "Skipped."
    with qtbot.assertNotEmitted(after.answered):
        QTest.keyClick(player, Qt.Key.Key_Space)  # already answered: asked once
    assert store.sessions()[0].feeling_after is None


def test_a_routine_ended_by_skipping_every_stretch_is_not_praised(
    window: MainWindow, qtbot: QtBot
) -> None:
    player = skipped_to_the_end(window, 3)
    _, after, _ = finish_widgets(player, qtbot)
    assert player.summary is not None and player.summary.done == 0
    assert player.finish_title.text() == "End of the routine"
    assert player.finish_note.text().startswith("Every stretch was skipped.")
    assert "Well done" not in " ".join(player.speaker.said)  # type: ignore[attr-defined]
    assert "Routine complete." in player.speaker.said  # type: ignore[attr-defined]
    assert after.accessibleName() == "How does your back feel now?"  # not "after stretching"


def test_one_alone_is_one_after_a_moment(qtbot: QtBot) -> None:
    check_in = FeelingCheckIn("after")
    qtbot.addWidget(check_in)
    with qtbot.waitSignal(check_in.answered) as answer:
        QTest.keyClick(check_in, Qt.Key.Key_1)
    assert answer.args == [1]
    with qtbot.waitSignal(check_in.answered) as answer:
        QTest.keyClick(check_in, Qt.Key.Key_7)
    assert answer.args == [7]
    with qtbot.waitSignal(check_in.answered) as answer:
        QTest.keyClick(check_in, Qt.Key.Key_Space)
    assert answer.args == [None]
