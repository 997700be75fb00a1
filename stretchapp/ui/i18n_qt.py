"""The Qt side of the user's language: Qt's own texts and the layout direction.

StretchApp's texts are translated by stretchapp.core.i18n (gettext), for the core and the
widgets alike. Qt's own dialogs and standard buttons ("Cancel", "Open", the colour and file
dialogs) take their texts from the `qtbase_<lang>.qm` catalogs PySide6 ships; this module loads
the one for the active language and sets the application's layout direction, right to left for
Arabic, Hebrew, Persian and the like (none is translated yet, but the mirroring is ready).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QGuiApplication

from stretchapp.core import i18n
from stretchapp.ui import early_widgets


def qt_translations_dir() -> Path:
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def install(app: QCoreApplication, language: i18n.Language | None = None) -> QTranslator | None:
    """Load Qt's translation for the language and set the layout direction.

    Returns the translator installed (kept as a child of the application so it lives as long),
    or None for English, the pseudo-language, or a language Qt has no catalog for.
    """
    language = language or i18n.active()
    code = language.code.split("@")[0]
    if isinstance(app, QGuiApplication):
        # by name (see early_widgets): naming `Qt` would cost the first paint 14-18 ms
        app.setProperty(
            "layoutDirection",
            early_widgets.RIGHT_TO_LEFT if language.right_to_left else early_widgets.LEFT_TO_RIGHT,
        )
    if code != i18n.SOURCE_LANGUAGE:
        # Qt's own formatting (spin boxes, date edits) follows the same locale as ours. English
        # keeps Qt's reading of the system locale, which is what the window showed so far.
        QLocale.setDefault(QLocale(language.locale_name))
    for old in app.findChildren(QTranslator, "stretchapp-qt"):
        QCoreApplication.removeTranslator(old)
        old.deleteLater()
    if code == i18n.SOURCE_LANGUAGE:
        return None
    translator = QTranslator(app)
    translator.setObjectName("stretchapp-qt")
    if not translator.load(f"qtbase_{code}", str(qt_translations_dir())):
        translator.deleteLater()
        return None
    QCoreApplication.installTranslator(translator)
    return translator
