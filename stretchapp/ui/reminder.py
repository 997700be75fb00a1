"""Reminders in the running app: one timer armed for the next reminder, and the prompt.

The schedule itself is `stretchapp.core.reminders.next_reminder`, a pure function; this module
only keeps its state, arms a single-shot timer for the answer and asks again when the timer
fires, when settings change, after a session, and after a pause or snooze. Nothing polls: while
waiting there is one timer, and it wakes the process at the reminder (or, at the latest, after
`MAX_WAIT`: a monotonic timer stands still while the computer sleeps and ignores a wall clock
that is changed, so a long wait is checked against the wall clock now and then).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date, datetime, timedelta

from PySide6.QtCore import QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QDialog, QPushButton, QVBoxLayout, QWidget

from stretchapp.core.i18n import _, ngettext
from stretchapp.core.keys import REMINDER, shortcuts
from stretchapp.core.reminders import (
    Reminder,
    ReminderPlan,
    ReminderState,
    describe_time,
    next_reminder,
)
from stretchapp.ui.library import plain_label

MAX_WAIT = timedelta(minutes=15)
LATE = timedelta(seconds=60)  # a timer this late means the computer slept (or the clock moved)


def local_now() -> datetime:
    return datetime.now().astimezone()


def when_text(at: datetime, now: datetime) -> str:
    """ "today 13:58", "tomorrow 08:00" or "Mon 08:00"."""
    said = describe_time(at, now)
    return _("today {time}").format(time=said) if at.date() <= now.date() else said


def until(at: datetime, now: datetime) -> str:
    """ "in 2 min", "in 4 h 1 min", "now", or "" when it is a day or more away."""
    minutes = max(0, -(-int((at - now).total_seconds()) // 60))  # rounded up
    if minutes < 1:
        # Translators: when the next reminder comes: "Next reminder: today 13:58 (now)".
        return _("now")
    if minutes < 60:
        return _("in {minutes} min").format(minutes=minutes)
    if minutes < 24 * 60:
        hours, rest = divmod(minutes, 60)
        if rest:
            return _("in {hours} h {minutes} min").format(hours=hours, minutes=rest)
        return _("in {hours} h").format(hours=hours)
    return ""


class ReminderClock(QObject):
    """Keeps the reminder state and one timer. `due(Reminder)` when one should be shown."""

    due = Signal(object)
    armed = Signal(object)  # the next Reminder, or None

    def __init__(
        self,
        stretched_days: Callable[[datetime], Collection[date]],
        session_running: Callable[[], bool],
        now: Callable[[], datetime] = local_now,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._stretched_days = stretched_days
        self._session_running = session_running
        self._now = now
        self.plan = ReminderPlan(enabled=False)
        self.handled_until: datetime | None = None
        self.snoozed_until: datetime | None = None
        self.paused_until: datetime | None = None
        self.next: Reminder | None = None
        self.fires = 0  # how often the timer woke the process (for the benchmark)
        self.woke_late = 0
        self._expected: datetime | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._fire)

    def set_plan(self, plan: ReminderPlan) -> None:
        if plan != self.plan:
            if not self.plan.enabled and plan.enabled:
                self.handled_until = self._now()  # turning them on does not catch up
            self.plan = plan
            self.rearm()

    def state(self, now: datetime) -> ReminderState:
        return ReminderState(
            handled_until=self.handled_until,
            snoozed_until=self.snoozed_until,
            paused_until=self.paused_until,
            stretched_days=self._stretched_days(now) if self.plan.skip_if_stretched else (),
            session_running=self._session_running(),
        )

    def rearm(self) -> Reminder | None:
        """Ask the schedule again and arm the one timer for its answer."""
        now = self._now()
        if self.handled_until is None:
            self.handled_until = now
        found = next_reminder(self.plan, self.state(now), now)
        self.next = found
        if found is None:
            self.timer.stop()
            self._expected = None
        else:
            wait = min(max(found.at - now, timedelta(0)), MAX_WAIT)
            self._expected = now + wait
            self.timer.start(int(wait.total_seconds() * 1000))
        self.armed.emit(found)
        return found

    def _fire(self) -> None:
        self.fires += 1
        now = self._now()
        if self._expected is not None and now - self._expected > LATE:
            self.woke_late += 1  # slept, or the clock jumped: the schedule sorts it out
        found = next_reminder(self.plan, self.state(now), now)
        if found is not None and found.due(now):
            self.handled_until = now
            if found.snoozed or (self.snoozed_until is not None and self.snoozed_until <= now):
                self.snoozed_until = None
            self.rearm()
            self.due.emit(found)
            return
        self.rearm()

    # ---- what the person (or a session) did ----

    def snooze(self, minutes: int) -> None:
        now = self._now()
        self.handled_until = max(self.handled_until or now, now)
        self.snoozed_until = now + timedelta(minutes=minutes)
        self.rearm()

    def undo_snooze(self) -> None:
        """Take a snooze back: the reminder is due again now."""
        self.snoozed_until = None
        self.rearm()

    def pause_until(self, until: datetime | None) -> None:
        self.paused_until = until
        if until is None:
            self.handled_until = self._now()  # resuming does not catch up what was paused
        self.rearm()

    def session_ended(self) -> None:
        """A session counts as the stretch: what came due during it is dropped."""
        now = self._now()
        self.handled_until = max(self.handled_until or now, now)
        self.snoozed_until = None
        self.rearm()

    def preview_ended(self) -> None:
        """A preview from the routine builder is a try-out, not a stretch: a reminder that
        came due during it (or a snooze that ran out) is shown now, not dropped."""
        self.rearm()

    def status(self) -> str:
        """The state in words ("Next reminder: 18:00", …) for the pane and the tray."""
        now = self._now()
        if not self.plan.enabled:
            return _("Reminders are off")
        if self.paused_until is not None and self.paused_until > now:
            return _("Reminders paused until {when}").format(
                when=describe_time(self.paused_until, now)
            )
        if self._session_running():
            return _("No reminders during a session")
        if self.next is None:
            return self.plan.describe()
        soon = until(self.next.at, now)
        if self.next.snoozed and self.snoozed_until is not None:
            when = describe_time(self.next.at, now)
            if soon:
                return _("Snoozed until {when} ({until})").format(when=when, until=soon)
            return _("Snoozed until {when}").format(when=when)
        when = when_text(self.next.at, now)
        if soon:
            return _("Next reminder: {when} ({until})").format(when=when, until=soon)
        return _("Next reminder: {when}").format(when=when)


class ReminderPrompt(QDialog):
    """The reminder prompt, Time to stretch: Start, Snooze or Skip. Inside the main window."""

    START, SKIP, SNOOZE = 1, 0, 2

    def __init__(
        self, routine_text: str, snooze_minutes: int, late: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.setWindowTitle(_("Time to stretch"))
        self.setAccessibleName(_("Time to stretch"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(12)
        layout.addWidget(plain_label(_("Time to stretch"), "h1"))
        self.routine_label = plain_label(routine_text, "cardTitle")
        layout.addWidget(self.routine_label)
        note = (
            _("A reminder you missed while the computer was asleep.")
            if late
            else _("A few gentle minutes for your back. Stop if pain sharpens.")
        )
        layout.addWidget(plain_label(note, "secondary"))
        layout.addStretch(1)
        # Side by side, or one above the other when their labels are too long for the prompt
        # (see resizeEvent).
        self.button_row = row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        row.setSpacing(12)
        keys = shortcuts(REMINDER)
        self.skip_button = QPushButton(_("Skip"))
        self.skip_button.setToolTip(
            _("{action} ({keys})").format(
                action=_("Skip this reminder"), keys=keys["skip"].keys_text
            )
        )
        self.snooze_button = QPushButton(_("Snooze {minutes} min").format(minutes=snooze_minutes))
        self.snooze_button.setToolTip(
            _("{action} ({keys})").format(
                action=ngettext(
                    "Remind me again in {minutes} minute",
                    "Remind me again in {minutes} minutes",
                    snooze_minutes,
                ).format(minutes=snooze_minutes),
                keys=keys["snooze"].keys_text,
            )
        )
        self.start_button = QPushButton(_("Start"))
        self.start_button.setObjectName("primary")
        self.start_button.setToolTip(
            _("{action} ({keys})").format(
                action=_("Start the routine now"), keys=keys["start"].keys_text
            )
        )
        self.start_button.setDefault(True)
        row.addStretch(1)
        for button in (self.skip_button, self.snooze_button, self.start_button):
            button.setMinimumHeight(40)
            row.addWidget(button)
        layout.addLayout(row)
        self.start_button.clicked.connect(lambda: self.done(self.START))
        self.snooze_button.clicked.connect(lambda: self.done(self.SNOOZE))
        self.skip_button.clicked.connect(lambda: self.done(self.SKIP))

    def _buttons(self) -> tuple[QPushButton, ...]:
        return (self.skip_button, self.snooze_button, self.start_button)

    def minimumSizeHint(self) -> QSize:
        # As narrow as its widest button: the row stacks when it has less room.
        hint = super().minimumSizeHint()
        widest = max(b.sizeHint().width() for b in self._buttons())
        return QSize(min(hint.width(), widest + 56), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        needed = sum(b.sizeHint().width() for b in self._buttons()) + 2 * 12 + 56
        direction = (
            QBoxLayout.Direction.LeftToRight
            if needed <= self.width()
            else QBoxLayout.Direction.TopToBottom
        )
        if self.button_row.direction() != direction:
            self.button_row.setDirection(direction)
            self.updateGeometry()
        super().resizeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_S:
            self.done(self.SNOOZE)
            return
        super().keyPressEvent(event)  # Enter starts, Esc skips
