"""The player, check-in, guidance, reminders and common dialogs in another language: what a
person sees and hears in German, and every text of theirs translated (the pseudo-language shows
a text left in English)."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QWidget
from pytestqt.qtbot import QtBot

from stretchapp.core import checkin, health, i18n, present
from stretchapp.core.checkin import Response, StopReason
from stretchapp.core.palette import LIGHT
from stretchapp.core.session import Session
from stretchapp.ui.checkin import FeelingCheckIn
from stretchapp.ui.dialogs import PathDialog, SavedDialog
from stretchapp.ui.guidance import GuidanceCard, StopReasonQuestion
from stretchapp.ui.links import copy_button
from stretchapp.ui.player import PlayerPage
from stretchapp.ui.reminder import ReminderClock, ReminderPrompt
from tests.ui.test_player import FakeClock, RecordingSpeaker, advance, routine


def make_page(qtbot: QtBot, clock: FakeClock, speaker: RecordingSpeaker) -> PlayerPage:
    player = PlayerPage(Session(routine(), clock=clock), LIGHT, speaker)
    qtbot.addWidget(player)
    player.resize(1100, 760)
    player.show()
    qtbot.waitExposed(player)
    player.start()
    return player


def test_the_player_shows_and_says_everything_in_german(qtbot: QtBot) -> None:
    i18n.activate("de")
    clock, speaker = FakeClock(), RecordingSpeaker()
    page = make_page(qtbot, clock, speaker)
    assert page.ring.caption == "Bereit machen"
    assert page.progress_label.text() == "Übung 1 von 3 · noch 1:20"
    # German labels are too long for this width: the secondary controls show icons, and
    # their names are still said; Stop keeps its label beside Pause's.
    assert page.buttons["skip"].text() == ""
    assert page.buttons["stop"].text() == "Beenden"
    assert page.buttons["stop"].accessibleName() == "Ablauf beenden"
    assert page.buttons["pause"].toolTip() == "Anhalten oder fortsetzen (Leertaste)"
    assert page.buttons["skip"].toolTip() == "Zur nächsten Übung springen (Pfeil rechts oder N)"
    assert page.ring.accessibleDescription() == "Bereit machen: noch 5 Sekunden"
    assert speaker.said[0] == "Glute bridge. Machen Sie sich bereit."
    advance(page, clock, 5_000)
    assert page.ring.caption == "Dehnen"
    assert page.rep_label.text() == "Wiederholung 1 von 3"
    advance(page, clock, 12_000 + 5_000 + 5_000 + 10_000)  # to the switch of figure 4
    assert page.side_label.text() == "Seite wechseln → rechte Seite"
    assert "Seite wechseln." in speaker.said
    assert "Kurze Pause. Als Nächstes: Figure 4." in speaker.said
    page.toggle_pause()
    assert page.banner.text() == "Angehalten. Drücken Sie die Leertaste, um weiterzumachen."
    assert page.buttons["pause"].text() == "Fortsetzen"
    page.stop()
    assert page.finish_title.text() == "Einheit vorzeitig beendet"
    # Plurals and durations in German: one stretch done, durations with "Min." and "s".
    assert page.finish_stats.text() == "1 Übung geschafft · 22 s Dehnen · 37 s in der Einheit"
    assert page.done_button.text() == "Zurück zu den Abläufen"


def test_a_long_ring_caption_stays_inside_the_ring(qtbot: QtBot) -> None:
    """In a small ring "Bereit machen" ran into the ring's stroke: it shrinks to fit inside
    the circle where it is drawn."""
    from stretchapp.ui.player import CountdownRing

    ring = CountdownRing(LIGHT)
    qtbot.addWidget(ring)
    ring.resize(130, 130)
    ring.set_state(0.5, 3, "Bereit machen", False)
    font, text = ring.caption_fit()
    assert text == "Bereit machen"  # whole
    assert QFontMetrics(font).horizontalAdvance(text) <= ring.caption_room()
    assert font.pixelSize() < 13  # (at its usual size it did not fit)


@pytest.mark.parametrize("language", ["en", "de", "fr", "es"])
def test_every_ring_caption_is_whole_in_the_smallest_ring(qtbot: QtBot, language: str) -> None:
    """French "Changez de côté" showed as "Changez de c…" and Spanish "Cambie de lado" as
    "Cambie de la…" in the ring at 800x600 (130 px): every phase's caption, in every
    language, is whole there."""
    from stretchapp.core.present import PHASE_TITLES
    from stretchapp.ui.player import CountdownRing

    i18n.activate(language)
    ring = CountdownRing(LIGHT)
    qtbot.addWidget(ring)
    ring.resize(130, 130)
    for title in PHASE_TITLES.values():
        ring.set_state(0.5, 3, title(), False)
        _font, text = ring.caption_fit()
        assert text == title(), (language, title())


def test_the_switch_cue_in_german_shrinks_rather_than_being_cut(qtbot: QtBot) -> None:
    """ "Seite wechseln → rechte Seite" was cut to "rechte S…" beside a small ring: the switch's
    cue gives up more of its size before it elides (it is spoken as well); the side's cue
    during a hold ("Rechte Seite") does not, or it came out two thirds of the English one."""
    from stretchapp.ui.player import SWITCH_CUE_LEAST

    i18n.activate("de")
    clock = FakeClock()
    page = make_page(qtbot, clock, RecordingSpeaker())
    advance(page, clock, 5_000 + 12_000 + 5_000 + 5_000 + 10_000)  # to the switch of figure 4
    label = page.side_label
    assert label.text() == "Seite wechseln → rechte Seite"
    one_line = QFontMetrics(label.font()).height() + 2
    label.resize(250, one_line)  # the room it had at 800x600, beside the German steps
    assert label.fits(), label.lines()
    assert label.shown_font().pixelSize() >= 13
    advance(page, clock, 3_000)  # the right side
    assert label.text() == "Rechte Seite" and label.min_ratio > SWITCH_CUE_LEAST


def test_the_wording_of_numbers_follows_the_language() -> None:
    i18n.activate("de")
    assert present.session_result(3, 0, 250, 3900) == (
        "3 Übungen geschafft · 4 Min. 10 s Dehnen · 1 Std. 05 Min. in der Einheit"
    )
    assert present.unknown_stretch_note(1).startswith("Die Dehnzeit lässt 1 frühere Einheit aus")
    assert present.period_times(250, 360, sep="\n") == "4 Min. Dehnen\nvon 6 Min. in Einheiten"
    i18n.activate("fr")
    assert present.session_result(1, 2, 30, 45).startswith("1 étirement fait · 2 passés · ")
    i18n.activate("es")
    assert present.dose_text(routine().entries[0]) == "3 repeticiones × 4 s"
    assert present.dose_text(routine().entries[1]) == "Mantener 10 s por lado"


def test_the_check_in_and_the_guidance_in_german(qtbot: QtBot) -> None:
    i18n.activate("de")
    question = FeelingCheckIn("after")
    qtbot.addWidget(question)
    assert question.accessibleName() == "Wie fühlt sich Ihr Rücken jetzt nach dem Dehnen an?"
    assert question.buttons.button(7).accessibleName() == "7 von 10"
    question.acknowledge(7)
    assert question.noted.text() == "Notiert: 7 von 10. Danke."
    stop = StopReasonQuestion()
    qtbot.addWidget(stop)
    assert stop.question.text() == "Warum haben Sie aufgehört? (freiwillig)"
    stop.buttons[StopReason.NO_TIME].click()
    assert stop.thanks.text().startswith("Beendet wegen: keine Zeit. Danke,")
    card = GuidanceCard()
    qtbot.addWidget(card)
    card.show_guidance(checkin.guidance(Response(2, 8)))
    text = card.text()
    assert text.startswith("Nächstes Mal etwas sanfter\n")
    assert "(vorher 2, nachher 8)" in text
    assert "„Wann Sie Hilfe holen sollten“" in text
    assert card.gentle_button.text() == "„Sanfte Tage“ öffnen"


def test_the_reminder_prompt_and_status_in_german(qtbot: QtBot) -> None:
    from stretchapp.core.reminders import ReminderPlan, parse_time

    i18n.activate("de")
    prompt = ReminderPrompt("Rücken am Morgen, 8 Min.", 10, late=False)
    qtbot.addWidget(prompt)
    assert prompt.windowTitle() == "Zeit zum Dehnen"
    assert prompt.snooze_button.text() == "10 Min. später"
    assert prompt.snooze_button.toolTip() == "In 10 Minuten erneut erinnern (S)"
    assert prompt.start_button.toolTip() == "Ablauf jetzt starten (Eingabetaste)"
    zone = datetime.now().astimezone().tzinfo
    now = [datetime(2025, 3, 3, 13, 56, tzinfo=zone)]
    clock = ReminderClock(lambda _now: set(), lambda: False, lambda: now[0])
    clock.set_plan(ReminderPlan(times=(parse_time("13:58"), parse_time("18:00"))))
    assert clock.status() == "Nächste Erinnerung: heute 13:58 (in 2 Min.)"
    now[0] = datetime(2025, 3, 3, 13, 59, tzinfo=zone)
    clock.timer.timeout.emit()
    assert clock.status() == "Nächste Erinnerung: heute 18:00 (in 4 Std. 1 Min.)"
    clock.pause_until(datetime(2025, 3, 4, 8, 0, tzinfo=zone))
    assert clock.status() == "Erinnerungen pausiert bis morgen 08:00"


def test_a_twelve_hour_locale_says_its_own_clock(qtbot: QtBot) -> None:
    from stretchapp.core.reminders import ReminderPlan, parse_time

    i18n.activate("en", {"LANG": "en_US.UTF-8"})
    zone = datetime.now().astimezone().tzinfo
    clock = ReminderClock(
        lambda _now: set(), lambda: False, lambda: datetime(2025, 3, 3, 13, 56, tzinfo=zone)
    )
    clock.set_plan(ReminderPlan(times=(parse_time("18:00"),)))
    assert clock.status() == "Next reminder: today 6:00\u202fPM (in 4 h 4 min)"


def texts_of(root: QWidget) -> list[tuple[str, str]]:
    """Every text a person can see or hear read out in `root`, with where it is."""
    found = []
    for widget in (root, *root.findChildren(QWidget)):
        for kind, value in (
            ("text", getattr(widget, "text", lambda: "")()),
            ("tooltip", widget.toolTip()),
            ("accessible name", widget.accessibleName()),
            ("accessible description", widget.accessibleDescription()),
            ("placeholder", getattr(widget, "placeholderText", lambda: "")()),
        ):
            if isinstance(value, str) and value.strip():
                found.append((f"{type(widget).__name__} {widget.objectName()} {kind}", value))
    return found


def untranslated(root: QWidget, content: set[str]) -> list[str]:
    """Texts that stayed English under the pseudo-language: neither pseudo-translated (it
    brackets every text) nor content from a routine (its own translations), nor a number."""
    left = []
    for where, value in texts_of(root):
        if "[" in value or value in content or value.strip(" 0123456789:.") == "":
            continue
        left.append(f"{where}: {value!r}")
    return left


def test_every_text_of_the_player_is_marked_for_translation(qtbot: QtBot) -> None:
    i18n.activate(i18n.PSEUDO)
    clock, speaker = FakeClock(), RecordingSpeaker()
    page = make_page(qtbot, clock, speaker)
    r = routine()
    content = {r.name, health.stop_rule()}
    for entry in r.entries:
        s = entry.stretch
        content |= {s.name, s.caution, "\n".join(f"{i}. {t}" for i, t in enumerate(s.steps, 1))}
    seen: list[str] = []
    for _step in range(0, 60_000, 2_500):  # through get-ready, stretch, rest, sides, finish
        seen += untranslated(page, content)
        advance(page, clock, 2_500)
    page.stop()
    seen += untranslated(page, content)
    assert not sorted(set(seen))
    # What is said is translated too (the names are content).
    assert all("[" in said or said in content | {f"{n}." for n in content} for said in speaker.said)


def test_every_text_of_the_dialogs_and_cards_is_marked_for_translation(
    qtbot: QtBot, tmp_path: object
) -> None:
    from pathlib import Path

    i18n.activate(i18n.PSEUDO)
    saved = Path(str(tmp_path)) / "report.pdf"
    widgets: list[QWidget] = [
        FeelingCheckIn("before"),
        StopReasonQuestion(),
        ReminderPrompt("content", 10, late=True),
        PathDialog(
            "[title]", "[text]", str(saved), "[ok]", save=True, name_filter="*", placeholder=""
        ),
        SavedDialog("[title]", saved),
        copy_button("0123 456", "phone number"),
    ]
    card = GuidanceCard()
    card.show_guidance(checkin.guidance(Response(2, 9, "pain"), [Response(2, 9, "pain")] * 5))
    widgets.append(card)
    content = {"content", "report.pdf", "0123 456", str(saved)}
    left = []
    for widget in widgets:
        qtbot.addWidget(widget)
        left += untranslated(widget, content)
    assert not left


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es", i18n.PSEUDO])
def test_the_player_controls_show_labels_only_where_they_fit(
    qtbot: QtBot, lang: str, themed: None
) -> None:
    """Narrow, the secondary controls show icons only; from the width their labels need in
    this language (and wider), every label is whole."""
    i18n.activate(lang)
    page = make_page(qtbot, FakeClock(), RecordingSpeaker())
    page.resize(800, 600)
    qtbot.waitUntil(lambda: page.buttons["skip"].text() == "")
    assert page.width() == 800
    # At 800 px Stop still says so, beside Pause, in each language the app has (a square
    # alone looked like Restart's arrow); its label is checked whole with the others below.
    # (The pseudo-locale's 40 % longer words leave only icons.)
    if lang != i18n.PSEUDO:
        assert page.buttons["stop"].text() == page._labels["stop"]
    # The height keeps the type at its base size, which the width needed is measured at.
    sizes = [(width, 760) for width in range(850, 1700, 50)]
    sizes += [(page._labelled_row_width(), 760), (1920, 1080)]
    labelled = 0
    for width, height in sizes:
        page.resize(width, height)
        qtbot.wait(10)  # laid out again, with or without labels
        if page.buttons["skip"].text():
            labelled += 1
        for button in page.findChildren(QAbstractButton):
            if button.isVisible() and button.text():
                needed = button.fontMetrics().horizontalAdvance(button.text())
                room = button.contentsRect().width() - button.iconSize().width()
                assert room >= needed, (lang, width, button.text(), room, needed)
    assert labelled >= 2  # wide enough, the labels do show


@pytest.fixture
def themed() -> object:
    """The app's style sheet, whose fonts decide how long a text is (restored afterwards)."""
    from PySide6.QtWidgets import QApplication

    from stretchapp.ui import theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    sheet, palette = app.styleSheet(), app.palette()
    theme.apply(app, LIGHT)
    yield
    app.setStyleSheet(sheet)
    app.setPalette(palette)


def clipped(root: QWidget) -> list[str]:
    """Visible labels given less room than their text needs: too narrow for a line that does
    not wrap, or less high than their wrapped text."""
    from PySide6.QtWidgets import QLabel

    out = []
    for label in root.findChildren(QLabel):
        if not label.isVisible() or not label.text():
            continue
        if label.wordWrap():
            need = label.heightForWidth(label.width())
            if label.height() < need:
                out.append(f"{label.text()[:40]!r}: {label.height()} high of {need}")
        elif label.width() < label.sizeHint().width() and not label.toolTip():
            out.append(f"{label.text()[:40]!r}: {label.width()} wide of {label.sizeHint().width()}")
    return out


@pytest.mark.parametrize("lang", ["de", "fr", "es", i18n.PSEUDO])
def test_the_finish_screen_with_guidance_fits_800_by_600(
    qtbot: QtBot, lang: str, themed: None
) -> None:
    i18n.activate(lang)
    clock = FakeClock()
    page = PlayerPage(Session(routine(), clock=clock), LIGHT, RecordingSpeaker())
    qtbot.addWidget(page)
    page.resize(800, 600)
    page.show()
    qtbot.waitExposed(page)
    page.start()
    advance(page, clock, 10_000)
    page.stop()
    # As ui/session_flow.py puts them: the questions, then the card (empty and hidden until
    # the after check-in is answered).
    page.show_after(StopReasonQuestion())
    after = FeelingCheckIn("after")
    page.show_after(after)
    card = GuidanceCard()
    page.show_after(card)
    qtbot.wait(20)
    after.acknowledge(9)
    card.show_guidance(checkin.guidance(Response(2, 9, "pain"), [Response(2, 9, "pain")] * 5))
    qtbot.wait(50)  # a layout pass after the texts changed
    assert not clipped(page)
    # Nothing asks for more width than the window has (the page would run off the screen).
    assert page.width() == 800 and page.minimumSizeHint().width() <= 800
    assert card.mapTo(page, card.rect().topRight()).x() <= 800


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es", i18n.PSEUDO])
def test_the_reminder_prompts_buttons_are_whole_in_a_narrow_prompt(
    qtbot: QtBot, lang: str, themed: None
) -> None:
    """The tray shows the prompt at most 560 wide: buttons too long side by side stack."""
    from stretchapp.ui.overlay import show_in_window

    i18n.activate(lang)
    host = QWidget()
    host.setObjectName("page")
    qtbot.addWidget(host)
    host.resize(800, 600)
    host.show()
    prompt = ReminderPrompt("Daily back care, 6 min", 10, late=True)
    show_in_window(host, prompt, None)  # as the tray shows it
    prompt.setMinimumSize(min(460, host.width() - 48), 0)
    prompt.setMaximumWidth(560)
    qtbot.waitExposed(prompt)
    qtbot.wait(20)
    for button in (prompt.skip_button, prompt.snooze_button, prompt.start_button):
        assert button.width() >= button.sizeHint().width(), (lang, button.text())
