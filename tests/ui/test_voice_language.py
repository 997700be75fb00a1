"""The voice speaks the app's language or says why it cannot: never an English voice reading
German. Tested with a fake engine that lists its locales, and with Qt's own mock engine."""

from __future__ import annotations

import enum
import sys
import types
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot

from stretchapp.core import i18n
from stretchapp.core.paths import Paths
from stretchapp.ui import sound
from stretchapp.ui.sound import Voice


@pytest.fixture(autouse=True)
def fresh(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    sound.clear_support_cache()
    yield
    i18n.reset()
    sound.clear_support_cache()


def locales(*names: str) -> list[QLocale]:
    return [QLocale(n) for n in names]


def test_the_locale_is_the_apps_own_else_its_language_in_another_country() -> None:
    pick = sound.voice_locale
    assert pick(locales("en_US", "de_AT", "de_DE"), "de", "de_DE").name() == "de_DE"
    assert pick(locales("en_US", "de_CH"), "de", "de_DE").name() == "de_CH"
    assert pick(locales("fr_CA", "en_GB"), "fr", "fr_FR").name() == "fr_CA"
    assert pick(locales("en_US", "fr_FR"), "de", "de_DE") is None
    assert pick(locales("en_US", "es_ES"), "en", "en_GB").name() == "en_US"
    assert pick([], "es", "es_ES") is None


class FakeEngine:
    """A speech engine with the locales it is given; it records what it is asked to say."""

    class State(enum.Enum):
        Ready = 0
        Speaking = 1
        Error = 3

    offered: tuple[str, ...] = ()
    made: list[FakeEngine] = []  # noqa: RUF012 - the engines made, for the test to look at

    @staticmethod
    def availableEngines() -> list[str]:
        return ["speechd"]

    def __init__(self, *args: object) -> None:
        self.locale_set: str | None = None
        self.said: list[str] = []
        FakeEngine.made.append(self)

    def state(self) -> FakeEngine.State:
        return FakeEngine.State.Ready

    def availableLocales(self) -> list[QLocale]:
        return locales(*self.offered)

    def setLocale(self, locale: QLocale) -> None:
        self.locale_set = locale.name()

    def setVolume(self, volume: float) -> None:
        pass

    def say(self, text: str) -> None:
        self.said.append(text)

    def stop(self) -> None:
        pass

    def deleteLater(self) -> None:
        pass


def fake_engine(monkeypatch: pytest.MonkeyPatch, *offered: str) -> type[FakeEngine]:
    monkeypatch.delenv(sound.SPEECH_ENGINE_ENV, raising=False)
    monkeypatch.setattr(FakeEngine, "offered", offered)
    monkeypatch.setattr(FakeEngine, "made", [])
    module = types.ModuleType("PySide6.QtTextToSpeech")
    module.QTextToSpeech = FakeEngine  # type: ignore[attr-defined]
    FakeEngine.State.__qualname__ = "QTextToSpeech.State"
    monkeypatch.setitem(sys.modules, "PySide6.QtTextToSpeech", module)
    return FakeEngine


def test_without_a_german_voice_nothing_is_said_and_the_reason_is_given(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_engine(monkeypatch, "en_US", "en_GB", "fr_FR")
    i18n.activate("de")
    voice = Voice()
    voice.set_enabled(True)
    voice.say("Kindhaltung")
    (engine,) = FakeEngine.made
    assert engine.said == [] and engine.locale_set is None  # no English voice reading German
    assert not voice.available
    assert voice.unavailable_reason.startswith("Für Deutsch ist keine Stimme installiert")
    assert "espeak-ng" in voice.unavailable_reason
    assert sound.voice_language_problem() == voice.unavailable_reason


def test_with_a_voice_for_the_language_it_is_chosen_and_speaks(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_engine(monkeypatch, "en_US", "fr_CA", "de_DE")
    i18n.activate("fr")
    voice = Voice()
    voice.set_enabled(True)
    voice.say("Posture de l'enfant")
    (engine,) = FakeEngine.made
    assert engine.locale_set == "fr_CA"  # French from another country beats none
    assert engine.said == ["Posture de l'enfant"]
    assert voice.available and sound.voice_language_problem() == ""


def test_english_uses_an_english_voice(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_engine(monkeypatch, "de_DE", "en_GB")
    voice = Voice()
    voice.set_enabled(True)
    voice.say("Child's pose")
    assert FakeEngine.made[0].locale_set == "en_GB"
    assert FakeEngine.made[0].said == ["Child's pose"]


def test_qts_mock_engine_has_no_spanish_voice(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("PySide6.QtTextToSpeech")
    monkeypatch.setenv(sound.SPEECH_ENGINE_ENV, "mock")  # it speaks en, nb, nn and fi only
    i18n.activate("es")
    voice = Voice()
    voice.set_enabled(True)
    assert voice.engine_name() == "mock"
    words: list[str] = []
    voice._engine.sayingWord.connect(lambda word, *_: words.append(word))
    voice.say("Postura del niño")
    qtbot.wait(50)  # the mock engine would speak at once; nothing may come
    assert words == []
    assert voice.unavailable_reason.startswith("No hay ninguna voz en español instalada")
    i18n.reset()
    english = Voice()
    english.set_enabled(True)
    assert english.available and english._engine.locale().name().startswith("en")


def test_settings_say_so_and_grey_out_the_voice(
    qtbot: QtBot, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stretchapp.core.settings import SettingsStore
    from stretchapp.ui.controller import SettingsModel
    from stretchapp.ui.settings import SettingsPage

    fake_engine(monkeypatch, "en_US")
    i18n.activate("de")
    store = SettingsStore(paths)
    settings, messages = store.load()
    page = SettingsPage(paths, SettingsModel(store, settings, messages), [])
    qtbot.addWidget(page)
    voice = page.preferences.controls["voice"]
    assert not voice.isEnabled()
    assert "Für Deutsch ist keine Stimme installiert" in page.preferences.reasons["voice"].text()
    assert "espeak-ng" in voice.toolTip()


@pytest.mark.parametrize(
    ("system", "advice"),
    [
        ("linux", "espeak-ng"),
        ("windows", "Time & language → Speech"),
        ("macos", "Accessibility → Spoken Content"),
    ],
)
def test_how_to_add_a_voice_is_told_the_way_each_system_does_it(system: str, advice: str) -> None:
    """No Debian package names for someone on Windows or a Mac."""
    from stretchapp.core import platform
    from stretchapp.core.platform.linux import LinuxPlatform
    from stretchapp.core.platform.macos import MacPlatform
    from stretchapp.core.platform.windows import WindowsPlatform

    chosen = {"linux": LinuxPlatform({}), "windows": WindowsPlatform(), "macos": MacPlatform()}
    platform.use(chosen[system])
    try:
        i18n.activate("en")
        assert advice in sound.no_voice_reason()
        assert "English" in sound.no_voice_reason()
        markers = {"linux": "espeak-ng", "windows": "Time & language", "macos": "Spoken Content"}
        for other, marker in markers.items():
            assert (marker in sound.no_voice_reason()) == (other == system)
    finally:
        platform.use(None)
