"""Your clinic: its contact details, the ways to reach it, and the form for your own."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from stretchapp.core.i18n import _
from stretchapp.core.paths import Paths
from stretchapp.core.settings import (
    CLINIC_FIELDS,
    ClinicDetails,
    bundled_clinic,
    check_clinic,
    clear_user_clinic,
    load_clinic,
    save_user_clinic,
    with_scheme,
)
from stretchapp.ui.dialogs import Question, show_compact
from stretchapp.ui.library import (
    PAGE_MARGINS,
    open_link,
    plain_label,
    plain_tip,
    scroll_column,
)
from stretchapp.ui.links import copy_button, unless_opened
from stretchapp.ui.overlay import show_in_window
from stretchapp.ui.widgets import (
    Notice,
    link_button,
    make_card,
    scroll_page,
)

CONTACT_VALUE_MIN = 320  # a phone number, address or link keeps this width beside its title


WORDED_EXAMPLES = frozenset({"name", "hours"})


class ClinicDialog(QDialog):
    """A form for the user's own clinic, from CLINIC_FIELDS; saves to their clinic.yaml."""

    def __init__(
        self, paths: Paths, details: ClinicDetails | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        self.saved: ClinicDetails | None = None
        self.setWindowTitle(_("Your clinic"))
        self.setObjectName("page")
        self.setMinimumWidth(520)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 16)
        outer.setSpacing(8)
        # The form scrolls in a small window; the buttons stay in view below it.
        layout = scroll_column(outer, (24, 20, 24, 8), 12, _("Your own clinic"))
        layout.addWidget(plain_label(_("Your own clinic"), "h2"))
        layout.addWidget(
            plain_label(
                _(
                    "Enter the details you want at hand. Leave out anything you don't need; "
                    "a phone number, email, address, website or booking link is enough."
                ),
                "secondary",
            )
        )
        self.notice = Notice("")
        self.notice.hide()
        layout.addWidget(self.notice)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setVerticalSpacing(10)
        self.inputs: dict[str, QLineEdit | QPlainTextEdit] = {}
        self.field_problems: dict[str, QLabel] = {}  # what is wrong, under the field
        for f in CLINIC_FIELDS:
            if f.extras.get("hidden"):
                continue
            value = getattr(details, f.name, "") if details is not None else ""
            # A clinic's name and hours are words (marked in the declaration); numbers,
            # addresses and links are the same in every language.
            example = _(f.example) if f.example and f.name in WORDED_EXAMPLES else f.example
            widget: QLineEdit | QPlainTextEdit
            if f.extras.get("multiline"):
                widget = QPlainTextEdit()
                widget.setTabChangesFocus(True)
                lines = 3 if f.name != "hours" else 4
                widget.setFixedHeight(widget.fontMetrics().lineSpacing() * lines + 20)
                text = "\n".join(value) if isinstance(value, tuple) else str(value or "")
                widget.setPlainText(text)
                if f.example:
                    widget.setPlaceholderText(_("e.g. {example}").format(example=example))
                elif f.name == "hours":
                    widget.setPlaceholderText(_("One line each"))
            else:
                widget = QLineEdit(str(value or ""))
                widget.setMaxLength(f.max_length)
                widget.setMinimumHeight(widget.sizeHint().height())
                if f.example:
                    widget.setPlaceholderText(_("e.g. {example}").format(example=example))
            label = _(f.label) if f.label else f.name
            widget.setAccessibleName(label)
            widget.setToolTip(_(f.doc))
            self.inputs[f.name] = widget
            cell = QWidget()
            cell_layout = QVBoxLayout(cell)
            cell_layout.setContentsMargins(0, 0, 0, 0)
            cell_layout.setSpacing(2)
            cell_layout.addWidget(widget)
            problem = plain_label("", "warning")
            problem.hide()
            cell_layout.addWidget(problem)
            self.field_problems[f.name] = problem
            form.addRow(plain_label(label, wrap=False), cell)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(24, 0, 24, 0)
        buttons.addStretch(1)
        cancel = QPushButton(_("Cancel"))
        cancel.setAccessibleName(_("Cancel"))
        cancel.clicked.connect(self.reject)
        self.save_button = QPushButton(_("Save"))
        self.save_button.setObjectName("primary")
        self.save_button.setAccessibleName(_("Save my clinic"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        outer.addLayout(buttons)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, widget in self.inputs.items():
            text = widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()
            if name == "hours":
                out[name] = [line.strip() for line in text.splitlines() if line.strip()]
            elif name in ("website", "booking_url"):
                out[name] = with_scheme(text)  # "example.org" is https://example.org
            else:
                out[name] = text.strip()
        return out

    def _mark_fields(self, problems: dict[str, str]) -> None:
        """Each field with a problem: a coloured edge and the problem under it (also read out
        by screen readers); the first one gets the focus."""
        first: QWidget | None = None
        for name, widget in self.inputs.items():
            text = problems.get(name, "")
            label = self.field_problems[name]
            label.setText(text)
            label.setVisible(bool(text))
            widget.setProperty("problem", bool(text))
            widget.setAccessibleDescription(text)
            widget.style().unpolish(widget)
            widget.style().polish(widget)
            if text and first is None:
                first = widget
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def save(self) -> bool:
        """Check the form with the clinic declaration; save and close when it is good."""
        details, problems = check_clinic(self.values(), _("Your clinic"))
        labels = {f.name: _(f.label) for f in CLINIC_FIELDS if f.label}
        lines = []
        at_field: dict[str, str] = {}
        for p in problems:
            key = p.field.split("[")[0]
            what = f"{labels.get(key, p.field)}: {p.message}"
            lines.append(f"{what} ({p.valid})" if p.valid else what)
            if key in self.inputs and key not in at_field:
                at_field[key] = f"{p.message} ({p.valid})" if p.valid else p.message
        self._mark_fields(at_field)
        if not lines and details.is_empty():
            lines.append(_("Add at least a phone number, email, address, website or booking link."))
        if not lines:
            ok, message = save_user_clinic(self.paths, details)
            if ok:
                self.saved = details
                self.accept()
                return True
            lines.append(message)
        self.notice.title.setText(_("Please check these details:"))
        self.notice.details.setText("\n".join(lines))
        self.notice.details.show()
        self.notice.show()
        return False


class ClinicSection(QWidget):
    """The clinic card, or how to add one; and the way to use one's own clinic."""

    clinic_changed = Signal()

    def __init__(self, paths: Paths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        self.details: ClinicDetails | None = None
        self.messages: list[str] = []
        self.action_buttons: dict[str, QPushButton] = {}
        self._buttons: QBoxLayout | None = None
        self._contact_lines: list[tuple[QBoxLayout, QLabel]] = []
        self.notice: Notice | None = None
        self.status = plain_label("", "meta")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self._scroll: QScrollArea | None = None
        self._outer = outer
        self.reload()

    def reload(self) -> None:
        self.details, self.messages = load_clinic(self.paths)
        self._build()

    def _build(self) -> None:
        if self._scroll is not None:
            self._outer.removeWidget(self._scroll)
            self._scroll.deleteLater()
        self.action_buttons = {}
        self._buttons = None
        self._contact_lines = []
        scroll, layout = scroll_page("clinic", title=_("Your clinic"))
        self._scroll = scroll
        self._outer.addWidget(scroll)
        self.notice = None
        if self.messages:
            self.notice = Notice(
                _("Some of the clinic's details could not be used:"), self.messages
            )
            layout.addWidget(self.notice)
        card, card_layout = make_card()
        card.setAccessibleName(_("Your clinic"))
        self.card = card
        if self.details is None:
            self._empty(card_layout)
        else:
            self._filled(card_layout, self.details)
        layout.addWidget(card)
        self.status = plain_label("", "meta")
        self.status.hide()
        layout.addWidget(self.status)
        layout.addStretch(1)

    def _empty(self, layout: QVBoxLayout) -> None:
        layout.addWidget(plain_label(_("No clinic details yet"), "cardTitle"))
        self.how_to = plain_label(
            _(
                "Keep your clinic's phone number, address and opening hours here, to have "
                "them at hand when your back needs more than stretching."
            )
            + "\n\n"
            + _(
                "If a clinic or therapist gave you StretchApp, they can set their details up "
                "for you."
            )
        )
        self.how_to.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.how_to)
        row = QHBoxLayout()
        own = QPushButton(_("Use my own clinic…"))
        own.setObjectName("primary")
        own.setAccessibleName(_("Use my own clinic"))
        own.clicked.connect(self.edit)
        self.action_buttons["own"] = own
        row.addWidget(own)
        row.addStretch(1)
        layout.addSpacing(8)
        layout.addLayout(row)

    def _filled(self, layout: QVBoxLayout, d: ClinicDetails) -> None:
        """The clinic's card: its name, the ways to reach it, booking, and where it is from."""
        layout.addWidget(plain_label(d.name or _("Your clinic"), "h2"))
        if d.note:
            layout.addWidget(plain_label(d.note, "secondary"))
        layout.addSpacing(4)
        layout.addLayout(self._contact_rows(d))
        self._booking(layout, d)
        self._source_and_buttons(layout, d)
        self._reflow()

    def _contact_rows(self, d: ClinicDetails) -> QVBoxLayout:
        rows = QVBoxLayout()
        rows.setSpacing(8)
        titles = [_("Phone"), _("Email"), _("Address"), _("Website"), _("Opening hours")]

        def add(label: str, widget: QWidget | QHBoxLayout, centre: bool = False) -> None:
            # The title beside its value, or above it when the card is narrow (_reflow).
            line = QBoxLayout(QBoxLayout.Direction.LeftToRight)
            line.setSpacing(16)
            title = plain_label(label, "meta", wrap=False)
            title.ensurePolished()  # the style sheet sets the font that is measured here
            # As wide as the longest label, so the values line up (in every language)
            title.setFixedWidth(max(title.fontMetrics().horizontalAdvance(t) for t in titles) + 12)
            align = Qt.AlignmentFlag.AlignVCenter if centre else Qt.AlignmentFlag.AlignTop
            line.addWidget(title, 0, align)
            if isinstance(widget, QHBoxLayout):
                line.addLayout(widget, 1)
            else:
                line.addWidget(widget, 0, align)
                line.addStretch(1)
            rows.addLayout(line)
            self._contact_lines.append((line, title))

        def with_copy(link: QPushButton, value: str, what: str, key: str) -> QHBoxLayout:
            line = QHBoxLayout()
            line.setSpacing(16)
            copy = copy_button(value, what)
            self.action_buttons[key] = copy
            line.addWidget(link, 0, Qt.AlignmentFlag.AlignVCenter)
            line.addWidget(copy, 0, Qt.AlignmentFlag.AlignVCenter)
            line.addStretch(1)
            return line

        if d.phone:
            call = link_button(
                d.phone,
                d.tel_url,
                _("Call {phone}").format(phone=d.phone),
                _("Call {phone}").format(phone=d.phone),
                copy=d.phone,
                what=_("phone number"),
            )
            self.action_buttons["call"] = call
            add(_("Phone"), with_copy(call, d.phone, _("phone number"), "copy"), centre=True)
        if d.email:
            mail = link_button(
                d.email,
                d.mailto_url,
                _("Email {address}").format(address=d.email),
                _("Write to {address}").format(address=d.email),
                copy=d.email,
                what=_("email address"),
            )
            self.action_buttons["email"] = mail
            add(_("Email"), with_copy(mail, d.email, _("email address"), "copy_email"), True)
        if d.address:
            place = link_button(
                d.address,
                d.map_url,
                _("Show {address} on a map").format(address=d.address),
                _("Search for it on a map"),
                copy=d.address,
                what=_("address"),
            )
            self.action_buttons["map"] = place
            add(_("Address"), with_copy(place, d.address, _("address"), "copy_address"), True)
        if d.website:
            site = link_button(
                d.website,
                d.website,
                _("Open the clinic's website"),
                copy=d.website,
                what=_("website address"),
            )
            self.action_buttons["website"] = site
            add(
                _("Website"),
                with_copy(site, d.website, _("website address"), "copy_website"),
                True,
            )
        if d.hours:
            add(_("Opening hours"), plain_label("\n".join(d.hours)))
        return rows

    def _booking(self, layout: QVBoxLayout, d: ClinicDetails) -> None:
        target = d.booking_target or d.mailto_url
        if target:
            # The offer is the clinic's own (its file's `offer`), never one the app makes up.
            book = QPushButton(d.book_text)
            book.setObjectName("primary")
            book.setAccessibleName(d.book_text)
            how = (
                _("Opens {link}").format(link=d.booking_url)
                if d.booking_url
                else (
                    _("Calls {phone}").format(phone=d.phone)
                    if d.phone
                    else _("Writes to {address}").format(address=d.email)
                )
            )
            book.setToolTip(plain_tip(how))
            book.setProperty("url", target)
            copy, what = (
                (d.phone, _("phone number"))
                if target == d.tel_url
                else (d.email, _("email address"))
                if target == d.mailto_url
                else (target, _("link"))
            )
            book.clicked.connect(lambda: unless_opened(open_link(target), book, target, copy, what))
            self.action_buttons["book"] = book
            layout.addSpacing(8)
            layout.addWidget(book, 0, Qt.AlignmentFlag.AlignLeft)
            layout.addWidget(plain_label(how, "meta"))

    def _source_and_buttons(self, layout: QVBoxLayout, d: ClinicDetails) -> None:
        layout.addSpacing(8)
        if d.source == "user":
            source = _("Your own clinic, saved in {file}.").format(file=d.file)
        else:
            source = _("These details came with StretchApp.")
        source_label = plain_label(source, "meta")
        source_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(source_label)
        # Side by side, or one under the other when the card is narrow (_reflow).
        buttons = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._buttons = buttons
        mine = d.source == "user"
        own = QPushButton(_("Edit my clinic…") if mine else _("Use my own clinic…"))
        own.setAccessibleName(_("Edit my clinic") if mine else _("Use my own clinic"))
        own.clicked.connect(self.edit)
        self.action_buttons["own"] = own
        buttons.addWidget(own)
        if d.source == "user" or self.paths.user_clinic_file.exists():
            came = bundled_clinic(self.paths)
            words = (
                _("Remove my clinic…")
                if came is None
                else _("Go back to {clinic}").format(clinic=came.name)
                if came.name
                else _("Go back to the clinic that came with the app")
            )
            reset = QPushButton(words)
            reset.setAccessibleName(words.rstrip("…"))
            reset.clicked.connect(self.reset)
            self.action_buttons["reset"] = reset
            buttons.addWidget(reset)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._reflow()

    def _reflow(self) -> None:
        bar = self.style().pixelMetric(self.style().PixelMetric.PM_ScrollBarExtent)
        card = self.width() - PAGE_MARGINS[0] - PAGE_MARGINS[2] - bar - 40  # as Preferences
        for line, title in self._contact_lines:
            beside = card - title.width() - line.spacing() >= CONTACT_VALUE_MIN
            direction = line.Direction.LeftToRight if beside else line.Direction.TopToBottom
            if line.direction() != direction:
                line.setDirection(direction)
                line.setSpacing(16 if beside else 2)
        row = self._buttons
        if row is None:
            return
        shown = [w for w in self.action_buttons.values() if row.indexOf(w) >= 0]
        needs = sum(w.sizeHint().width() for w in shown) + row.spacing() * (len(shown) - 1)
        beside = needs <= card
        direction = row.Direction.LeftToRight if beside else row.Direction.TopToBottom
        if row.direction() != direction:
            row.setDirection(direction)
            for widget in shown:
                row.setAlignment(widget, Qt.AlignmentFlag.AlignLeft)

    def dialog(self) -> ClinicDialog:
        """The form, prefilled with the user's clinic (not the bundled one)."""
        current = self.details if self.details and self.details.source == "user" else None
        return ClinicDialog(self.paths, current, self)

    def edit(self) -> ClinicDialog:
        """The form, inside the window; the page shows the clinic again once it is saved."""
        dialog = self.dialog()

        def done(result: int) -> None:
            if result == QDialog.DialogCode.Accepted.value:
                self.reload()
                self.clinic_changed.emit()

        show_in_window(self.window(), dialog, done)
        return dialog

    def reset(self) -> Question:
        """Asks first (inside the window), then goes back to the bundled clinic."""
        came = bundled_clinic(self.paths)
        if came is None:
            then = _(
                "No clinic came with this copy of StretchApp, so the page will show no "
                "clinic until you enter one again."
            )
        elif came.name:
            then = _(
                "The page will show {clinic} instead: those details came with StretchApp."
            ).format(clinic=came.name)
        else:
            then = _("The page will show the clinic that came with StretchApp instead.")
        question = Question(
            _("Remove your clinic's details?"),
            then + " " + _("A copy of your details is kept, so nothing is lost."),
            [(_("Keep them"), ""), (_("Remove"), "primary")],
        )

        def answered(answer: int) -> None:
            if answer == 2:
                self._reset()

        show_compact(self.window(), question, answered)
        return question

    def _reset(self) -> None:
        ok, message = clear_user_clinic(self.paths)
        self.reload()
        if message:
            self.status.setText(message)
            self.status.show()
        if ok:
            self.clinic_changed.emit()
