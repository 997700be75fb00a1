"""The library, a routine's page, the builder and the stretch form in German (issue 16)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QPushButton, QScrollArea
from pytestqt.qtbot import QtBot

from stretchapp.core import i18n
from stretchapp.core.editing import RoutineDraft, StretchDraft
from stretchapp.core.paths import Paths
from stretchapp.core.routines import Library, Routine, Timing, load_library
from stretchapp.ui.editor import RoutineEditorPage, StretchForm
from stretchapp.ui.library import LibraryPage, RoutineDetailPage


@pytest.fixture
def library(paths: Paths) -> Library:
    return load_library(paths.bundled_routines_dir, paths.user_routines_dir, paths.assets_dir)


def labels(widget: object) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel)]  # type: ignore[attr-defined]


def buttons(widget: object) -> list[str]:
    return [b.text() for b in widget.findChildren(QPushButton)]  # type: ignore[attr-defined]


def desk_break(library: Library) -> Routine:
    routine = library.routine("desk-break")
    assert routine is not None
    return routine


def test_the_library_speaks_german(qtbot: QtBot, library: Library) -> None:
    i18n.activate("de")
    page = LibraryPage(library, False, "", timing=Timing())
    qtbot.addWidget(page)
    assert "Abläufe" in labels(page)
    assert page.new_button.text() == "+  Neuer Ablauf"
    assert page.import_button.text() == "Importieren…"
    card = next(c for c in page.cards if c.routine.id == "desk-break")
    # Five stretches, plural in German, and the duration in German units.
    assert any(t.endswith(" Min. · 5 Dehnübungen") for t in labels(card)), labels(card)
    assert card.start_button.text() == "▶  Starten"
    assert card.start_button.accessibleName() == f"{card.routine.name} starten"


def test_a_routines_page_speaks_german(qtbot: QtBot, library: Library) -> None:
    i18n.activate("de")
    page = RoutineDetailPage(desk_break(library), False, editable=False, timing=Timing())
    qtbot.addWidget(page)
    assert page.back_button.text() == "← Abläufe"
    assert page.start_button.text() == "▶  Ablauf starten"
    assert page.action_buttons["duplicate"].text() == "Kopieren und bearbeiten"
    assert page.action_buttons["export"].text() == "Teilen…"
    assert page.before.accessibleName() == "Bevor Sie beginnen"
    assert page.glow_key is not None
    assert page.glow_key.accessibleName() == (
        "Auf jedem Bild ist der Bereich farbig markiert, auf den die Übung wirkt."
    )
    assert "Video ansehen ↗" in buttons(page)


def test_the_routine_builder_counts_in_german(qtbot: QtBot, library: Library, paths: Paths) -> None:
    i18n.activate("de")
    draft = RoutineDraft.new(library, paths)
    editor = RoutineEditorPage(draft, timing=Timing())
    qtbot.addWidget(editor)
    assert editor.title.text() == "Neuer Ablauf"
    assert editor.total.text() == "Fügen Sie Dehnübungen hinzu, um Ihren Ablauf zusammenzustellen"
    draft.add("cat-cow")
    editor.refresh_entries(0)
    assert editor.total.text().endswith(" insgesamt · 1 Dehnübung · noch nicht gespeichert")
    draft.add("childs-pose")
    editor.refresh_entries(0)
    assert " insgesamt · 2 Dehnübungen" in editor.total.text()
    assert editor.get_ready.specialValueText() == "Ihre Einstellung"
    assert editor.save_button.text() == "Speichern"


def test_the_stretch_form_speaks_german_and_keeps_the_files_words(qtbot: QtBot) -> None:
    i18n.activate("de")
    form = StretchForm(StretchDraft(position="chair"))
    qtbot.addWidget(form)
    assert form.windowTitle() == "Dehnübung bearbeiten"
    assert form.position.currentText() == "Auf einem Stuhl"
    assert [form.mode.itemText(i) for i in range(form.mode.count())] == [
        "Eine Zeit lang halten",
        "Wiederholungen",
    ]
    assert form.reps.suffix() == " Wdh."
    form.position.setCurrentIndex(form.position.findText("Im Stehen"))
    # The file keeps its English word, whatever the form shows.
    assert form.result_draft().position == "standing"


@pytest.mark.parametrize("language", ["de", "fr", "es", "en@pseudo"])
def test_the_builder_fits_a_small_window_in_every_language(
    qtbot: QtBot, library: Library, paths: Paths, language: str
) -> None:
    """At 800×600 the builder gets about 600 px beside the navigation: its form, timing
    row and the chosen stretch's settings fit that width in every language (labels move
    above their fields, long choices are elided), so nothing is pushed out of view."""
    i18n.activate(language)
    draft = RoutineDraft.duplicate(desk_break(library), library, paths)
    editor = RoutineEditorPage(draft, timing=Timing())
    qtbot.addWidget(editor)
    editor.resize(600, 560)
    editor.show()
    qtbot.waitExposed(editor)
    body = editor.name.parentWidget()
    scroll = editor.findChild(QScrollArea)
    assert body is not None and body.layout() is not None and scroll is not None
    needed = body.layout().minimumSize().width()
    assert needed <= scroll.viewport().width(), (needed, scroll.viewport().width())


def test_files_that_failed_are_counted_in_french(qtbot: QtBot, paths: Paths) -> None:
    from stretchapp.core.routines import FileReport, Source
    from stretchapp.core.yamlfile import Problem
    from stretchapp.ui.library import NoticeCard

    i18n.activate("fr")
    reports = [
        FileReport(
            paths.user_routines_dir / f"{n}.yaml", Source.USER, problems=[Problem("f", 1, "", "x")]
        )
        for n in range(2)
    ]
    card = NoticeCard(reports)
    qtbot.addWidget(card)
    assert labels(card)[0] == (
        "2 fichiers de programme n’ont pas pu être chargés entièrement. Tout le reste est prêt."
    )


def test_an_import_that_clashes_asks_in_spanish(
    qtbot: QtBot, library: Library, paths: Paths, tmp_path: Path
) -> None:
    from stretchapp.core.sharing import export_routine, read_shared
    from stretchapp.ui.editor import ImportDialog

    # the clinic's own desk break: the bundled one with longer rests
    changed = dataclasses.replace(desk_break(library), rest=30)
    shared = export_routine(changed, tmp_path / "desk.stretchapp")
    same = export_routine(desk_break(library), tmp_path / "same.stretchapp")
    i18n.activate("es")
    # The app's library is read in the person's language, and so is the shared file.
    library = load_library(paths.bundled_routines_dir, paths.user_routines_dir, paths.assets_dir)
    with read_shared(shared, library, paths) as preview:
        dialog = ImportDialog(preview, timing=Timing())
        qtbot.addWidget(dialog)
        shown = labels(dialog)
    name = desk_break(library).name
    assert any(text.startswith("1. Gato-vaca sentado") for text in shown)  # in Spanish
    assert f"Ya tiene «{name}» (incluida en StretchApp). La nueva se llamará «{name} (2)»." in (
        shown
    )
    assert dialog.import_button is not None and dialog.import_button.text() == "Conservar las dos"
    # the bundled routine shared as it is: already there, unchanged
    with read_shared(same, library, paths) as preview:
        dialog = ImportDialog(preview, timing=Timing())
        qtbot.addWidget(dialog)
        shown = labels(dialog)
    assert (
        f"Ya tiene esta rutina, sin cambios: «{name}». Si la importa otra vez, se añade una"
        f" copia, «{name} (2)»." in shown
    )
    assert dialog.import_button is not None and dialog.import_button.text() == "Importar una copia"
