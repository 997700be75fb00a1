"""Links and clinic actions fail honestly: when the desktop has nothing to open a link with,
the window says so and offers Copy; every clinic detail can be copied."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from stretchapp.core.paths import Paths
from stretchapp.core.settings import with_scheme
from stretchapp.ui.links import COPIED, COPY, LinkNotice
from stretchapp.ui.settings import ClinicDialog, SettingsPage
from tests.ui.test_settings_page import CLINIC, make_page

FULL_CLINIC = CLINIC + "website: https://riverside.example.org\n"


@pytest.fixture
def no_handler(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A desktop with no app for any link: openUrl says False, as Qt does then."""
    tried: list[str] = []

    def refuse(url: object) -> bool:
        tried.append(url.toString())  # type: ignore[attr-defined]
        return False

    monkeypatch.setattr(QDesktopServices, "openUrl", refuse)
    return tried


def clinic_page(qtbot: QtBot, paths: Paths) -> SettingsPage:
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    paths.user_clinic_file.write_text(FULL_CLINIC, encoding="utf-8")
    page = make_page(qtbot, paths)
    page.show_section("Your clinic")
    page.show()
    qtbot.waitExposed(page)
    return page


def notice_in(widget: QWidget) -> LinkNotice:
    notices = widget.window().findChildren(LinkNotice)
    assert len(notices) == 1, "a link that did not open says so, once"
    return notices[0]


@pytest.mark.parametrize(
    ("action", "copied"),
    [
        ("call", "+1 555 0100"),
        ("email", "hello@example.org"),
        ("website", "https://riverside.example.org"),
        ("book", "+1 555 0100"),
    ],
)
def test_a_clinic_link_that_cannot_open_says_so_and_offers_copy(
    qtbot: QtBot, paths: Paths, no_handler: list[str], action: str, copied: str
) -> None:
    page = clinic_page(qtbot, paths)
    qtbot.mouseClick(page.clinic.action_buttons[action], Qt.MouseButton.LeftButton)
    assert no_handler, "it was tried"
    notice = notice_in(page)
    assert notice.isVisible()
    said = " ".join(label.text() for label in notice.findChildren(QLabel))
    assert "could not be opened" in said and "no app" in said
    assert notice.value.text() == copied
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(notice.copy, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == copied
    qtbot.mouseClick(notice.close_button, Qt.MouseButton.LeftButton)
    assert not notice.isVisible()


def test_the_map_link_offers_the_address(qtbot: QtBot, paths: Paths, no_handler: list[str]) -> None:
    page = clinic_page(qtbot, paths)
    qtbot.mouseClick(page.clinic.action_buttons["map"], Qt.MouseButton.LeftButton)
    assert "openstreetmap" in no_handler[0]
    assert notice_in(page).value.text().startswith("12 High Street")


def test_a_link_that_opens_shows_no_notice(
    qtbot: QtBot, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)
    page = clinic_page(qtbot, paths)
    qtbot.mouseClick(page.clinic.action_buttons["call"], Qt.MouseButton.LeftButton)
    assert not page.window().findChildren(LinkNotice)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("copy", "+1 555 0100"),
        ("copy_email", "hello@example.org"),
        ("copy_website", "https://riverside.example.org"),
    ],
)
def test_every_clinic_detail_has_copy_that_keeps_its_size(
    qtbot: QtBot, paths: Paths, key: str, value: str
) -> None:
    page = clinic_page(qtbot, paths)
    assert "copy_address" in page.clinic.action_buttons
    button = page.clinic.action_buttons[key]
    assert isinstance(button, QPushButton) and button.text() == COPY
    width = button.width()
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert button.text() == COPIED and QGuiApplication.clipboard().text() == value
    QApplication.processEvents()
    assert button.width() == width
    assert button.sizeHint().width() <= button.width()  # "Copied ✓" is not cut off


def test_a_website_typed_without_a_scheme_gets_https(qtbot: QtBot, paths: Paths) -> None:
    assert with_scheme("example.org") == "https://example.org"
    assert with_scheme(" http://example.org ") == "http://example.org"
    assert with_scheme("") == ""
    assert with_scheme("example.org:8080/x") == "https://example.org:8080/x"
    assert with_scheme("javascript:alert(1)") == "javascript:alert(1)"  # refused by the check
    dialog = ClinicDialog(paths, None)
    qtbot.addWidget(dialog)
    dialog.inputs["name"].setText("My Physio")  # type: ignore[union-attr]
    dialog.inputs["website"].setText("myphysio.example.org")  # type: ignore[union-attr]
    assert dialog.save()
    assert dialog.saved is not None and dialog.saved.website == "https://myphysio.example.org"


def test_the_notice_holds_focus_and_gives_it_back(
    qtbot: QtBot, paths: Paths, no_handler: list[str]
) -> None:
    page = clinic_page(qtbot, paths)
    page.activateWindow()
    call = page.clinic.action_buttons["call"]
    call.setFocus()
    qtbot.waitUntil(call.hasFocus)
    qtbot.keyClick(call, Qt.Key.Key_Space)
    notice = notice_in(page)
    qtbot.waitUntil(notice.copy.hasFocus)
    qtbot.keyClick(notice.copy, Qt.Key.Key_Escape)
    assert not notice.isVisible()
    qtbot.waitUntil(call.hasFocus)
