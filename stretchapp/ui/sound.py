"""Cue sounds and the spoken stretch names.

People follow StretchApp lying on the floor without looking at the screen, so sound is how
the timer talks to them; but sound must never be the reason the app fails to start. Qt's
multimedia module links against libpulse on Linux and its speech module needs a speech
engine, and either can be missing on a fresh machine. So both are imported lazily, any
failure is turned into a sentence the settings pane can show, and every public call still
works (silently) when the library is missing.
"""

from __future__ import annotations

import functools
import importlib
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from PySide6.QtCore import QObject, QUrl

from stretchapp.core import i18n
from stretchapp.core.i18n import N_, _

CUES: tuple[str, ...] = ("tick", "start", "switch", "end", "finish")
SPEECH_ENGINE_ENV = "STRETCHAPP_SPEECH_ENGINE"
_MOCK_ENGINE = "mock"

# How to give the app a voice, on each system (core/platform's names).
_NO_ENGINE_REASON = {
    "linux": N_(
        "No speech engine was found. "
        "On Debian/Ubuntu install speech-dispatcher to hear the stretch names."
    ),
    "windows": N_(
        "No speech engine was found, so StretchApp does not speak the stretch names. "
        "In Windows Settings, open Time & language → Speech to add a voice."
    ),
    "macos": N_(
        "No speech engine was found, so StretchApp does not speak the stretch names. "
        "In System Settings, open Accessibility → Spoken Content to choose a voice."
    ),
}
_NO_VOICE_REASON = {
    "linux": N_(
        "No {language} voice is installed, so StretchApp does not speak. On Debian or Ubuntu "
        "install espeak-ng (with speech-dispatcher) to hear the stretch names in {language}."
    ),
    "windows": N_(
        "No {language} voice is installed, so StretchApp does not speak. In Windows Settings, "
        "open Time & language → Speech and add a {language} voice to hear the stretch names."
    ),
    "macos": N_(
        "No {language} voice is installed, so StretchApp does not speak. In System Settings, "
        "open Accessibility → Spoken Content → System voice → Manage Voices and add a "
        "{language} voice to hear the stretch names."
    ),
}


def _system() -> str:
    from stretchapp.core import platform

    return platform.current().name


def _clamp(v: float) -> float:
    return min(1.0, max(0.0, float(v)))


def _import(name: str) -> ModuleType:
    # importlib rather than `from PySide6 import X`: the latter returns an already-imported
    # submodule from the package's attributes and would ignore a module blocked in sys.modules.
    return importlib.import_module(name)


def _import_failure_reason(exc: BaseException, speech: bool = False) -> str:
    """Explain a failed Qt import in words a user can act on (for the cue sounds, or with
    `speech` for the voice)."""
    detail = str(exc)
    missing = re.search(r"(lib[\w.+-]+?\.so[\w.]*)", detail)
    if sys.platform.startswith("linux") and (missing is None or "libpulse" in missing.group(1)):
        # On Linux the wheel bundles everything else; libpulse (needed by QtMultimedia and so
        # by QtTextToSpeech too) is the one it expects from the system, so it is by far the
        # likeliest cause even when the error does not name it.
        if speech:
            return _(
                "Speech is off: the PulseAudio library (libpulse0) is not installed. "
                "Install it with your package manager to hear the stretch names."
            )
        return _(
            "Sound is off: the PulseAudio library (libpulse0) is not installed. "
            "Install it with your package manager to hear cues."
        )
    if missing is not None:
        if speech:
            text = _(
                "Speech is off: the system library {library} is missing. "
                "Install it with your package manager to hear the stretch names."
            )
        else:
            text = _(
                "Sound is off: the system library {library} is missing. "
                "Install it with your package manager to hear cues."
            )
        return text.format(library=missing.group(1))
    if speech:
        text = _("Speech is off: Qt's text-to-speech module could not be loaded ({detail}).")
    else:
        text = _("Sound is off: Qt's multimedia module could not be loaded ({detail}).")
    return text.format(detail=detail)


@functools.cache
def sound_support() -> tuple[bool, str]:
    """Whether cue sounds can play, and if not, why (cached: a settings pane asks often)."""
    try:
        _import("PySide6.QtMultimedia")
    except (ImportError, OSError) as exc:
        return False, _import_failure_reason(exc)
    return True, ""


def _choose_engine(engines: list[str]) -> str | None:
    """Pick a real speech engine; "mock" only when asked for, because it is silent."""
    wanted = os.environ.get(SPEECH_ENGINE_ENV, "").strip()
    if wanted and wanted in engines:
        return wanted
    if sys.platform.startswith("linux"):
        preferred = ["speechd", "flite"]
    elif sys.platform == "win32":
        preferred = ["winrt", "sapi"]
    elif sys.platform == "darwin":
        preferred = ["darwin", "macos"]
    else:
        preferred = []
    for name in preferred:
        if name in engines:
            return name
    real = [name for name in engines if name != _MOCK_ENGINE]
    return real[0] if real else None


@functools.cache
def _speech_support_for(env_value: str) -> tuple[bool, str, str]:
    # Keyed on the override variable so a test that sets it does not get a stale answer.
    try:
        tts = _import("PySide6.QtTextToSpeech")
    except (ImportError, OSError) as exc:
        reason = _import_failure_reason(exc, speech=True)
        return False, reason, ""
    engine = _choose_engine(list(tts.QTextToSpeech.availableEngines()))
    if engine is None:
        return False, _(_NO_ENGINE_REASON[_system()]), ""
    return True, "", engine


def speech_support() -> tuple[bool, str]:
    """Whether stretch names can be spoken, and if not, why. Cheap: no engine is started."""
    ok, reason, _engine = _speech_support_for(os.environ.get(SPEECH_ENGINE_ENV, ""))
    return ok, reason


def clear_support_cache() -> None:
    """Forget the cached checks (for tests, or after the user installed a missing package)."""
    sound_support.cache_clear()
    _speech_support_for.cache_clear()
    _language_problem_for.cache_clear()


# ---- the voice's language ------------------------------------------------------------------
# The voice speaks the app's language or not at all: an English voice reading German names
# would be worse than silence. A voice is chosen by the engine's locales: the app's own
# locale (de_DE), else its language in another country (de_AT).


def voice_locale(available: Sequence[Any], code: str, locale_name: str) -> Any | None:
    """Of an engine's locales (QLocale), the one for the app's language; None if it has none."""
    language = code.split("@")[0].split("_")[0]
    for loc in available:
        if loc.name() == locale_name:
            return loc
    for loc in available:
        if loc.name().split("_")[0] == language:
            return loc
    return None


def no_voice_reason() -> str:
    """Why the voice is silent in the app's language, and how to give it one."""
    name = i18n.active().locale.get_language_name() or i18n.active().code
    return _(_NO_VOICE_REASON[_system()]).format(language=name)


def use_language(engine: Any) -> str:
    """Set the engine to the app's language: '' when it has a voice for it, else why not."""
    active = i18n.active()
    try:
        found = voice_locale(list(engine.availableLocales()), active.code, active.locale_name)
    except Exception:  # noqa: BLE001 - an engine that cannot list locales has no known voice
        found = None
    if found is None:
        return no_voice_reason()
    engine.setLocale(found)
    return ""


@functools.cache
def _language_problem_for(env_value: str, code: str, locale_name: str) -> str:
    """Whether the engine has a voice for a language (starts a throwaway engine, once)."""
    ok, _reason, name = _speech_support_for(env_value)
    if not ok:
        return ""  # no engine at all: speech_support says so
    try:
        tts = _import("PySide6.QtTextToSpeech")
        engine = tts.QTextToSpeech(name)
    except Exception:  # noqa: BLE001 - the engine's own failure is reported when it is used
        return ""
    if engine.state() == tts.QTextToSpeech.State.Error:
        engine.deleteLater()
        return ""
    problem = use_language(engine)
    engine.deleteLater()
    return problem


def voice_language_problem() -> str:
    """Why the voice cannot speak the app's language ('' when it can, or cannot speak at all)."""
    active = i18n.active()
    return _language_problem_for(
        os.environ.get(SPEECH_ENGINE_ENV, ""), active.code, active.locale_name
    )


class CuePlayer(QObject):
    """Plays the short cue sounds with one preloaded QSoundEffect each, so a cue is instant."""

    def __init__(self, sound_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._volume = 1.0
        self._muted = False
        self._ticks_enabled = True
        self._effects: dict[str, Any] = {}
        # Replaced by the perceptual curve once QtMultimedia is known to load.
        self._linear_volume: Callable[[float], float] = _clamp
        self.available: bool
        self.unavailable_reason: str
        self.available, self.unavailable_reason = sound_support()
        if not self.available:
            return
        missing = [c for c in CUES if not (Path(sound_dir) / f"{c}.wav").is_file()]
        if missing:
            self.available = False
            self.unavailable_reason = _(
                "Sound is off: the cue files {files} are missing from {folder}. "
                "Reinstalling StretchApp should bring them back."
            ).format(files=", ".join(missing), folder=sound_dir)
            return
        mm = _import("PySide6.QtMultimedia")
        audio = getattr(mm, "QtAudio", None) or mm.QAudio  # renamed in Qt 6.7
        scale = audio.VolumeScale

        def linear(v: float) -> float:
            # A slider feels even to the ear on a logarithmic scale; QSoundEffect wants linear.
            return float(
                audio.convertVolume(
                    _clamp(v), scale.LogarithmicVolumeScale, scale.LinearVolumeScale
                )
            )

        self._linear_volume = linear
        for cue in CUES:
            effect = mm.QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(Path(sound_dir) / f"{cue}.wav")))
            self._effects[cue] = effect
        self._apply()

    def _apply(self) -> None:
        gain = self._linear_volume(self._volume)
        for effect in self._effects.values():
            effect.setVolume(gain)
            effect.setMuted(self._muted)

    def play(self, cue: str) -> None:
        """Play a cue; a no-op when sound is unavailable, muted, or ticks are switched off."""
        if cue not in CUES:
            raise ValueError(f"unknown cue {cue!r}; expected one of {', '.join(CUES)}")
        if not self.available or self._muted:
            return
        if cue == "tick" and not self._ticks_enabled:
            return
        self._effects[cue].play()

    def set_volume(self, v: float) -> None:
        self._volume = _clamp(v)
        self._apply()

    def volume(self) -> float:
        return self._volume

    def set_muted(self, muted: bool) -> None:
        self._muted = bool(muted)
        self._apply()

    def is_muted(self) -> bool:
        return self._muted

    def set_ticks_enabled(self, enabled: bool) -> None:
        """Ticks can be turned off alone: some find a per-second tick calming, others not."""
        self._ticks_enabled = bool(enabled)

    def ticks_enabled(self) -> bool:
        return self._ticks_enabled


class Voice(QObject):
    """Speaks stretch names. The engine is started on first use: speechd can take seconds."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._enabled = False
        self._muted = False
        self._volume = 1.0
        self._engine: Any = None
        self._state: Any = None  # QTextToSpeech.State, known once the module is loaded
        self._engine_name = ""
        self._failure = ""  # set once the engine was tried and could not start
        self._no_voice = ""  # set when the engine has no voice for the app's language

    @property
    def available(self) -> bool:
        return not self.unavailable_reason

    @property
    def unavailable_reason(self) -> str:
        """Why speech cannot work; before the engine is started, the cheap check's answer."""
        if self._failure:
            return self._failure
        if self._engine is not None:
            return self._no_voice
        return speech_support()[1]

    def engine_name(self) -> str:
        """The engine in use ("" until started), e.g. for the settings pane."""
        return self._engine_name

    def _ensure_engine(self) -> bool:
        if self._engine is not None:
            return True
        if self._failure:
            return False
        ok, reason, name = _speech_support_for(os.environ.get(SPEECH_ENGINE_ENV, ""))
        if not ok:
            self._failure = reason
            return False
        try:
            tts = _import("PySide6.QtTextToSpeech")
            engine = tts.QTextToSpeech(name, self)
        except Exception as exc:  # noqa: BLE001 - any engine failure just means "no voice"
            self._failure = _(
                "Speech is off: the {engine} speech engine could not start ({detail})."
            ).format(engine=name, detail=exc)
            return False
        if engine.state() == tts.QTextToSpeech.State.Error:
            self._failure = _(
                "Speech is off: the {engine} speech engine could not start ({detail})."
            ).format(engine=name, detail=engine.errorString() or _("no details"))
            engine.deleteLater()
            return False
        engine.setVolume(self._volume)
        self._no_voice = use_language(engine)
        if hasattr(engine, "errorOccurred"):  # Qt 6.6+; a dead speechd shows up here
            engine.errorOccurred.connect(self._on_error)
        self._engine = engine
        self._state = tts.QTextToSpeech.State
        self._engine_name = name
        return True

    def _on_error(self, _reason: object, message: str) -> None:
        self._failure = _("Speech is off: the {engine} speech engine failed ({detail}).").format(
            engine=self._engine_name, detail=message
        )

    def set_enabled(self, enabled: bool) -> None:
        """Enabling starts the engine, so the settings pane can say at once if it fails."""
        self._enabled = bool(enabled)
        if self._enabled:
            self._ensure_engine()
        else:
            self._stop()

    def is_enabled(self) -> bool:
        return self._enabled

    def say(self, text: str) -> None:
        """Speak text, cutting off anything still being said: the newest cue is what matters."""
        if not self._enabled or self._muted or not text.strip():
            return
        if not self._ensure_engine() or self._no_voice:
            return  # never an English voice reading another language
        self._stop()
        self._engine.say(text)

    def _stop(self) -> None:
        if self._engine is None:
            return
        if self._engine.state() not in (self._state.Ready, self._state.Error):
            self._engine.stop()

    def set_volume(self, v: float) -> None:
        self._volume = _clamp(v)
        if self._engine is not None:
            self._engine.setVolume(self._volume)

    def volume(self) -> float:
        return self._volume

    def set_muted(self, muted: bool) -> None:
        """Muting also silences a sentence already under way."""
        self._muted = bool(muted)
        if self._muted:
            self._stop()

    def is_muted(self) -> bool:
        return self._muted
