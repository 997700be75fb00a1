"""Qt's own texts and the layout direction follow the active language."""

from __future__ import annotations

import gettext
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QApplication

from stretchapp.core import i18n
from stretchapp.ui import i18n_qt


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    before = QLocale()
    yield qapp
    i18n.reset()
    i18n_qt.install(qapp, i18n.active())
    QLocale.setDefault(before)


def cancel() -> str:
    return QCoreApplication.translate("QPlatformTheme", "Cancel")


@pytest.mark.parametrize(("lang", "word"), [("de", "Abbrechen"), ("fr", "Annuler")])
def test_qt_dialogs_speak_the_language(app: QApplication, lang: str, word: str) -> None:
    translator = i18n_qt.install(app, i18n.activate(lang))
    assert translator is not None
    assert cancel() == word
    assert QLocale().name() == f"{lang}_{lang.upper()}"
    assert app.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_english_removes_qt_translations_again(app: QApplication) -> None:
    i18n_qt.install(app, i18n.activate("es"))
    assert cancel() == "Cancelar"
    assert i18n_qt.install(app, i18n.activate("en")) is None
    assert cancel() == "Cancel"


def test_a_right_to_left_language_mirrors_the_layout(app: QApplication) -> None:
    arabic = i18n.Language("ar", "ar_EG", gettext.NullTranslations())
    i18n_qt.install(app, arabic)
    assert app.layoutDirection() == Qt.LayoutDirection.RightToLeft
    i18n_qt.install(app, i18n.activate("de"))
    assert app.layoutDirection() == Qt.LayoutDirection.LeftToRight
