"""The routine builder: make, edit, preview, share and take in routines.

`RoutineEditorPage` shows a `core.editing.RoutineDraft` and forwards what the person does to it;
`RoutineBuilder` runs the flows around it (new, edit, duplicate, delete with undo, export,
import with its preview) inside the main window. Every question is asked inside the window:
separate dialog windows come up blank on a desktop without a window manager.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from stretchapp.core.drawing import StretchPose
from stretchapp.core.editing import (
    ROUTINE_NAME,
    Deleted,
    EntryDraft,
    RoutineDraft,
    StretchDraft,
    can_edit,
    delete_routine,
)
from stretchapp.core.i18n import N_, _, active, format_duration, ngettext, pgettext
from stretchapp.core.keys import EDITOR, key_name, shortcuts
from stretchapp.core.present import dose_text
from stretchapp.core.routines import (
    ENTRY_FIELDS,
    IMAGE_SUFFIXES,
    ROUTINE_FIELDS,
    STRETCH_FIELDS,
    Sides,
    Stretch,
    Timing,
)
from stretchapp.core.schema import Field, field_named
from stretchapp.core.sharing import SHARE_SUFFIX, export_routine, read_shared, suggested_name
from stretchapp.ui.dialogs import PathDialog, Question, file_chooser, show_compact, show_saved
from stretchapp.ui.dialogs import button as _button
from stretchapp.ui.early_widgets import inset_spin_text
from stretchapp.ui.illustration import Illustration, pose_of
from stretchapp.ui.library import plain_label, plain_tip, scroll_column
from stretchapp.ui.notices import say_done, say_problem
from stretchapp.ui.overlay import show_in_window
from stretchapp.ui.posing import SLIDER_RANGE, SLIDERS, adjusted

if TYPE_CHECKING:
    from stretchapp.core.sharing import ImportPreview
    from stretchapp.ui.controller import AppController
    from stretchapp.ui.navigator import Navigator

# An entry list item's index in the draft's entries when the list was filled.
ENTRY_ROW = Qt.ItemDataRole.UserRole + 1
SIDES_CHOICES = (
    (N_("No side switch"), Sides.NONE),
    (N_("Both sides, left then right"), Sides.BOTH),
)
# Where a stretch is done: the file's word, and what the form shows for it.
POSITIONS = (
    ("floor", N_("On the floor")),
    ("chair", N_("On a chair")),
    ("standing", N_("Standing")),
    ("roller", N_("On a foam roller")),
)


def _image_filter() -> str:
    """The file chooser's filter for pictures, its description in the person's language."""
    return _("Pictures ({patterns})").format(patterns=" ".join(f"*{s}" for s in IMAGE_SUFFIXES))


def _seconds_suffix() -> str:
    return _(" s")


def _combo() -> QComboBox:
    """A choice that may be narrower than its longest item (which is elided, not clipped
    out of the window) in a small window or a longer language."""
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(12)
    return combo


def _form(parent: QWidget | None = None) -> QFormLayout:
    """A form whose labels move above their fields when the two do not fit side by side."""
    form = QFormLayout(parent)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
    return form


def _spin_for(
    fields: tuple[Field, ...], name: str, suffix: str | None = None, special: str = ""
) -> QSpinBox:
    """A spin box with the bounds the file format declares for `name`; with `special`, one
    below the least stands for "not set" (the routine's or the person's setting)."""
    declared = field_named(fields, name)
    assert declared.minimum is not None and declared.maximum is not None
    low = int(declared.minimum) - 1 if special else int(declared.minimum)
    return _spin(low, int(declared.maximum), suffix, special)


def _spin(low: int, high: int, suffix: str | None = None, special: str = "") -> QSpinBox:
    spin = QSpinBox()
    inset_spin_text(spin)
    spin.setRange(low, high)
    spin.setSuffix(_seconds_suffix() if suffix is None else suffix)
    if special:
        spin.setSpecialValueText(special)
    spin.setMinimumWidth(120)
    return spin


class ImportDialog(QDialog):
    """What a shared file holds and anything wrong with it; done(1) import or keep both,
    done(2) replace, done(0) cancel."""

    def __init__(
        self, preview: ImportPreview, parent: QWidget | None = None, *, timing: Timing
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Import a routine"))
        self.setObjectName("page")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(10)
        layout.addWidget(plain_label(_("Import a routine"), "h2"))
        layout.addWidget(plain_label(_("From {file}").format(file=preview.source), "meta"))
        body = QVBoxLayout()
        body.setSpacing(8)
        routine = preview.routine
        if routine is not None:
            count = len(routine.entries)
            body.addWidget(plain_label(routine.name, "cardTitle"))
            body.addWidget(
                plain_label(
                    ngettext(
                        "{duration} · {count} stretch", "{duration} · {count} stretches", count
                    ).format(duration=format_duration(timing.total_seconds(routine)), count=count),
                    "meta",
                )
            )
            if routine.description:
                body.addWidget(plain_label(routine.description, "secondary"))
            names = "\n".join(f"{i}. {e.stretch.name}" for i, e in enumerate(routine.entries, 1))
            body.addWidget(plain_label(names))
        if preview.stretches:
            own = ", ".join(s.name for s in preview.stretches)
            pictures = len(preview.images)
            body.addWidget(
                plain_label(
                    ngettext(
                        "Its own stretches: {names} ({count} picture)",
                        "Its own stretches: {names} ({count} pictures)",
                        pictures,
                    ).format(names=own, count=pictures),
                    "secondary",
                )
            )
        if preview.problems:
            body.addWidget(plain_label(_("This file cannot be imported:"), "noticeTitle"))
            shown = preview.problems[:10]
            self.problems = plain_label("\n".join(shown), "warning")
            self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            body.addWidget(self.problems)
        clash = preview.clash if preview.ok else None
        same = preview.same_as if clash is not None else None
        if same is not None:
            _new_id, new_name = preview.renamed()
            text = _(
                "You already have this routine, unchanged: “{name}”. Importing it again "
                "adds a copy, “{new_name}”."
            ).format(name=same.name, new_name=new_name)
            body.addWidget(plain_label(text))
        elif clash is not None:
            _new_id, new_name = preview.renamed()
            if clash.source.value == "user" and preview.can_replace:
                text = _(
                    "You already have “{name}” (yours). Keep both (the new one is called "
                    "“{new_name}”), or replace yours?"
                )
            elif clash.source.value == "user":
                text = _(
                    "You already have “{name}” (yours). The new one will be called “{new_name}”."
                )
            else:
                text = _(
                    "You already have “{name}” (bundled with StretchApp). The new one will be "
                    "called “{new_name}”."
                )
            text = text.format(name=clash.name, new_name=new_name)
            body.addWidget(plain_label(text))
        body.addStretch(1)
        scroll = QScrollArea()
        scroll.setAccessibleName(_("The shared routine"))
        scroll.setWidgetResizable(True)
        holder = QWidget()
        holder.setLayout(body)
        scroll.setWidget(holder)
        layout.addWidget(scroll, 1)
        layout.addLayout(self._buttons(preview, clash, same=same is not None))

    def _buttons(self, preview: ImportPreview, clash: object, *, same: bool) -> QHBoxLayout:
        """Close (nothing to import), or Cancel, Replace mine and Import or Keep both; for a
        routine the person already has unchanged, Cancel first and "Import a copy"."""
        row = QHBoxLayout()
        row.addStretch(1)
        # Nothing to import: the one way out is to close it ("Cancel" cancels nothing here).
        cancel = _button(_("Cancel") if preview.ok else _("Close"), "" if preview.ok else "primary")
        cancel.clicked.connect(self.reject)
        row.addWidget(cancel)
        self.close_button = cancel
        if not preview.ok:
            cancel.setDefault(True)
        self.replace_button: QPushButton | None = None
        self.import_button: QPushButton | None = None
        if preview.ok and same:
            cancel.setObjectName("primary")
            cancel.setDefault(True)
            self.import_button = _button(_("Import a copy"))
            self.import_button.clicked.connect(lambda: self.done(1))
            row.insertWidget(1, self.import_button)  # before Cancel, which is kept last
        elif preview.ok:
            if clash is not None and preview.can_replace:
                self.replace_button = _button(_("Replace mine"))
                self.replace_button.clicked.connect(lambda: self.done(2))
                row.addWidget(self.replace_button)
            label = _("Keep both") if clash is not None else _("Import")
            self.import_button = _button(label, "primary")
            self.import_button.setDefault(True)
            self.import_button.clicked.connect(lambda: self.done(1))
            row.addWidget(self.import_button)
        return row


# ---- the "New stretch" form ----------------------------------------------------------------


OWN_PICTURES = N_("No, my own pictures")


class StretchForm(QDialog):
    """A stretch of the person's own: name, steps, caution, dose, sides, and its picture:
    the app's figure started from a bundled pose and adjusted with a few joint sliders, or
    the person's own pictures."""

    def __init__(
        self,
        draft: StretchDraft | None = None,
        parent: QWidget | None = None,
        *,
        poses: Sequence[Stretch] = (),
    ) -> None:
        super().__init__(parent)
        self.draft = draft or StretchDraft()
        self._poses = [s for s in poses if pose_of(s) is not None]
        self._changes: dict[int, dict[str, int]] = {}
        editing = draft is not None
        self.setWindowTitle(_("Edit stretch") if editing else _("New stretch"))
        self.setObjectName("page")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 16)
        layout = scroll_column(outer, (28, 20, 28, 8), 10, self.windowTitle())
        layout.addWidget(plain_label(self.windowTitle(), "h2"))
        form = _form()
        form.setSpacing(10)
        self.name = QLineEdit(self.draft.name)
        self.name.setMaxLength(field_named(STRETCH_FIELDS, "name").max_length)
        self.name.setPlaceholderText(_("e.g. Doorway chest stretch"))
        self.name.setAccessibleName(_("Stretch name"))
        form.addRow(_("Name"), self.name)
        self.steps = QPlainTextEdit("\n".join(self.draft.steps))
        self.steps.setPlaceholderText(
            _(
                "3 to 6 short steps, one per line, e.g.\nStand in a doorway.\n"
                "Step forward gently.\nHold, breathing slowly."
            )
        )
        self.steps.setAccessibleName(_("Steps, one per line"))
        self.steps.setTabChangesFocus(True)
        self.steps.setFixedHeight(120)
        form.addRow(_("Steps"), self.steps)
        self.caution = QLineEdit(self.draft.caution)
        self.caution.setMaxLength(field_named(STRETCH_FIELDS, "caution").max_length)
        self.caution.setPlaceholderText(_("What to watch for (optional)"))
        self.caution.setAccessibleName(_("Caution"))
        form.addRow(_("Take care"), self.caution)
        self.mode = _combo()
        self.mode.addItems([_("Hold for a time"), _("Repetitions")])
        self.mode.setAccessibleName(_("Hold or repetitions"))
        form.addRow(_("Dose"), self.mode)
        self.hold = _spin_for(STRETCH_FIELDS, "hold")
        self.hold.setValue(self.draft.hold or 30)
        self.hold.setAccessibleName(_("Hold seconds"))
        form.addRow(_("Hold"), self.hold)
        self.reps = _spin_for(STRETCH_FIELDS, "reps", _(" reps"))
        self.reps.setValue(self.draft.reps or 8)
        self.reps.setAccessibleName(_("Repetitions"))
        form.addRow(_("Repetitions"), self.reps)
        self.tempo = _spin_for(STRETCH_FIELDS, "tempo", _(" s each"))
        self.tempo.setValue(self.draft.tempo)
        self.tempo.setAccessibleName(_("Seconds per repetition"))
        form.addRow(_("Tempo"), self.tempo)
        self.sides = _combo()
        for label, _side in SIDES_CHOICES:
            self.sides.addItem(_(label))
        self.sides.setCurrentIndex(1 if self.draft.sides is Sides.BOTH else 0)
        self.sides.setAccessibleName(_("Sides"))
        form.addRow(_("Sides"), self.sides)
        self.position = _combo()
        for word, label in POSITIONS:
            self.position.addItem(_(label), word)
        self.position.setCurrentIndex(max(0, self.position.findData(self.draft.position)))
        self.position.setAccessibleName(_("Where it is done"))
        form.addRow(_("Where"), self.position)
        layout.addLayout(form)
        layout.addWidget(plain_label(_("Picture"), "cardTitle"))
        self.pose_source = _combo()
        self.pose_source.setAccessibleName(_("Start from a bundled pose"))
        self.pose_source.setToolTip(
            _(
                "The app draws and moves a figure for your stretch: start from the pose of a "
                "bundled stretch and adjust it, or use your own pictures"
            )
        )
        self.pose_source.addItem(_(OWN_PICTURES), "")
        own_pose = getattr(self.draft, "pose", None)
        if own_pose is not None:
            self.pose_source.addItem(_("Its own pose, as saved"), "__own__")
        for stretch in self._poses:
            self.pose_source.addItem(stretch.name, stretch.id)
        source_row = _form()
        source_row.addRow(_("Start from a bundled pose"), self.pose_source)
        layout.addLayout(source_row)
        self.pose_panel = QWidget()
        pose_row = QHBoxLayout(self.pose_panel)
        pose_row.setContentsMargins(0, 0, 0, 0)
        pose_row.setSpacing(16)
        controls = _form()
        controls.setSpacing(8)
        controls.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.key_choice = _combo()
        self.key_choice.setAccessibleName(_("Which position to adjust"))
        controls.addRow(_("Adjust"), self.key_choice)
        self.sliders: dict[str, QSlider] = {}
        self.slider_values: dict[str, QLabel] = {}
        for spec in SLIDERS:
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setRange(-SLIDER_RANGE, SLIDER_RANGE)
            slider.setPageStep(10)
            slider.setMinimumWidth(110)
            slider.setToolTip(_(spec.tip))
            slider.setAccessibleName(
                _("{label}: {tip}").format(label=_(spec.label), tip=_(spec.tip))
            )
            value = plain_label("0°", "meta", wrap=False)
            value.setMinimumWidth(value.fontMetrics().horizontalAdvance("+60°") * 3 // 2)
            line = QHBoxLayout()
            line.addWidget(slider, 1)
            line.addWidget(value)
            controls.addRow(_(spec.label), line)
            slider.valueChanged.connect(lambda v, sid=spec.id: self._slid(sid, v))
            self.sliders[spec.id] = slider
            self.slider_values[spec.id] = value
        self.reset_pose = _button(_("Reset"), tip=_("Back to the bundled pose"))
        self.reset_pose.clicked.connect(self._reset_pose)
        controls.addRow("", self.reset_pose)
        pose_row.addLayout(controls, 1)
        self.figure = Illustration()
        self.figure.setFixedSize(240, 180)
        # A slider's steps are drawn once the steps waiting have all been taken: working out
        # a changed pose takes some 30-300 ms, and a held arrow key or a drag would otherwise
        # queue a drawing for every degree and leave the figure trailing behind the slider.
        self._pose_due = QTimer(self)
        self._pose_due.setSingleShot(True)
        self._pose_due.setInterval(0)
        self._pose_due.timeout.connect(self._show_pose)
        self.figure.setAccessibleName(_("Your stretch's figure"))
        pose_row.addWidget(self.figure, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.pose_panel)
        self.pictures_panel = QWidget()
        pictures_layout = QVBoxLayout(self.pictures_panel)
        pictures_layout.setContentsMargins(0, 0, 0, 0)
        pictures_layout.setSpacing(10)
        pictures_layout.addWidget(
            plain_label(
                _(
                    "PNG, JPG, SVG or GIF, one or more (frames of a movement take turns). They "
                    "are copied next to your routines, so moving the originals later is fine."
                ),
                "meta",
            )
        )
        self.pictures = QListWidget()
        self.pictures.setAccessibleName(_("Pictures"))
        self.pictures.setFixedHeight(90)
        pictures_layout.addWidget(self.pictures)
        row = QHBoxLayout()
        self.picture_path = QLineEdit()
        self.picture_path.setPlaceholderText(_("Type a picture's path and press Enter, or Browse…"))
        self.picture_path.setAccessibleName(_("Picture path"))
        self.picture_path.returnPressed.connect(self._add_typed)
        row.addWidget(self.picture_path, 1)
        self.browse = _button(_("Browse…"), tip=_("Choose pictures in a file browser"))
        self.browse.clicked.connect(self._browse)
        row.addWidget(self.browse)
        self.remove_picture = _button(_("Remove"))
        self.remove_picture.clicked.connect(self._remove_picture)
        row.addWidget(self.remove_picture)
        pictures_layout.addLayout(row)
        self.preview = Illustration()
        self.preview.setFixedSize(200, 150)
        pictures_layout.addWidget(self.preview)
        layout.addWidget(self.pictures_panel)
        self.problem = plain_label("", "warning")
        self.problem.hide()
        layout.addWidget(self.problem)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(28, 0, 28, 0)
        buttons.addStretch(1)
        cancel = _button(_("Cancel"))
        cancel.clicked.connect(self.reject)
        self.ok = _button(_("Save stretch") if editing else _("Add stretch"), "primary")
        self.ok.clicked.connect(self._ok)
        buttons.addWidget(cancel)
        buttons.addWidget(self.ok)
        outer.addLayout(buttons)
        if self.draft.hold is None and self.draft.reps is not None:
            self.mode.setCurrentIndex(1)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self._mode_changed()
        for image in self.draft.images:
            self._add_picture(image)
        self.key_choice.currentIndexChanged.connect(self._key_changed)
        self.pose_source.currentIndexChanged.connect(self._source_changed)
        if own_pose is not None:
            self.pose_source.setCurrentIndex(1)
        self._source_changed()
        self.name.setFocus()

    # ---- the figure ----

    def base_pose(self) -> StretchPose | None:
        """The pose the sliders start from: a bundled stretch's, or this stretch's own."""
        chosen = self.pose_source.currentData()
        if chosen == "__own__":
            own: StretchPose | None = getattr(self.draft, "pose", None)
            return own
        stretch = next((s for s in self._poses if s.id == chosen), None)
        return pose_of(stretch) if stretch is not None else None

    def pose(self) -> StretchPose | None:
        """The figure as adjusted, or None for a stretch shown with the person's pictures."""
        base = self.base_pose()
        return adjusted(base, self._changes) if base is not None else None

    def _source_changed(self) -> None:
        base = self.base_pose()
        self._changes = {}
        self.pose_panel.setVisible(base is not None)
        self.pictures_panel.setVisible(base is None)
        self.key_choice.blockSignals(True)
        self.key_choice.clear()
        if base is not None:
            for i, key in enumerate(base.keys):
                self.key_choice.addItem(_key_label(i, len(base.keys), key.name))
                self.key_choice.setItemData(
                    i,
                    _("where it starts") if i == 0 else _("the stretch itself"),
                    Qt.ItemDataRole.ToolTipRole,
                )
            self.key_choice.setCurrentIndex(len(base.keys) - 1)  # the stretch itself
            self.key_choice.setEnabled(len(base.keys) > 1)
            chosen = self.pose_source.currentData()
            stretch = next((s for s in self._poses if s.id == chosen), None)
            if stretch is not None and self.position.findData(stretch.position) >= 0:
                self.position.setCurrentIndex(self.position.findData(stretch.position))
        self.key_choice.blockSignals(False)
        self._key_changed()

    def _key_changed(self) -> None:
        key = max(0, self.key_choice.currentIndex())
        degrees = self._changes.get(key, {})
        for sid, slider in self.sliders.items():
            slider.blockSignals(True)
            slider.setValue(degrees.get(sid, 0))
            slider.blockSignals(False)
            self.slider_values[sid].setText(_degrees(degrees.get(sid, 0)))
        self._show_pose()

    def _slid(self, slider_id: str, value: int) -> None:
        key = max(0, self.key_choice.currentIndex())
        self._changes.setdefault(key, {})[slider_id] = value
        self.slider_values[slider_id].setText(_degrees(value))
        self._pose_due.start()

    def _reset_pose(self) -> None:
        self._changes = {}
        self._key_changed()

    def _show_pose(self) -> None:
        self._pose_due.stop()
        pose = self.pose()
        self.figure.set_pose(pose)
        if pose is not None:
            self.figure.show_still(max(0, self.key_choice.currentIndex()))

    def _mode_changed(self) -> None:
        reps = self.mode.currentIndex() == 1
        self.hold.setEnabled(not reps)
        self.reps.setEnabled(reps)
        self.tempo.setEnabled(reps)

    def images(self) -> list[Path]:
        return [
            Path(self.pictures.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.pictures.count())
        ]

    def _add_picture(self, path: Path) -> bool:
        if path.suffix.lower() not in IMAGE_SUFFIXES:
            self._say(_("{name} is not a PNG, JPG, SVG or GIF picture.").format(name=path.name))
            return False
        if not path.is_file():
            self._say(_("There is no picture at {path}.").format(path=path))
            return False
        from stretchapp.core.pictures import file_kind_problem

        problem = file_kind_problem(path)
        if problem is not None:  # a shared routine with it would be refused where it arrives
            self._say(
                _("{name} cannot be used: {problem}.").format(name=path.name, problem=problem)
            )
            return False
        if path in self.images():
            return True
        item = QListWidgetItem(path.name)
        item.setData(Qt.ItemDataRole.UserRole, str(path))
        item.setToolTip(plain_tip(str(path)))
        self.pictures.addItem(item)
        self.preview.set_frames(tuple(self.images()))
        self.problem.hide()
        return True

    def _add_typed(self) -> None:
        text = self.picture_path.text().strip()
        if text and self._add_picture(Path(text).expanduser()):
            self.picture_path.clear()

    def _browse(self) -> None:
        images = self.images()
        start = str(images[-1].parent) if images else str(Path.home())
        chooser = file_chooser(_("Choose pictures"), start, _image_filter(), save=False)

        def done(result: int) -> None:
            if result:
                for name in chooser.selectedFiles():
                    self._add_picture(Path(name))
            self.browse.setFocus()

        show_in_window(self.window(), chooser, done)

    def _remove_picture(self) -> None:
        row = self.pictures.currentRow()
        if row >= 0:
            self.pictures.takeItem(row)
            self.preview.set_frames(tuple(self.images()))

    def _say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()
        # Scrolled into view: under the pictures it was out of sight, and a typed path with
        # Enter seemed to do nothing.
        _scroll_into_view(self.problem)

    def result_draft(self) -> StretchDraft:
        reps = self.mode.currentIndex() == 1
        steps = [s.strip() for s in self.steps.toPlainText().splitlines() if s.strip()]
        draft = self.draft
        draft.name = self.name.text().strip()
        draft.steps = steps
        draft.caution = self.caution.text().strip()
        draft.hold = None if reps else self.hold.value()
        draft.reps = self.reps.value() if reps else None
        draft.tempo = self.tempo.value() if reps else 4
        draft.sides = SIDES_CHOICES[self.sides.currentIndex()][1]
        draft.position = str(self.position.currentData())
        pose = self.pose()
        draft.pose = pose
        draft.images = [] if pose is not None else self.images()
        return draft

    def _ok(self) -> None:
        if self.picture_path.text().strip():
            self._add_typed()
        problems = self.result_draft().problems()
        if problems:
            self._say("\n".join(problems))
            return
        self.accept()


def _scroll_into_view(widget: QWidget) -> None:
    """Scroll the scroll area `widget` is in to show it, once the layout has settled."""
    area = widget.parentWidget()
    while area is not None and not isinstance(area, QScrollArea):
        area = area.parentWidget()
    if area is not None:
        scroll = area
        QTimer.singleShot(0, widget, lambda: scroll.ensureWidgetVisible(widget))


def _key_label(index: int, count: int, name: str) -> str:
    # A key's name in a routine file is the author's words, not the app's: the bundled ones
    # are English, so another language names the positions by number ("resting back" showed
    # among German and French words).
    if name and active().code.split("_")[0] in ("en", ""):
        return name
    if index == 0 and count > 1:
        return pgettext("key pose", "Start")
    return _("Position {number}").format(number=index + 1)


def _degrees(value: int) -> str:
    return f"+{value}°" if value > 0 else f"−{-value}°" if value < 0 else "0°"


# ---- the editor page -----------------------------------------------------------------------


class EntryList(QListWidget):
    """The routine's stretches: drag to reorder, Alt+Up/Alt+Down to move, Delete to remove."""

    move_requested = Signal(int, int)
    remove_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAccessibleName(_("Stretches in this routine"))
        self.setToolTip(
            _("Drag to reorder, or {up} and {down}. Delete removes the stretch.").format(
                up=key_name("Alt+Up"), down=key_name("Alt+Down")
            )
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        row = self.currentRow()
        alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
        if alt and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and row >= 0:
            self.move_requested.emit(row, row + (-1 if event.key() == Qt.Key.Key_Up else 1))
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and row >= 0:
            self.remove_requested.emit(row)
            return
        super().keyPressEvent(event)


class RoutineEditorPage(QWidget):
    """Make or change a routine; every change goes to the draft, and the total follows."""

    save_requested = Signal()
    preview_requested = Signal()
    leave_requested = Signal()

    def __init__(
        self,
        draft: RoutineDraft,
        *,
        dark: bool = False,
        timing: Timing,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        self.draft = draft
        self.timing = timing
        self._loading = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        layout = scroll_column(outer, (32, 16, 32, 16), 12, _("Routine editor"))
        self._build_head(layout)
        layout.addLayout(self._build_form())
        # Side by side when there is room, one above the other in a small window.
        self.columns = columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        columns.setSpacing(16)
        left_card, left = self._build_entry_list()
        left.addWidget(self._build_entry_form())
        columns.addWidget(left_card, 3)
        columns.addWidget(self._build_picker(), 2)
        layout.addLayout(columns, 1)
        outer.addWidget(self._build_bottom())
        self._connect_changes()
        self.fill_picker()
        self.refresh_entries(0)
        self.name.setFocus()

    # ---- building ----

    def _build_head(self, layout: QVBoxLayout) -> None:
        self.back_button = _button(_("← Routines"), "link", _("Back to the library (Esc)"))
        self.back_button.clicked.connect(self.leave_requested)
        layout.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.title = plain_label(_("New routine") if self.draft.is_new else _("Edit routine"), "h1")
        layout.addWidget(self.title)
        self.total = plain_label("", "meta")
        layout.addWidget(self.total)

    def _build_form(self) -> QFormLayout:
        form = _form()
        form.setSpacing(10)
        self.name = QLineEdit(self.draft.name)
        self.name.setMaxLength(ROUTINE_NAME.max_length)
        self.name.setPlaceholderText(_("e.g. My physio's morning plan"))
        self.name.setAccessibleName(_("Routine name"))
        form.addRow(_("Name"), self.name)
        self.description = QPlainTextEdit(self.draft.description)
        self.description.setPlaceholderText(_("One or two sentences shown on its card (optional)"))
        self.description.setAccessibleName(_("Description"))
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(64)
        form.addRow(_("Description"), self.description)
        timing_row = QHBoxLayout()
        self.get_ready = _spin_for(ROUTINE_FIELDS, "get_ready", special=_("your setting"))
        self.get_ready.setValue(-1 if self.draft.get_ready is None else self.draft.get_ready)
        self.get_ready.setAccessibleName(_("Get-ready seconds before each stretch"))
        self.rest = _spin_for(ROUTINE_FIELDS, "rest", special=_("your setting"))
        self.rest.setValue(-1 if self.draft.rest is None else self.draft.rest)
        self.rest.setAccessibleName(_("Rest seconds between stretches"))
        timing_row.addWidget(plain_label(_("Get ready"), wrap=False))
        timing_row.addWidget(self.get_ready)
        timing_row.addSpacing(16)
        timing_row.addWidget(plain_label(_("Rest"), wrap=False))
        timing_row.addWidget(self.rest)
        timing_row.addStretch(1)
        form.addRow(_("Each stretch"), timing_row)
        return form

    def _build_entry_list(self) -> tuple[QFrame, QVBoxLayout]:
        """Left: the routine's stretches and the buttons that order them."""
        left_card = QFrame()
        left_card.setObjectName("card")
        left = QVBoxLayout(left_card)
        left.setContentsMargins(16, 12, 16, 12)
        left.addWidget(plain_label(_("Stretches in this routine"), "h2"))
        left.addWidget(
            plain_label(
                _("Drag to reorder, or {up} / {down}. Delete removes one.").format(
                    up=key_name("Alt+Up"), down=key_name("Alt+Down")
                ),
                "meta",
            )
        )
        self.entries = EntryList()
        self.entries.setMinimumHeight(180)
        self.entries.model().rowsMoved.connect(self._dropped)
        self.entries.move_requested.connect(self.move_entry)
        self.entries.remove_requested.connect(self.remove_entry)
        self.entries.currentRowChanged.connect(self._show_entry)
        left.addWidget(self.entries, 1)
        self.empty_hint = plain_label(
            _("No stretches yet — add one from “Add a stretch”, or make your own."),
            "secondary",
        )
        left.addWidget(self.empty_hint)
        order = QHBoxLayout()
        self.up_button = _button(_("Move up"), tip=key_name("Alt+Up"))
        self.up_button.clicked.connect(lambda: self.move_entry(self.entries.currentRow(), -1, True))
        self.down_button = _button(_("Move down"), tip=key_name("Alt+Down"))
        self.down_button.clicked.connect(
            lambda: self.move_entry(self.entries.currentRow(), 1, True)
        )
        self.remove_button = _button(_("Remove"), tip=pgettext("key", "Delete"))
        self.remove_button.clicked.connect(lambda: self.remove_entry(self.entries.currentRow()))
        self.edit_stretch_button = _button(_("Edit stretch…"))
        self.edit_stretch_button.clicked.connect(self._edit_own)
        for button in (self.up_button, self.down_button, self.remove_button):
            order.addWidget(button)
        order.addWidget(self.edit_stretch_button)
        order.addStretch(1)
        left.addLayout(order)
        return left_card, left

    def _build_entry_form(self) -> QFrame:
        """The chosen stretch's settings in this routine."""
        self.entry_box = QFrame()
        entry_form = _form(self.entry_box)
        entry_form.setContentsMargins(0, 8, 0, 0)
        self.entry_title = plain_label("", "cardTitle")
        entry_form.addRow(self.entry_title)
        self.entry_mode = _combo()
        self.entry_mode.addItems([_("Hold for a time"), _("Repetitions")])
        self.entry_mode.setAccessibleName(_("Hold or repetitions"))
        entry_form.addRow(_("Dose"), self.entry_mode)
        self.entry_hold = _spin_for(ENTRY_FIELDS, "hold")
        self.entry_hold.setAccessibleName(_("Hold seconds"))
        entry_form.addRow(_("Hold"), self.entry_hold)
        self.entry_reps = _spin_for(ENTRY_FIELDS, "reps", _(" reps"))
        self.entry_reps.setAccessibleName(_("Repetitions"))
        entry_form.addRow(_("Repetitions"), self.entry_reps)
        self.entry_tempo = _spin_for(ENTRY_FIELDS, "tempo", _(" s each"))
        self.entry_tempo.setAccessibleName(_("Seconds per repetition"))
        entry_form.addRow(_("Tempo"), self.entry_tempo)
        self.entry_sides = _combo()
        for label, _side in SIDES_CHOICES:
            self.entry_sides.addItem(_(label))
        self.entry_sides.setAccessibleName(_("Sides"))
        entry_form.addRow(_("Sides"), self.entry_sides)
        self.entry_get_ready = _spin_for(ENTRY_FIELDS, "get_ready", special=_("as the routine"))
        self.entry_get_ready.setAccessibleName(_("Get-ready seconds before this stretch"))
        entry_form.addRow(_("Get ready"), self.entry_get_ready)
        self.entry_rest = _spin_for(ENTRY_FIELDS, "rest", special=_("as the routine"))
        self.entry_rest.setAccessibleName(_("Rest seconds after this stretch"))
        entry_form.addRow(_("Rest after"), self.entry_rest)
        self.entry_transition = QLineEdit()
        self.entry_transition.setMaxLength(160)
        self.entry_transition.setPlaceholderText(
            _("e.g. Roll onto your side, then push up with your arms.")
        )
        self.entry_transition.setAccessibleName(_("How to get into this position"))
        self.entry_transition.setToolTip(
            _("Shown and spoken while getting ready, where the position changes (optional)")
        )
        entry_form.addRow(_("Getting there"), self.entry_transition)
        return self.entry_box

    def _build_picker(self) -> QFrame:
        """Right: the stretches that can be added, and a new one of your own."""
        right_card = QFrame()
        right_card.setObjectName("card")
        right = QVBoxLayout(right_card)
        right.setContentsMargins(16, 12, 16, 12)
        right.addWidget(plain_label(_("Add a stretch"), "h2"))
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(_("Search stretches"))
        self.filter.setAccessibleName(_("Search stretches"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        self.filter.returnPressed.connect(self._add_first_match)
        right.addWidget(self.filter)
        self.picker = QListWidget()
        self.picker.setAccessibleName(_("Stretches you can add"))
        self.picker.setToolTip(_("Double-click or press Enter to add"))
        self.picker.itemActivated.connect(self._add_item)
        right.addWidget(self.picker, 1)
        add_row = QHBoxLayout()
        self.add_button = _button(_("Add to routine"), tip=_("Add the chosen stretch (Enter)"))
        self.add_button.clicked.connect(lambda: self._add_item(self.picker.currentItem()))
        self.new_stretch_button = _button(_("+  New stretch…"), tip=_("Make a stretch of your own"))
        self.new_stretch_button.clicked.connect(lambda: self.new_stretch())
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)
        add_row.addWidget(self.new_stretch_button)
        right.addLayout(add_row)
        return right_card

    def _build_bottom(self) -> QFrame:
        """The bottom row, which stays in view."""
        bottom = QFrame()
        bottom_row = QHBoxLayout(bottom)
        bottom_row.setContentsMargins(32, 8, 32, 16)
        self.problems = plain_label("", "warning")
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bottom_row.addWidget(self.problems, 1)
        # Undo for a stretch removed from the list (Ctrl+Z presses it: ui/shortcuts.py).
        self.undo_button = _button(_("Undo"), "link")
        self.undo_button.setProperty("undo", True)
        self.undo_button.clicked.connect(self.undo_remove)
        self.undo_button.hide()
        self._removed: tuple[int, EntryDraft] | None = None
        bottom_row.addWidget(self.undo_button)
        self.cancel_button = _button(_("Cancel"), tip=_("Leave the editor (Esc)"))
        self.cancel_button.clicked.connect(self.leave_requested)
        self.preview_button = _button(_("▶  Preview"), tip=_("Save, then try it in the player"))
        self.preview_button.clicked.connect(self.preview_requested)
        self.save_button = _button(
            _("Save"),
            "primary",
            _("{action} ({keys})").format(
                action=_("Save the routine"), keys=shortcuts(EDITOR)["save"].keys_text
            ),
        )
        self.save_button.clicked.connect(self.save_requested)
        for button in (self.cancel_button, self.preview_button, self.save_button):
            bottom_row.addWidget(button)
        shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save_requested)
        return bottom

    def _connect_changes(self) -> None:
        self.name.textChanged.connect(self._routine_changed)
        self.description.textChanged.connect(self._routine_changed)
        self.get_ready.valueChanged.connect(self._routine_changed)
        self.rest.valueChanged.connect(self._routine_changed)
        for widget in (
            self.entry_hold,
            self.entry_reps,
            self.entry_tempo,
            self.entry_get_ready,
            self.entry_rest,
        ):
            widget.valueChanged.connect(self._entry_changed)
        self.entry_mode.currentIndexChanged.connect(self._entry_changed)
        self.entry_sides.currentIndexChanged.connect(self._entry_changed)
        self.entry_transition.textEdited.connect(self._entry_changed)

    # ---- showing the draft ----

    def fill_picker(self) -> None:
        self.picker.clear()
        for stretch in self.draft.available():
            mine = stretch.id in self.draft.own or stretch.source.value == "user"
            item = QListWidgetItem(
                _("{name}  · yours").format(name=stretch.name) if mine else stretch.name
            )
            item.setData(Qt.ItemDataRole.UserRole, stretch.id)
            item.setToolTip(plain_tip(_dose(stretch)))
            self.picker.addItem(item)
        self.picker.setCurrentRow(0)
        self._filter(self.filter.text())

    def refresh_entries(self, select: int | None = None) -> None:
        row = self.entries.currentRow() if select is None else select
        self._loading = True
        self.entries.clear()
        for i, entry in enumerate(self.draft.entries, 1):
            stretch = self.draft.stretch(entry.stretch_id)
            name = (
                stretch.name
                if stretch is not None
                else _("{id} (missing)").format(id=entry.stretch_id)
            )
            item = QListWidgetItem(f"{i}. {name} — {_entry_dose(entry)}")
            item.setData(ENTRY_ROW, i - 1)
            self.entries.addItem(item)
        self._loading = False
        count = len(self.draft.entries)
        self.empty_hint.setVisible(count == 0)
        if count:
            self.entries.setCurrentRow(max(0, min(row, count - 1)))
        self._show_entry(self.entries.currentRow())
        self.update_total()

    def update_total(self) -> None:
        seconds = self.timing.total_seconds(self.draft.routine())
        count = len(self.draft.entries)
        if not count:
            text = _("Add stretches to build your routine")
        else:
            text = ngettext(
                "{duration} in all · {count} stretch",
                "{duration} in all · {count} stretches",
                count,
            ).format(duration=format_duration(seconds), count=count)
        if self.draft.dirty:
            text = _("{summary} · not saved yet").format(summary=text)
        self.total.setText(text)
        self.problems.setText("")

    def _show_entry(self, row: int) -> None:
        has = 0 <= row < len(self.draft.entries)
        self.entry_box.setVisible(has)
        for button in (self.up_button, self.down_button, self.remove_button):
            button.setEnabled(has)
        own = has and self.draft.entries[row].stretch_id in self.draft.own
        self.edit_stretch_button.setVisible(bool(own))
        if not has or self._loading:
            return
        entry = self.draft.entries[row]
        stretch = self.draft.stretch(entry.stretch_id)
        self._loading = True
        self.entry_title.setText(stretch.name if stretch is not None else entry.stretch_id)
        self.entry_mode.setCurrentIndex(1 if entry.hold is None else 0)
        self.entry_hold.setValue(entry.hold or (stretch.hold if stretch and stretch.hold else 30))
        self.entry_reps.setValue(entry.reps or (stretch.reps if stretch and stretch.reps else 8))
        self.entry_tempo.setValue(entry.tempo)
        self.entry_sides.setCurrentIndex(1 if entry.sides is Sides.BOTH else 0)
        self.entry_get_ready.setValue(-1 if entry.get_ready is None else entry.get_ready)
        self.entry_rest.setValue(-1 if entry.rest is None else entry.rest)
        self.entry_transition.setText(entry.transition)
        self.entry_transition.setCursorPosition(0)  # the start of a long text, not its end
        self._loading = False
        self._mode_shown()

    def _mode_shown(self) -> None:
        reps = self.entry_mode.currentIndex() == 1
        self.entry_hold.setEnabled(not reps)
        self.entry_reps.setEnabled(reps)
        self.entry_tempo.setEnabled(reps)

    # ---- changes ----

    def _routine_changed(self) -> None:
        self.draft.name = self.name.text()
        self.draft.description = self.description.toPlainText()
        self.draft.get_ready = None if self.get_ready.value() < 0 else self.get_ready.value()
        self.draft.rest = None if self.rest.value() < 0 else self.rest.value()
        self.update_total()

    def _entry_changed(self) -> None:
        row = self.entries.currentRow()
        if self._loading or not 0 <= row < len(self.draft.entries):
            return
        self._mode_shown()
        reps = self.entry_mode.currentIndex() == 1
        self.draft.set_entry(
            row,
            hold=None if reps else self.entry_hold.value(),
            reps=self.entry_reps.value() if reps else None,
            tempo=self.entry_tempo.value(),
            sides=SIDES_CHOICES[self.entry_sides.currentIndex()][1],
            get_ready=None if self.entry_get_ready.value() < 0 else self.entry_get_ready.value(),
            rest=None if self.entry_rest.value() < 0 else self.entry_rest.value(),
            transition=" ".join(self.entry_transition.text().split()),
        )
        item = self.entries.item(row)
        stretch = self.draft.stretch(self.draft.entries[row].stretch_id)
        name = stretch.name if stretch is not None else self.draft.entries[row].stretch_id
        item.setText(f"{row + 1}. {name} — {_entry_dose(self.draft.entries[row])}")
        self.update_total()

    def _forget_removed(self) -> None:
        """Another change to the list: the removed stretch's place no longer holds."""
        if self._removed is not None:
            self._removed = None
            self.undo_button.hide()
            say_done(self.problems, "")

    def add_stretch(self, stretch_id: str) -> None:
        self._forget_removed()
        row = self.entries.currentRow()
        at = row + 1 if row >= 0 else None
        try:
            index = self.draft.add(stretch_id, at)
        except (KeyError, ValueError) as exc:
            say_problem(self.problems, str(exc))
            return
        self.refresh_entries(index)

    def move_entry(self, row: int, to: int, relative: bool = False) -> None:
        if not 0 <= row < len(self.draft.entries):
            return
        self._forget_removed()
        target = row + to if relative else to
        self.refresh_entries(self.draft.move(row, target))
        self.entries.setFocus()

    def remove_entry(self, row: int) -> None:
        if 0 <= row < len(self.draft.entries):
            removed = self.draft.remove(row)
            self.refresh_entries(row)
            # Its own hold, tempo and transition went with it: one click (or Ctrl+Z) brings
            # it back where it was.
            self._removed = (row, removed)
            stretch = self.draft.stretch(removed.stretch_id)
            say_done(
                self.problems,
                _("Removed “{name}”.").format(
                    name=stretch.name if stretch is not None else removed.stretch_id
                ),
            )
            self.undo_button.show()

    def undo_remove(self) -> None:
        if self._removed is None:
            return
        row, entry = self._removed
        self._removed = None
        self.undo_button.hide()
        self.draft.put_back(row, entry)
        say_done(self.problems, "")
        self.refresh_entries(row)
        self.entries.setFocus()

    def _dropped(self, *_args: object) -> None:
        """A drag-and-drop moved rows in the list: each item knows the entry's index in the
        draft when the list was filled, so the draft makes the same moves."""
        order = [self.entries.item(i).data(ENTRY_ROW) for i in range(self.entries.count())]
        if sorted(order) != list(range(len(self.draft.entries))):
            return  # not the list the draft filled (a drop still under way)
        placed = list(range(len(order)))  # the draft's order, by index at filling time
        for to, old in enumerate(order):
            at = placed.index(old)
            if at != to:
                self.draft.move(at, to)
                placed.insert(to, placed.pop(at))
        moved = self.entries.currentRow()
        # Renumber (and re-index the items) after Qt has finished the drop.
        QTimer.singleShot(0, lambda: self.refresh_entries(moved))

    def _filter(self, text: str) -> None:
        needle = text.strip().lower()
        for i in range(self.picker.count()):
            item = self.picker.item(i)
            item.setHidden(bool(needle) and needle not in item.text().lower())

    def _add_first_match(self) -> None:
        item: QListWidgetItem | None = self.picker.currentItem()
        if item is None or item.isHidden():
            item = next(
                (
                    self.picker.item(i)
                    for i in range(self.picker.count())
                    if not self.picker.item(i).isHidden()
                ),
                None,
            )
        self._add_item(item)

    def _add_item(self, item: QListWidgetItem | None) -> None:
        if item is not None and not item.isHidden():
            self.add_stretch(str(item.data(Qt.ItemDataRole.UserRole)))
            # The list above grows and the page scrolled to it, leaving the keyboard's place
            # (this list, to add the next one) out of sight: it is brought back into view.
            _scroll_into_view(self.picker)

    def new_stretch(self, existing: StretchDraft | None = None) -> StretchForm:
        form = StretchForm(existing, poses=list(self.draft.library.stretches.values()))

        def done(result: int) -> None:
            if not result:
                return
            stretch_id = self.draft.add_own(form.result_draft())
            self.fill_picker()
            if existing is None:
                self.add_stretch(stretch_id)
            else:
                self.refresh_entries()
            self.entries.setFocus()

        show_in_window(self.window(), form, done)
        # Typing at once goes into its name (shown in the window, the focus was elsewhere).
        QTimer.singleShot(0, form.name, form.name.setFocus)
        return form

    def _edit_own(self) -> None:
        row = self.entries.currentRow()
        if 0 <= row < len(self.draft.entries):
            own = self.draft.own.get(self.draft.entries[row].stretch_id)
            if own is not None:
                self.new_stretch(own)

    def resizeEvent(self, event: QResizeEvent) -> None:
        narrow = self.width() < 960
        self.columns.setDirection(
            QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        )
        super().resizeEvent(event)

    def show_problems(self, problems: list[str]) -> None:
        say_problem(self.problems, "\n".join(problems[:6]))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.leave_requested.emit()
            return
        super().keyPressEvent(event)


# One dose text for the whole app (core/present.py), for stretches and entries alike.
_dose = _entry_dose = dose_text


# ---- the flows -----------------------------------------------------------------------------


def _shared_filter() -> str:
    return _("Shared routines (*{suffix})").format(suffix=SHARE_SUFFIX)


def _share_placeholder() -> str:
    return _("Where the {suffix} file is, e.g. ~/Downloads/plan{suffix}").format(
        suffix=SHARE_SUFFIX
    )


class RoutineBuilder(QObject):
    """New, edit, duplicate, delete (with undo), export and import: the routine files are
    the application's (`app`), the pages are shown and questions asked through `window`."""

    def __init__(
        self, app: AppController, window: Navigator, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.app = app
        self.window = window
        self.editor: RoutineEditorPage | None = None
        self.last_deleted: Deleted | None = None
        self.last_export: Path | None = None

    # ---- editing ----

    def new_routine(self) -> RoutineEditorPage:
        return self.open_editor(RoutineDraft.new(self.app.library, self.app.paths))

    def edit(self, routine_id: str) -> RoutineEditorPage | None:
        routine = self.app.library.routine(routine_id)
        if routine is None:
            return None
        if can_edit(routine, self.app.library):
            draft = RoutineDraft.edit(routine, self.app.library, self.app.paths)
        else:
            draft = RoutineDraft.duplicate(routine, self.app.library, self.app.paths)
        return self.open_editor(draft)

    def duplicate(self, routine_id: str) -> RoutineEditorPage | None:
        routine = self.app.library.routine(routine_id)
        if routine is None:
            return None
        return self.open_editor(RoutineDraft.duplicate(routine, self.app.library, self.app.paths))

    def open_editor(self, draft: RoutineDraft) -> RoutineEditorPage:
        self.close_editor()
        settings = self.app.settings.value
        editor = RoutineEditorPage(
            draft,
            dark=self.window.dark,
            timing=settings.timing,
        )
        editor.save_requested.connect(self.save)
        editor.preview_requested.connect(self.preview)
        editor.leave_requested.connect(self.leave)
        self.editor = editor
        self.window.show_routines_page(editor)
        editor.name.setFocus()
        return editor

    def close_editor(self) -> None:
        editor, self.editor = self.editor, None
        if editor is not None:
            self.window.remove_routines_page(editor)
            editor.deleteLater()

    def save(self) -> bool:
        editor = self.editor
        if editor is None:
            return False
        result = editor.draft.save()
        if not result.ok:
            editor.show_problems([str(p) for p in result.problems])
            return False
        self.app.reload_library()
        editor.draft.library = self.app.library
        editor.title.setText(_("Edit routine"))
        editor.update_total()
        say_done(editor.problems, _("Saved “{name}”.").format(name=editor.draft.name))
        self.window.show_routines_page(editor)
        return True

    def preview(self) -> None:
        editor = self.editor
        if editor is None or ((editor.draft.dirty or editor.draft.is_new) and not self.save()):
            return
        player = self.window.start_routine(editor.draft.id, preview=True)
        if player is not None:  # back to the editor when the preview ends
            player.leave_requested.connect(self._back_to_editor)

    def _back_to_editor(self) -> None:
        if self.editor is not None:
            self.window.show_routines_page(self.editor)

    def leave(self, then: Callable[[], object] | None = None) -> None:
        """Leave the editor; with unsaved changes, ask first (inside the window)."""
        editor = self.editor
        if editor is None:
            return
        after = then or self._to_library
        if not editor.draft.dirty:
            self.close_editor()
            after()
            return
        name = editor.draft.name.strip()
        question = Question(
            _("Unsaved changes"),
            _("Save your changes to “{name}” before leaving?").format(name=name)
            if name
            else _("Save your changes to this routine before leaving?"),
            [(_("Keep editing"), ""), (_("Discard changes"), ""), (_("Save"), "primary")],
        )

        def answered(code: int) -> None:
            if code == 3 and not self.save():
                return
            if code in (2, 3):
                self.close_editor()
                after()

        show_compact(self.window.dialog_host(), question, answered)

    def _to_library(self) -> None:
        self.window.show_library()

    # ---- deleting ----

    def delete(self, routine_id: str) -> Deleted | None:
        routine = self.app.library.routine(routine_id)
        if routine is None:
            return None
        try:
            deleted = delete_routine(routine, self.app.library, self.app.paths)
        except (OSError, ValueError) as exc:
            self.app.reload_library()
            self.app.notify(
                _("“{name}” could not be deleted: {reason}").format(name=routine.name, reason=exc),
                problem=True,
            )
            return None
        self.last_deleted = deleted
        self.app.reload_library()
        self.app.notify(
            _("Deleted “{name}”.").format(name=routine.name),
            _("Undo"),
            lambda: self.undo_delete(deleted),
        )
        return deleted

    def undo_delete(self, deleted: Deleted) -> None:
        try:
            deleted.undo()
        except OSError as exc:
            self.app.notify(
                _("“{name}” could not be restored: {reason}").format(name=deleted.name, reason=exc),
                problem=True,
            )
            return
        self.last_deleted = None
        self.app.reload_library()
        self.app.notify(_("“{name}” is back.").format(name=deleted.name))

    # ---- sharing ----

    def export(self, routine_id: str) -> PathDialog | None:
        routine = self.app.library.routine(routine_id)
        if routine is None:
            return None
        folder = Path.home() / "Documents"
        folder = folder if folder.is_dir() else Path.home()
        dialog = PathDialog(
            _("Share a routine"),
            _(
                "Save “{name}” with its stretches and pictures as one file, to send to "
                "someone who uses StretchApp."
            ).format(name=routine.name),
            str(folder / suggested_name(routine)),
            _("Save file"),
            save=True,
            name_filter=_shared_filter(),
            placeholder=_share_placeholder(),
        )

        def done(result: int) -> None:
            if not result:
                return
            try:
                out = export_routine(routine, dialog.chosen())
            except (OSError, ValueError) as exc:
                self._notice(
                    _("“{name}” could not be saved: {reason}").format(
                        name=routine.name, reason=exc
                    ),
                    problem=True,
                )
                return
            self.last_export = out
            show_saved(
                self.window.dialog_host(),
                _("“{name}” saved to share").format(name=routine.name),
                out,
                _("Send this file to the person; they open it with Import in StretchApp."),
            )

        show_compact(self.window.dialog_host(), dialog, done)
        return dialog

    def ask_import(self) -> PathDialog:
        dialog = PathDialog(
            _("Import a routine"),
            _(
                "Open a shared routine file ({suffix}). You will see what it holds before "
                "anything is saved."
            ).format(suffix=SHARE_SUFFIX),
            str(self.last_export or ""),
            _("Open"),
            save=False,
            name_filter=_shared_filter() + ";;" + _("All files (*)"),
            placeholder=_share_placeholder(),
        )
        show_compact(
            self.window.dialog_host(),
            dialog,
            lambda result: result and self.import_file(dialog.chosen()),
        )
        return dialog

    def import_file(self, path: Path) -> ImportDialog:
        app = self.app
        preview = read_shared(path, app.library, app.paths)
        dialog = ImportDialog(preview, timing=app.settings.value.timing)

        def done(code: int) -> None:
            try:
                if code not in (1, 2):
                    return
                result, deleted = preview.save("replace" if code == 2 else "rename")
                if not result.ok:
                    self._notice(
                        _("The routine was not imported: {problems}").format(
                            problems="; ".join(map(str, result.problems))
                        ),
                        problem=True,
                    )
                    return
                app.reload_library()
                routine = next((r for r in app.library.routines if r.file == result.path), None)
                if routine is None:
                    return
                if deleted is not None:
                    app.notify(
                        _("Imported “{name}”, replacing yours.").format(name=routine.name),
                        _("Undo"),
                        lambda: self._undo_replace(routine.id, deleted),
                    )
                else:
                    app.notify(_("Imported “{name}”.").format(name=routine.name))
                self.window.open_routine(routine.id)
            finally:
                preview.close()

        if preview.ok:
            show_in_window(self.window.dialog_host(), dialog, done)
        else:  # only what is wrong: at its own height, Close with the focus
            show_compact(self.window.dialog_host(), dialog, done)
            dialog.close_button.setFocus()
        return dialog

    def _undo_replace(self, routine_id: str, deleted: Deleted) -> None:
        routine = self.app.library.routine(routine_id)
        if routine is not None and routine.file is not None:
            delete_routine(routine, self.app.library, self.app.paths)
        self.undo_delete(deleted)

    def _notice(self, text: str, problem: bool = False) -> None:
        self.window.show_library()
        self.app.notify(text, problem=problem)
