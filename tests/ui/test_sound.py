"""Cue sounds (the WAV files and the script that makes them) and the Qt sound/voice layer."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import importlib
import math
import struct
import subprocess
import sys
import types
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from stretchapp.ui import sound
from stretchapp.ui.sound import CUES, CuePlayer, Voice

ROOT = Path(__file__).resolve().parents[2]
SOUNDS = ROOT / "assets" / "sounds"
SCRIPT = ROOT / "scripts" / "make-sounds"
LINUX = sys.platform.startswith("linux")


def _require(module: str) -> None:
    try:
        importlib.import_module(module)
    except (ImportError, OSError) as exc:
        pytest.skip(f"{module} cannot be loaded on this machine ({exc})")


def _read(path: Path) -> tuple[Any, list[int]]:
    with wave.open(str(path), "rb") as w:
        params = w.getparams()
        data = w.readframes(params.nframes)
    return params, list(struct.unpack(f"<{len(data) // 2}h", data))


@pytest.fixture(autouse=True)
def _fresh_support_cache() -> Iterator[None]:
    # Tests below block modules and change the engine variable; no answer may leak across.
    sound.clear_support_cache()
    yield
    sound.clear_support_cache()


class FakeEffect:
    """Stands in for QSoundEffect to see which cues actually reach the player."""

    def __init__(self, log: list[str], name: str) -> None:
        self.log, self.name = log, name

    def play(self) -> None:
        self.log.append(self.name)

    def setVolume(self, v: float) -> None:
        pass

    def setMuted(self, m: bool) -> None:
        pass


# --- the WAV files -------------------------------------------------------------------------


@pytest.mark.parametrize("cue", CUES)
def test_cue_file_is_a_short_soft_valid_wav(cue: str) -> None:
    path = SOUNDS / f"{cue}.wav"
    assert path.is_file(), f"{path} is missing; run scripts/make-sounds"
    params, samples = _read(path)
    assert params.nchannels == 1
    assert params.sampwidth == 2
    assert params.framerate in (22050, 44100)
    assert 0 < params.nframes / params.framerate < 1.0
    peak = max(abs(s) for s in samples)
    peak_dbfs = 20 * math.log10(peak / 32768)
    assert -12.0 < peak_dbfs < 0.0, f"{cue} peaks at {peak_dbfs:.2f} dBFS"
    assert peak < 32767, "clipped"
    # Starting or stopping on a non-zero sample clicks.
    assert abs(samples[0]) < 50 and abs(samples[-1]) < 50
    assert path.stat().st_size < 200_000


def test_the_five_cues_differ() -> None:
    pcm = {cue: tuple(_read(SOUNDS / f"{cue}.wav")[1]) for cue in CUES}
    assert len(set(pcm.values())) == len(CUES)
    lengths = {cue: len(s) for cue, s in pcm.items()}
    assert lengths["tick"] < min(v for k, v in lengths.items() if k != "tick") / 4


def test_cue_loudness_is_similar() -> None:
    def rms_db(cue: str) -> float:
        samples = _read(SOUNDS / f"{cue}.wav")[1]
        return 10 * math.log10(sum(s * s for s in samples) / len(samples) / 32768**2)

    levels = [rms_db(c) for c in CUES if c != "tick"]
    assert max(levels) - min(levels) < 1.0
    assert min(levels) - 8.0 < rms_db("tick") <= max(levels)


def test_make_sounds_is_deterministic_and_matches_committed_files(tmp_path: Path) -> None:
    for run in ("a", "b"):
        subprocess.run(
            [sys.executable, str(SCRIPT), "--out", str(tmp_path / run), "--quiet"],
            check=True,
            timeout=120,
        )
    for cue in CUES:
        made = (tmp_path / "a" / f"{cue}.wav").read_bytes()
        assert made == (tmp_path / "b" / f"{cue}.wav").read_bytes(), f"{cue} differs run to run"
        assert made == (SOUNDS / f"{cue}.wav").read_bytes(), (
            f"committed {cue}.wav is stale; run scripts/make-sounds and commit the result"
        )


def test_make_sounds_prints_a_summary(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    for cue in CUES:
        assert any(line.startswith(cue) for line in out.splitlines()), out
    assert "peak dBFS" in out and "RMS dBFS" in out


# --- importing without the libraries -------------------------------------------------------


def test_module_imports_and_reports_when_qt_audio_libraries_are_missing() -> None:
    code = (
        "import sys\n"
        "sys.modules['PySide6.QtMultimedia'] = None\n"
        "sys.modules['PySide6.QtTextToSpeech'] = None\n"
        "from stretchapp.ui import sound\n"
        "print(sound.sound_support())\n"
        "print(sound.speech_support())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr
    sound_line, speech_line = result.stdout.splitlines()
    assert sound_line.startswith("(False, ")
    assert speech_line.startswith("(False, ")


def test_libpulse_error_is_explained() -> None:
    exc = ImportError("libpulse.so.0: cannot open shared object file: No such file or directory")
    assert "libpulse" in sound._import_failure_reason(exc)
    other = ImportError("libfoo-bar.so.3: cannot open shared object file")
    assert "libfoo-bar.so.3" in sound._import_failure_reason(other)


@pytest.mark.skipif(not LINUX, reason="libpulse is a Linux system library")
def test_a_broken_libpulse_is_reported_not_raised(tmp_path: Path) -> None:
    # An empty libpulse.so.0 first on the library path fails to load just like a missing one.
    (tmp_path / "libpulse.so.0").write_bytes(b"")
    code = (
        "from pathlib import Path\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from stretchapp.ui import sound\n"
        "app = QCoreApplication([])\n"
        "player = sound.CuePlayer(Path('assets/sounds'))\n"
        "player.play('start')\n"
        "print(player.available)\n"
        "print(player.unavailable_reason)\n"
        "print(sound.speech_support()[1])\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LD_LIBRARY_PATH": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    available, sound_reason, speech_reason = result.stdout.splitlines()
    assert available == "False"
    assert "libpulse0" in sound_reason and sound_reason.startswith("Sound is off")
    assert "libpulse0" in speech_reason and speech_reason.startswith("Speech is off")


# --- CuePlayer -----------------------------------------------------------------------------


def test_cue_player_without_qtmultimedia_is_silent_and_explains(
    qtbot: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)
    ok, reason = sound.sound_support()
    assert not ok
    player = CuePlayer(SOUNDS)
    assert player.available is False
    assert player.unavailable_reason == reason != ""
    if LINUX:
        assert "libpulse0" in player.unavailable_reason
    for cue in CUES:
        player.play(cue)  # a no-op, not an error
    with pytest.raises(ValueError, match="unknown cue"):
        player.play("gong")
    # Settings still round-trip, so the settings pane works either way.
    player.set_volume(0.25)
    player.set_muted(True)
    assert player.volume() == 0.25 and player.is_muted()


def test_cue_player_with_missing_files_explains(qtbot: object, tmp_path: Path) -> None:
    _require("PySide6.QtMultimedia")
    player = CuePlayer(tmp_path)
    assert not player.available
    assert "missing" in player.unavailable_reason and "tick" in player.unavailable_reason
    player.play("start")


def test_cue_player_volume_clamps_and_reaches_the_effects(qtbot: object) -> None:
    _require("PySide6.QtMultimedia")
    player = CuePlayer(SOUNDS)
    assert player.available and player.unavailable_reason == ""
    player.set_volume(1.7)
    assert player.volume() == 1.0
    assert player._effects["start"].volume() == pytest.approx(1.0)
    player.set_volume(-0.3)
    assert player.volume() == 0.0
    assert player._effects["start"].volume() == pytest.approx(0.0)
    player.set_volume(0.5)
    assert player.volume() == 0.5
    # The slider is perceptual, so half way is well under half the linear gain.
    assert 0.0 < player._effects["end"].volume() < 0.5


def test_cue_player_mute_reaches_the_effects(qtbot: object) -> None:
    _require("PySide6.QtMultimedia")
    player = CuePlayer(SOUNDS)
    player.set_muted(True)
    assert player.is_muted()
    assert all(e.isMuted() for e in player._effects.values())
    player.set_muted(False)
    assert not player.is_muted()
    assert not any(e.isMuted() for e in player._effects.values())


def test_cue_player_plays_every_cue_and_rejects_unknown(qtbot: object) -> None:
    _require("PySide6.QtMultimedia")
    player = CuePlayer(SOUNDS)
    for cue in CUES:
        player.play(cue)
    with pytest.raises(ValueError, match="unknown cue"):
        player.play("Tick")


def test_cue_player_routing_of_mute_and_ticks(qtbot: object) -> None:
    _require("PySide6.QtMultimedia")
    player = CuePlayer(SOUNDS)
    played: list[str] = []
    player._effects = {cue: FakeEffect(played, cue) for cue in CUES}
    player.play("tick")
    player.play("start")
    player.set_ticks_enabled(False)
    assert not player.ticks_enabled()
    player.play("tick")
    player.play("switch")
    player.set_muted(True)
    player.play("end")
    player.set_muted(False)
    player.set_ticks_enabled(True)
    player.play("tick")
    assert played == ["tick", "start", "switch", "tick"]


# --- Voice ---------------------------------------------------------------------------------


@pytest.fixture
def mock_voice(qtbot: object, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Voice, list]]:
    _require("PySide6.QtTextToSpeech")
    monkeypatch.setenv(sound.SPEECH_ENGINE_ENV, "mock")
    voice = Voice()
    assert voice._engine is None, "the engine must not start before it is needed"
    voice.set_enabled(True)
    assert voice.available, voice.unavailable_reason
    assert voice.engine_name() == "mock"
    words: list[str] = []
    voice._engine.sayingWord.connect(lambda word, *_: words.append(word))
    yield voice, words
    voice.set_enabled(False)


def test_voice_says_when_enabled(mock_voice: tuple[Voice, list], qtbot: object) -> None:
    voice, words = mock_voice
    voice.say("hello there")
    qtbot.waitUntil(lambda: words == ["hello", "there"], timeout=3000)


def speaking(voice: Voice) -> bool:
    """Whether the engine is saying something now. The mock engine changes its state at once
    on say() and stop(); back in Ready, it says no more words."""
    return voice._engine.state() != voice._engine.state().Ready


def test_voice_is_silent_when_disabled_or_muted(
    mock_voice: tuple[Voice, list], qtbot: QtBot
) -> None:
    voice, words = mock_voice
    voice.set_enabled(False)
    assert not voice.is_enabled()
    with qtbot.assertNotEmitted(voice._engine.stateChanged):
        voice.say("disabled")
    voice.set_enabled(True)
    voice.set_muted(True)
    assert voice.is_muted()
    with qtbot.assertNotEmitted(voice._engine.stateChanged):
        voice.say("muted")
    assert not speaking(voice) and words == []
    voice.set_muted(False)
    voice.say("back")
    assert speaking(voice)
    qtbot.waitUntil(lambda: not speaking(voice), timeout=3000)
    assert words == ["back"]


def test_voice_newer_cue_interrupts(mock_voice: tuple[Voice, list], qtbot: QtBot) -> None:
    voice, words = mock_voice
    voice.say("one two three four five six seven eight nine ten")
    qtbot.waitUntil(lambda: "one" in words, timeout=3000)
    voice.say("next")
    qtbot.waitUntil(lambda: not speaking(voice), timeout=3000)  # all it says, it has said
    assert "ten" not in words
    assert words[-1] == "next"


def test_voice_mute_cuts_the_current_sentence(mock_voice: tuple[Voice, list], qtbot: QtBot) -> None:
    voice, words = mock_voice
    voice.say("one two three four five six seven eight nine ten")
    qtbot.waitUntil(lambda: "one" in words, timeout=3000)
    voice.set_muted(True)
    assert not speaking(voice)  # stopped at once: no further word comes
    assert "ten" not in words


def test_voice_volume_clamps_and_reaches_the_engine(mock_voice: tuple[Voice, list]) -> None:
    voice, _ = mock_voice
    voice.set_volume(3.0)
    assert voice.volume() == 1.0
    assert voice._engine.volume() == pytest.approx(1.0)
    voice.set_volume(0.3)
    assert voice._engine.volume() == pytest.approx(0.3)
    voice.set_volume(-1)
    assert voice.volume() == 0.0


def test_engine_choice_never_picks_mock_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(sound.SPEECH_ENGINE_ENV, raising=False)
    assert sound._choose_engine(["mock"]) is None
    assert sound._choose_engine([]) is None
    assert sound._choose_engine(["mock", "flite"]) == "flite"
    if LINUX:
        assert sound._choose_engine(["mock", "flite", "speechd"]) == "speechd"
    monkeypatch.setenv(sound.SPEECH_ENGINE_ENV, "mock")
    assert sound._choose_engine(["speechd", "mock"]) == "mock"


def _fake_tts(monkeypatch: pytest.MonkeyPatch, engines: list[str], fail: bool = False) -> None:
    class FakeTextToSpeech:
        @staticmethod
        def availableEngines() -> list[str]:
            return engines

        def __init__(self, *args: object) -> None:
            if fail:
                raise RuntimeError("engine exploded")

    module = types.ModuleType("PySide6.QtTextToSpeech")
    module.QTextToSpeech = FakeTextToSpeech  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "PySide6.QtTextToSpeech", module)


def test_only_mock_engine_means_no_speech(qtbot: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(sound.SPEECH_ENGINE_ENV, raising=False)
    _fake_tts(monkeypatch, ["mock"])
    ok, reason = sound.speech_support()
    assert not ok
    assert "speech-dispatcher" in reason
    voice = Voice()
    voice.set_enabled(True)
    voice.say("nobody hears this")
    assert not voice.available
    assert voice.unavailable_reason == reason


def test_engine_that_fails_to_start_marks_voice_unavailable(
    qtbot: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(sound.SPEECH_ENGINE_ENV, raising=False)
    _fake_tts(monkeypatch, ["speechd"], fail=True)
    assert sound.speech_support() == (True, "")
    voice = Voice()
    assert voice.available  # not known to fail until it is tried
    voice.set_enabled(True)
    assert not voice.available
    assert "could not start" in voice.unavailable_reason
    assert "engine exploded" in voice.unavailable_reason
    voice.say("still no error")


def test_voice_without_qttexttospeech(qtbot: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "PySide6.QtTextToSpeech", None)
    voice = Voice()
    assert not voice.available
    assert voice.unavailable_reason
    voice.set_enabled(True)
    voice.say("nothing")
    voice.set_volume(0.4)
    assert voice.volume() == 0.4
