"""The routine library: a card per routine, and a routine's stretches in detail."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QDesktopServices, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from stretchapp.core.i18n import _, format_duration, ngettext
from stretchapp.core.routines import (
    Entry,
    FileReport,
    Library,
    Routine,
    Sides,
    Source,
    Timing,
)
from stretchapp.core.schema import is_safe_link
from stretchapp.ui import early_widgets
from stretchapp.ui.illustration import GLOW_MEANS, Illustration, marks_a_part, pose_of

if TYPE_CHECKING:
    from PySide6.QtGui import QShortcut
    from PySide6.QtWidgets import QAbstractScrollArea


def plain_label(text: str, name: str = "", *, wrap: bool = True) -> QLabel:
    """A label that shows text exactly as written: text from files is never rich text."""
    label = QLabel()
    early_widgets.plain_text(label)
    label.setText(text)
    label.setWordWrap(wrap)
    if name:
        label.setObjectName(name)
    return label


def _escape(text: str) -> str:
    """`html.escape(text, quote=False)`, without importing html (its entity table costs the
    start a millisecond)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plain_tip(text: str) -> str:
    """A tooltip that shows `text` exactly as written. Qt shows a tooltip that looks like
    markup as rich text, so text holding < or & is escaped (and wrapped to read as rich text
    that is all literal)."""
    if "<" not in text and "&" not in text:
        return text
    escaped = _escape(text).replace("\n", "<br>")
    return f'<p style="white-space:pre-wrap">{escaped}</p>'


# Every page's frame (Routines, History, Settings): the space around its column, so that page
# titles sit in one place and the columns share their edges; as the History page lays itself
# out (left, top, right, bottom).
PAGE_MARGINS = (24, 20, 24, 16)


def page_column(
    outer: QVBoxLayout, spacing: int = 16, top: int | None = None, name: str = ""
) -> QVBoxLayout:
    """A page's scrolling column in the shared frame (PAGE_MARGINS); `top` replaces the top
    margin where a header above the column already keeps it; `name` as for scroll_column."""
    left, first, right, _bottom = PAGE_MARGINS
    return scroll_column(outer, (left, first if top is None else top, right, 32), spacing, name)


def page_step(area: QAbstractScrollArea, down: bool) -> None:
    """Scroll `area` a page down or up, as its own Page Down and Page Up do (for the keys
    pressed where it does not see them: a Settings tab, a closed list box)."""
    from PySide6.QtWidgets import QAbstractSlider  # (when a key is pressed: see early_widgets)

    action = QAbstractSlider.SliderAction
    area.verticalScrollBar().triggerAction(
        action.SliderPageStepAdd if down else action.SliderPageStepSub
    )


class KeyScrollArea(QScrollArea):
    """A scroll area that Home and End also scroll, to the top and to the bottom, when it has
    the keyboard focus (Qt's own takes the arrows and the page keys only)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        from PySide6.QtCore import Qt  # (when a key is pressed: see early_widgets)

        bar = self.verticalScrollBar()
        if event.key() == Qt.Key.Key_Home and not event.modifiers():
            bar.setValue(bar.minimum())
        elif event.key() == Qt.Key.Key_End and not event.modifiers():
            bar.setValue(bar.maximum())
        else:
            super().keyPressEvent(event)


def scroll_column(
    outer: QVBoxLayout, margins: tuple[int, int, int, int], spacing: int, name: str = ""
) -> QVBoxLayout:
    """A vertically scrolling column added to `outer`; returns the column's layout. Pages
    and in-window dialogs that can outgrow a small window are built in one of these; `name`
    is what a screen reader calls it (it is a Tab stop, for scrolling with the keys)."""
    scroll = KeyScrollArea()
    scroll.setAccessibleName(name)
    scroll.setWidgetResizable(True)
    early_widgets.no_horizontal_scroll_bar(scroll)
    outer.addWidget(scroll, 1)
    body = QWidget()
    scroll.setWidget(body)
    layout = QVBoxLayout(body)
    # The scroll area's 2 px focus-ring border (ui/theme.py) is part of the margin.
    layout.setContentsMargins(*(max(0, m - 2) for m in margins))
    layout.setSpacing(spacing)
    return layout


def bullets(lines: Sequence[str], name: str) -> tuple[QWidget, list[QLabel]]:
    """A bulleted list whose wrapped lines hang under their first word."""
    from PySide6.QtCore import Qt  # (see early_widgets)

    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(8, 0, 0, 0)
    layout.setSpacing(6)
    labels = []
    for line in lines:
        row = QHBoxLayout()
        row.setSpacing(10)
        bullet = plain_label("•", name, wrap=False)
        bullet.setAccessibleName("")
        row.addWidget(bullet, 0, Qt.AlignmentFlag.AlignTop)
        label = plain_label(line, name)
        row.addWidget(label, 1)
        layout.addLayout(row)
        labels.append(label)
    return box, labels


def _open_video(url: str, button: QWidget) -> None:
    """Open a stretch's video search; say so beside `button` if nothing could open it.
    (ui/links.py, with its Qt classes, loads with the first click: not before the library
    paints.)"""
    from stretchapp.ui.links import unless_opened

    unless_opened(open_link(url), button, url)


def open_local(path: Path) -> bool:
    """Open a file or folder of the person's in the desktop's own app; False when none can."""
    from PySide6.QtCore import QUrl  # (not made before the window shows)

    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def open_link(url: str) -> bool:
    """Open http(s), mailto and tel links in the system's handler; refuse anything else."""
    if not is_safe_link(url):
        return False
    from PySide6.QtCore import QUrl  # (not made before the window shows)

    return QDesktopServices.openUrl(QUrl(url))


def routine_meta(routine: Routine, timing: Timing) -> str:
    count = len(routine.entries)
    return ngettext("{duration} · {count} stretch", "{duration} · {count} stretches", count).format(
        duration=format_duration(timing.total_seconds(routine)), count=count
    )


class RoutineCard(QFrame):
    """One routine in the library; click or Enter opens it, its Start button starts it."""

    activated = Signal(str)
    start_requested = Signal(str)

    def __init__(
        self, routine: Routine, dark: bool, parent: QWidget | None = None, *, timing: Timing
    ) -> None:
        super().__init__(parent)
        self.routine = routine
        self.setObjectName("card")
        self.setProperty("clickable", True)  # the one kind of card that lights up on hover
        early_widgets.strong_focus(self)
        early_widgets.pointing_hand(self)
        self.setAccessibleName(f"{routine.name}, {routine_meta(routine, timing)}")
        self.setAccessibleDescription(routine.description)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(8)
        self.thumbnail = Illustration(dark=dark)
        self.thumbnail.set_backdrop("surface")
        self.thumbnail.setFixedHeight(150)
        if routine.entries:
            first = routine.entries[0].stretch
            self.thumbnail.set_stretch(first)
            self.thumbnail.setAccessibleName(_("{name}, the first stretch").format(name=first.name))
        layout.addWidget(self.thumbnail)
        title_row = QHBoxLayout()
        title_row.addWidget(plain_label(routine.name, "cardTitle"), 1)
        if routine.source.value == "user":
            badge = plain_label(_("Yours"), "badge", wrap=False)
            badge.setToolTip(
                plain_tip(_("Your own routine, from {file}").format(file=routine.file))
            )
            top = QVBoxLayout()  # the badge at the top of the row (no `Qt` alignment named)
            top.addWidget(badge)
            top.addStretch(1)
            title_row.addLayout(top)
        layout.addLayout(title_row)
        layout.addWidget(plain_label(routine_meta(routine, timing), "meta"))
        description = plain_label(routine.description, "secondary")
        early_widgets.align_top_left(description)
        layout.addWidget(description)
        layout.addStretch(1)  # a taller neighbour in the row leaves room here, above Start
        self.start_button = start_button(routine, compact=True)
        self.start_button.clicked.connect(lambda: self.start_requested.emit(routine.id))
        end = QHBoxLayout()  # Start at the right (no `Qt` alignment named)
        end.addStretch(1)
        end.addWidget(self.start_button)
        layout.addLayout(end)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        from PySide6.QtCore import Qt  # (see early_widgets)

        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.activated.emit(self.routine.id)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        from PySide6.QtCore import Qt

        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit(self.routine.id)
            return
        super().keyPressEvent(event)


def start_button(routine: Routine, *, compact: bool = False) -> QPushButton:
    button = QPushButton(_("▶  Start") if compact else _("▶  Start routine"))
    button.setObjectName("primary")
    early_widgets.pointing_hand(button)
    button.setToolTip(plain_tip(_("Start “{name}” now").format(name=routine.name)))
    button.setAccessibleName(_("Start {name}").format(name=routine.name))
    return button


class NoticeCard(QFrame):
    """Files that could not be loaded: each named with how many problems it has, in words a
    person can act on, with the folder they are in one click away; every problem (file, line,
    field, what was wrong, what is valid) a click further, for whoever mends the file."""

    def __init__(self, failed: list[FileReport], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        count = len(failed)
        title = ngettext(
            "{count} routine file could not be loaded completely. Everything else is ready to use.",
            "{count} routine files could not be loaded completely. "
            "Everything else is ready to use.",
            count,
        ).format(count=count)
        layout.addWidget(plain_label(title, "noticeTitle"))
        self.summary = plain_label(
            "\n".join(
                ngettext("{name}: {count} problem", "{name}: {count} problems", n).format(
                    name=report.path.name, count=n
                )
                for report in failed
                for n in [len(report.problems)]
            )
        )
        layout.addWidget(self.summary)
        lines = [str(p) for report in failed for p in report.problems]
        shown = lines[:12]
        if len(lines) > len(shown):
            more = len(lines) - len(shown)
            shown.append(
                ngettext(
                    "… and {count} more (run `stretchapp routines`)",
                    "… and {count} more (run `stretchapp routines`)",
                    more,
                ).format(count=more)
            )
        self.details = plain_label("\n".join(shown), "secondary")
        early_widgets.selectable(self.details)
        self.details.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self.details_button = QPushButton(_("Show details"))
        self.details_button.setObjectName("link")
        self.details_button.clicked.connect(self._toggle_details)
        row.addWidget(self.details_button)
        folders = [r.path.parent for r in failed if r.source is Source.USER]
        self.folder = folders[0] if folders else None
        self.folder_button = QPushButton(_("Show in folder"))
        self.folder_button.setObjectName("link")
        if self.folder is not None:
            self.folder_button.setToolTip(
                plain_tip(_("Open the folder {folder}").format(folder=self.folder))
            )
        self.folder_button.clicked.connect(self._open_folder)
        self.folder_button.setVisible(self.folder is not None)
        row.addWidget(self.folder_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.problem = plain_label("", "warning")
        self.problem.hide()
        layout.addWidget(self.problem)
        layout.addWidget(self.details)

    def _toggle_details(self) -> None:
        shown = not self.details.isVisible()
        self.details.setVisible(shown)
        self.details_button.setText(_("Hide details") if shown else _("Show details"))

    def _open_folder(self) -> None:
        if self.folder is not None and open_local(self.folder):
            self.problem.hide()
            return
        self.problem.setText(
            _(
                "This computer could not open the folder: it may have no app set for it. "
                "Copy the path and open it from your file manager."
            )
            + f"\n{self.folder}"
        )
        early_widgets.selectable(self.problem)
        self.problem.show()


class TitleRow(QWidget):
    """A page's title with its buttons beside it, or under it when the two do not fit side by
    side (a longer language, a narrow window): never cut off, never wider than the page."""

    def __init__(self, title: QLabel, buttons: list[QWidget]) -> None:
        super().__init__()
        self.title = title
        self.row = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(8)
        self.row.addWidget(title, 1)
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(8)
        for button in buttons:
            self.buttons.addWidget(button)  # (centred in the row: a button's height is fixed)
        self.row.addLayout(self.buttons)

    def _side_by_side_width(self) -> int:
        return self.title.sizeHint().width() + self.row.spacing() + self.buttons.sizeHint().width()

    def minimumSizeHint(self) -> QSize:
        # The narrowest is one above the other, whatever the row shows now.
        width = max(self.title.minimumSizeHint().width(), self.buttons.minimumSize().width())
        return QSize(width, super().minimumSizeHint().height())

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        direction = (
            QBoxLayout.Direction.LeftToRight
            if self._side_by_side_width() <= event.size().width()
            else QBoxLayout.Direction.TopToBottom
        )
        if self.row.direction() != direction:
            from PySide6.QtCore import Qt  # (see early_widgets)

            self.row.setDirection(direction)
            self.row.setAlignment(
                self.buttons,
                Qt.AlignmentFlag.AlignLeading
                if direction == QBoxLayout.Direction.TopToBottom
                else Qt.AlignmentFlag(0),
            )
            self.updateGeometry()


class LibraryPage(QWidget):
    """The first thing a person sees: every routine as a card."""

    routine_opened = Signal(str)
    start_requested = Signal(str)
    new_requested = Signal()
    import_requested = Signal()

    def __init__(
        self,
        library: Library,
        dark: bool,
        user_dir: str,  # kept for callers; the page no longer shows the folder
        parent: QWidget | None = None,
        *,
        timing: Timing,
        shortcuts_now: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.library = library
        self.shortcuts: list[QShortcut] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        layout = page_column(outer, name=_("Routines"))
        self.import_button = QPushButton(_("Import…"))
        early_widgets.pointing_hand(self.import_button)
        # The keys join the tooltips when they are bound (`install_shortcuts`).
        self.import_button.setToolTip(
            _(
                "Take in a routine someone shared with you (a .stretchapp file); "
                "you can also drop the file on the window"
            )
        )
        self.import_button.setAccessibleName(_("Import a routine"))
        self.import_button.clicked.connect(self.import_requested)
        self.new_button = QPushButton(_("+  New routine"))
        self.new_button.setObjectName("primary")
        early_widgets.pointing_hand(self.new_button)
        self.new_button.setToolTip(_("Make a routine of your own, from any stretches"))
        self.new_button.setAccessibleName(_("New routine"))
        self.new_button.clicked.connect(self.new_requested)
        self.header = TitleRow(
            plain_label(_("Routines"), "h1", wrap=False), [self.import_button, self.new_button]
        )
        layout.addWidget(self.header)
        if shortcuts_now:  # (the window's first page: once the window has painted)
            self.install_shortcuts()
        layout.addWidget(
            plain_label(
                _(
                    "Pick a routine to see its stretches. "
                    "A few gentle minutes each day is a good habit."
                ),
                "secondary",
            )
        )
        self.notice: NoticeCard | None = None
        self.notices: list[QFrame] = []
        if library.failed:
            self.notice = NoticeCard(library.failed)
            layout.addWidget(self.notice)
        self._layout = layout
        self.cards: list[RoutineCard] = []
        self.grid = QGridLayout()
        self.grid.setSpacing(16)
        layout.addLayout(self.grid)
        for routine in library.routines:
            card = RoutineCard(routine, dark, timing=timing)
            card.activated.connect(self.routine_opened)
            card.start_requested.connect(self.start_requested)
            self.cards.append(card)
        if not self.cards:
            layout.addWidget(
                plain_label(
                    _(
                        "No routines were found. Make one with “New routine”, or import one "
                        "someone shared with you."
                    ),
                    "secondary",
                )
            )
        layout.addStretch(1)
        layout.addWidget(
            plain_label(
                _("Routines you make or import are kept with your settings and listed here."),
                "meta",
            )
        )
        self._columns = 0
        self._relayout(1)

    def install_shortcuts(self) -> list[QShortcut]:
        """Ctrl+N and Ctrl+O (core/keys.py), once."""
        if self.shortcuts:
            return []
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QShortcut

        from stretchapp.core.keys import LIBRARY, shortcuts
        from stretchapp.ui.shortcuts import key_sequences

        keys = shortcuts(LIBRARY)  # the app's one table of shortcuts (core/keys.py)
        for name, button in (("new", self.new_button), ("import", self.import_button)):
            # Window-wide, yet only while the library is on screen (Qt skips the shortcuts
            # of hidden widgets), so the navigation list having focus does not matter.
            for sequence in key_sequences(keys[name]):
                shortcut = QShortcut(sequence, self)
                shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
                shortcut.activated.connect(button.click)
                self.shortcuts.append(shortcut)
            button.setToolTip(
                _("{action} ({keys})").format(action=button.toolTip(), keys=keys[name].keys_text)
            )
        return self.shortcuts

    def add_notice(
        self,
        text: str,
        action: str = "",
        on_action: Callable[[], object] | None = None,
        *,
        problem: bool = False,
    ) -> QFrame:
        """A message from elsewhere (history moved aside, a routine deleted, …), shown above
        the cards, with an optional action button (Undo) that also closes it."""
        card = QFrame()
        card.setObjectName("notice")
        card.setProperty("kind", "problem" if problem else "info")  # one look each (theme.py)
        box = QHBoxLayout(card)
        box.setContentsMargins(16, 12, 16, 12)
        label = plain_label(text, "secondary")
        early_widgets.selectable(label)
        box.addWidget(label, 1)
        if action and on_action is not None:
            button = QPushButton(action)
            early_widgets.pointing_hand(button)
            button.setAccessibleName(action)
            # Ctrl+Z presses it (ui/shortcuts.py); callers may pass the word translated or not.
            button.setProperty("undo", action in ("Undo", _("Undo")))

            def act() -> None:
                card.hide()
                on_action()

            button.clicked.connect(act)
            box.addWidget(button)  # (centred in the row: a button's height is fixed)
            card.setProperty("action", button)
        self._layout.insertWidget(2, card)
        self.notices.append(card)
        return card

    def resizeEvent(self, event: object) -> None:
        columns = max(1, min(4, (self.width() - 48) // 266))  # cards of 250 px or more
        self._relayout(columns)
        super().resizeEvent(event)  # type: ignore[arg-type]

    def _relayout(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for card in self.cards:
            self.grid.removeWidget(card)
        for i, card in enumerate(self.cards):
            self.grid.addWidget(card, i // columns, i % columns)
        for c in range(4):
            self.grid.setColumnStretch(c, 1 if c < columns else 0)


def _bold(label: QLabel) -> QLabel:
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class BeforeYouStart(QFrame):
    """Above a routine's stretches: the rule for every stretch and, where some of them bend,
    arch or twist the spine, who should ask first (each precaution's full text, once)."""

    def __init__(self, routine: Routine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setAccessibleName(_("Before you start"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)
        self.labels: list[QLabel] = []
        from stretchapp.core import health  # the routine's page, not the library's

        try:
            content = health.content()
        except health.HealthFileError:
            self.hide()
            return
        ids = {i for e in routine.entries for i in e.stretch.avoid_if}
        self.labels.append(_bold(plain_label(content.stop_rule, "rule")))
        applying = [p for p in content.precautions if p.id in ids]
        if applying:
            self.labels.append(
                plain_label(
                    _(
                        "{title}: some of these stretches bend, arch or twist the spine, "
                        "or press on it."
                    ).format(title=content.precautions_title),
                    "secondary",
                )
            )
        for label in self.labels:
            layout.addWidget(label)
        if applying:
            box, items = bullets([p.text for p in applying], "secondary")
            layout.addWidget(box)
            self.labels += items

    def text(self) -> str:
        return "\n".join(label.text() for label in self.labels)


def precautions_label(ids: tuple[str, ...]) -> QLabel | None:
    """A stretch's precautions by name in one line (their full texts are at the top of the
    page and in the tooltip)."""
    from stretchapp.core import health  # the routine's page, not the library's

    try:
        summary = health.precaution_summary(ids)
        texts = health.precaution_texts(ids)
    except health.HealthFileError:
        return None
    if not summary:
        return None
    label = plain_label(summary, "precautions")
    label.setToolTip("\n".join(texts))
    label.setAccessibleDescription(" ".join(texts))
    return label


def glow_key(routine: Routine) -> QWidget | None:
    """What the colour on the figures means (GLOW_MEANS), once above a routine's stretches;
    None when no figure of it marks a part."""
    if not any(marks_a_part(e.stretch) for e in routine.entries):
        return None
    row = QWidget()
    line = QHBoxLayout(row)
    line.setContentsMargins(0, 0, 0, 0)
    line.setSpacing(8)
    swatch = QLabel()
    swatch.setObjectName("glowSwatch")
    swatch.setFixedSize(QSize(14, 14))
    line.addWidget(swatch)
    text = plain_label(_(GLOW_MEANS), "secondary")
    line.addWidget(text, 1)
    row.setAccessibleName(text.text())
    return row


class StretchRow(QFrame):
    """One stretch of a routine: picture, name, dose, steps, caution and a video link."""

    def __init__(
        self, number: int, entry: Entry, dark: bool, parent: QWidget | None = None
    ) -> None:
        from PySide6.QtCore import Qt  # (see early_widgets)

        super().__init__(parent)
        self.setObjectName("card")
        stretch = entry.stretch
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.setSpacing(20)
        pictures = QVBoxLayout()
        self.illustrations: list[Illustration] = []
        pose = pose_of(stretch)
        # A posed stretch shows its key poses (where it starts, where it goes), else its frames.
        count = min(3, len(pose.keys)) if pose is not None else min(4, len(stretch.frames))
        for i in range(count):
            picture = Illustration(dark=dark)
            picture.set_backdrop("surface")
            if pose is not None:
                picture.set_stretch(stretch, i)
            else:
                picture.set_frames((stretch.frames[i],))
            picture.setFixedSize(QSize(200, 150))
            picture.setAccessibleName(_("{name}, illustration").format(name=stretch.name))
            pictures.addWidget(picture)
            self.illustrations.append(picture)
        pictures.addStretch(1)
        layout.addLayout(pictures)
        text = QVBoxLayout()
        text.setSpacing(6)
        text.addWidget(plain_label(f"{number}. {stretch.name}", "cardTitle"))
        sides = (
            _("Both sides, left then right") if entry.sides is Sides.BOTH else _("No side switch")
        )
        text.addWidget(plain_label(f"{entry.dose()} · {sides}", "meta"))
        self.transition: QLabel | None = None
        if entry.transition:
            self.transition = plain_label(
                _("Getting there: {text}").format(text=entry.transition), "secondary"
            )
            text.addWidget(self.transition)
        steps = "\n".join(f"{i}. {step}" for i, step in enumerate(stretch.steps, 1))
        text.addWidget(plain_label(steps))
        if stretch.breathing:
            text.addWidget(
                plain_label(_("Breathing: {text}").format(text=stretch.breathing), "secondary")
            )
        if stretch.caution:
            text.addWidget(
                plain_label(_("Take care: {text}").format(text=stretch.caution), "caution")
            )
        self.precautions = precautions_label(stretch.avoid_if)
        if self.precautions is not None:
            text.addWidget(self.precautions)
        video = QPushButton(_("Watch a video ↗"))
        video.setObjectName("link")
        video.setCursor(Qt.CursorShape.PointingHandCursor)
        video.setToolTip(
            plain_tip(
                _("Search a video site for “{name}” in your browser").format(name=stretch.name)
            )
        )
        video.setAccessibleName(_("Watch a video of {name}").format(name=stretch.name))
        url = stretch.video_url
        video.clicked.connect(lambda: _open_video(url, video))
        self.video_url = url
        text.addWidget(video, 0, Qt.AlignmentFlag.AlignLeft)
        text.addStretch(1)
        layout.addLayout(text, 1)


class RoutineDetailPage(QWidget):
    """A routine's stretches in order, as a person reads before starting."""

    back_requested = Signal()
    start_requested = Signal(str)
    edit_requested = Signal(str)
    duplicate_requested = Signal(str)
    delete_requested = Signal(str)
    export_requested = Signal(str)

    def __init__(
        self,
        routine: Routine,
        dark: bool,
        parent: QWidget | None = None,
        *,
        editable: bool = False,
        timing: Timing,
    ) -> None:
        from PySide6.QtCore import Qt  # (see early_widgets)

        super().__init__(parent)
        self.setObjectName("page")
        self.routine = routine
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        layout = page_column(outer, top=12, name=routine.name)
        self.back_button = QPushButton(_("← Routines"))
        self.back_button.setObjectName("link")
        self.back_button.setToolTip(_("Back to the routine library (Esc)"))
        self.back_button.setAccessibleName(_("Back to routines"))
        self.back_button.clicked.connect(self.back_requested)
        layout.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(plain_label(routine.name, "h1"))
        meta = routine_meta(routine, timing)
        if routine.source.value == "user":
            meta = _("{summary} · your routine ({file})").format(
                summary=meta, file=routine.file.name if routine.file else ""
            )
        titles.addWidget(plain_label(meta, "meta"))
        header.addLayout(titles, 1)
        self.start_button = start_button(routine)
        self.start_button.clicked.connect(lambda: self.start_requested.emit(routine.id))
        header.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(header)
        if routine.description:
            layout.addWidget(plain_label(routine.description, "secondary"))
        self.before = BeforeYouStart(routine)
        layout.addWidget(self.before)
        actions = QHBoxLayout()
        actions.setSpacing(8)
        self.action_buttons: dict[str, QPushButton] = {}
        mine = routine.source.value == "user"
        name = routine.name
        wanted = (
            [
                (
                    "edit",
                    _("Edit"),
                    _("Change, rename or reorder this routine"),
                    _("Edit {name}").format(name=name),
                )
            ]
            if editable
            else []
        )
        wanted.append(
            (
                "duplicate",
                _("Duplicate and edit") if not mine else _("Duplicate"),
                _("Make your own copy to change; the bundled routine stays as it is")
                if not mine
                else _("Make your own copy to change"),
                _("Duplicate and edit {name}").format(name=name)
                if not mine
                else _("Duplicate {name}").format(name=name),
            )
        )
        wanted.append(
            (
                "export",
                _("Share…"),
                _("Save it as one file to send to someone"),
                _("Share {name}").format(name=name),
            )
        )
        if mine:
            wanted.append(
                (
                    "delete",
                    _("Delete"),
                    _("Delete this routine (you can undo)"),
                    _("Delete {name}").format(name=name),
                )
            )
        signals = {
            "edit": self.edit_requested,
            "duplicate": self.duplicate_requested,
            "export": self.export_requested,
            "delete": self.delete_requested,
        }
        for key, label, tip, accessible in wanted:
            button = QPushButton(label)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setToolTip(tip)
            button.setAccessibleName(accessible)
            button.clicked.connect(lambda _=False, sig=signals[key]: sig.emit(routine.id))
            actions.addWidget(button)
            self.action_buttons[key] = button
        actions.addStretch(1)
        layout.addLayout(actions)
        self.glow_key = glow_key(routine)  # (just above the pictures it is about)
        if self.glow_key is not None:
            layout.addWidget(self.glow_key)
        self.rows = [StretchRow(i, entry, dark) for i, entry in enumerate(routine.entries, 1)]
        for row in self.rows:
            layout.addWidget(row)
        layout.addStretch(1)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        from PySide6.QtCore import Qt

        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Backspace):
            self.back_requested.emit()
            return
        super().keyPressEvent(event)
