"""The questions around a session, put on the player: the check-in before, and on the finish
screen the reason for a Stop, the check-in after and the app's answer to them.

What the answers mean is decided by the session controller (ui/controller.py) and
core/checkin.py; this module only shows the questions and passes the answers on.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt

from stretchapp.ui.checkin import FeelingCheckIn
from stretchapp.ui.controller import SessionController
from stretchapp.ui.guidance import GuidanceCard, StopReasonQuestion
from stretchapp.ui.player import PlayerPage


def ask_before(session: SessionController, player: PlayerPage) -> FeelingCheckIn:
    """The check-in before the session; the session starts once it is answered (or skipped)."""
    check_in = FeelingCheckIn("before")

    def begin(value: object) -> None:
        before = value if isinstance(value, int) else None
        player.set_note(session.answer_before(before, check_in.dont_ask.isChecked()))
        player.start()

    check_in.answered.connect(begin)
    player.show_before(check_in)
    check_in.setFocus(Qt.FocusReason.OtherFocusReason)  # its keys work at once
    return check_in


def ask_after(
    session: SessionController,
    player: PlayerPage,
    targets: Mapping[str, Callable[[], object]],
) -> GuidanceCard:
    """The finish screen: after a Stop, why (one optional tap); the after check-in; and the
    app's answer to both. `targets` leads the card's "gentle", "clinic" and "get_help"."""
    stopped = player.session.state.value == "stopped"
    card = GuidanceCard()
    card.gentle_available = session.gentle_available()

    def update() -> None:
        said_back = session.guidance()
        card.show_guidance(said_back)
        # "Your back will thank you" does not sit beside "go easier next time".
        player.finish_note.setVisible(not said_back.title)

    if stopped:
        question = StopReasonQuestion()

        def chosen(reason: str) -> None:
            session.answer_stop_reason(reason)
            update()

        question.chosen.connect(chosen)
        player.show_after(question)
    summary = player.summary
    worked = summary is not None and summary.done + summary.skipped > 0
    if session.app.settings.value.checkin_after and (worked or stopped):
        check_in = FeelingCheckIn("after" if summary is not None and summary.done else "now")

        def answered(value: object) -> None:
            session.answer_after(
                value if isinstance(value, int) else None, check_in.dont_ask.isChecked()
            )
            check_in.acknowledge(value if isinstance(value, int) else None)
            update()
            player.done_button.setFocus()

        check_in.answered.connect(answered)
        player.show_after(check_in)
        check_in.setFocus(Qt.FocusReason.OtherFocusReason)  # its keys work at once

        def skip() -> None:  # Space, as before the session
            if check_in.is_open():
                check_in.answered.emit(None)

        player.skip_requested.connect(skip)
    card.gentle_requested.connect(targets["gentle"])
    card.clinic_requested.connect(targets["clinic"])
    card.get_help_requested.connect(targets["get_help"])
    player.show_after(card)
    update()
    return card
