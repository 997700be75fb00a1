"""The application layer without a widget: settings, library, history, the session and its
answers, and the notices (ui/controller.py)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from stretchapp.core import checkin
from stretchapp.core.paths import Paths
from stretchapp.core.settings import SettingsStore
from stretchapp.ui.controller import AppController, Notice


@pytest.fixture
def app(paths: Paths) -> AppController:
    return AppController.load(paths)


def test_a_settings_change_is_saved_and_announced_once(
    qtbot: QtBot, app: AppController, paths: Paths
) -> None:
    with qtbot.waitSignal(app.settings.changed) as changed:
        assert app.settings.change(snooze_minutes=25)
    assert changed.args[0].snooze_minutes == 25
    assert app.settings.value.snooze_minutes == 25
    assert SettingsStore(paths).load()[0].snooze_minutes == 25
    with qtbot.assertNotEmitted(app.settings.changed):
        assert app.settings.change(snooze_minutes=25)  # nothing new: nothing said


def test_a_failed_save_says_so_and_still_applies(
    qtbot: QtBot, app: AppController, paths: Paths
) -> None:
    paths.settings_file.parent.mkdir(parents=True, exist_ok=True)
    paths.settings_file.mkdir()  # a folder where the file should go: the save must fail
    with qtbot.waitSignal(app.settings.save_error) as error:
        assert not app.settings.change(ticks=False)
    assert error.args[0]
    assert app.settings.value.ticks is False


def test_new_timings_read_the_library_again(qtbot: QtBot, app: AppController) -> None:
    before = app.library
    with qtbot.assertNotEmitted(app.reloaded):
        app.settings.change(voice=not app.settings.value.voice)
    with qtbot.waitSignal(app.reloaded):
        app.settings.change(rest_seconds=app.settings.value.rest_seconds + 5)
    assert app.library is not before
    assert {r.id for r in app.library.routines} == {r.id for r in before.routines}


def test_the_history_opens_on_first_use(qtbot: QtBot, app: AppController, paths: Paths) -> None:
    assert not app.history_is_open and not paths.history_db.exists()
    with qtbot.waitSignal(app.history_opened):
        store = app.history
    assert app.history is store and paths.history_db.exists()
    app.close_history()


def test_a_damaged_history_becomes_a_notice(qtbot: QtBot, app: AppController, paths: Paths) -> None:
    paths.history_db.parent.mkdir(parents=True, exist_ok=True)
    paths.history_db.write_bytes(b"not a database at all" * 100)
    with qtbot.waitSignal(app.notice) as said:
        app.history  # noqa: B018
    notice = said.args[0]
    assert isinstance(notice, Notice) and notice.text == app.history_notice
    app.close_history()


def test_a_session_is_recorded_with_its_answers_and_answered(
    qtbot: QtBot, app: AppController
) -> None:
    routine = app.routine("daily-back-care")
    assert routine is not None
    problems: list[str] = []
    with qtbot.waitSignal(app.session.running_changed) as began:
        session = app.session.begin(routine, on_error=problems.append)
    assert began.args == [True] and app.session.active and app.session.heartbeat.isActive()
    assert app.session.answer_before(9) == checkin.before_note(9) != ""
    session.start()
    session.stop()
    app.session.answer_stop_reason(checkin.StopReason.PAIN.value)
    app.session.answer_after(9, dont_ask_again=True)
    assert app.settings.value.checkin_after is False  # "don't ask again" is a setting
    said = app.session.guidance()
    this = checkin.Response(9, 9, "pain")
    assert said == checkin.guidance(this, [this])
    assert said.title  # a flare is answered
    with qtbot.waitSignal(app.session.running_changed) as ended:
        app.session.end()
    assert ended.args == [False] and not app.session.active
    assert not app.session.heartbeat.isActive()
    (record,) = app.history.responses()
    assert (record.before, record.after, record.stop_reason) == (9, 9, "pain")
    assert problems == []
    app.close_history()


def test_gentle_days_is_offered_except_during_gentle_days(app: AppController) -> None:
    gentle = app.routine(checkin.GENTLE_ROUTINE_ID)
    daily = app.routine("daily-back-care")
    assert gentle is not None and daily is not None
    app.session.begin(daily, on_error=print)
    assert app.session.gentle_available()
    app.session.end()
    app.session.begin(gentle, on_error=print)
    assert not app.session.gentle_available()
    app.session.end()
    app.close_history()
