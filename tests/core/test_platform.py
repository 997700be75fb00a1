"""Everything system-specific, through the injected platform: start at login on Linux, Windows
(through a fake registry) and macOS, the one-running-copy name, and file names safe everywhere."""

from __future__ import annotations

import os
import plistlib
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from stretchapp.core import autostart, i18n, platform
from stretchapp.core.editing import RoutineDraft
from stretchapp.core.paths import Paths
from stretchapp.core.platform.base import RESTARTED_FROM
from stretchapp.core.platform.filenames import is_safe_file_name, safe_file_name
from stretchapp.core.platform.linux import LinuxPlatform
from stretchapp.core.platform.macos import MacPlatform
from stretchapp.core.platform.windows import RUN_KEY, WindowsPlatform, command_line
from stretchapp.core.routines import load_library
from stretchapp.core.sharing import suggested_name


class FakeRegistry:
    """HKEY_CURRENT_USER as a dict: {(key, name): value}."""

    def __init__(self) -> None:
        self.values: dict[tuple[str, str], str] = {}
        self.writes: list[tuple[str, ...]] = []

    def get(self, key: str, name: str) -> str | None:
        return self.values.get((key, name))

    def set(self, key: str, name: str, value: str) -> None:
        self.writes.append(("set", key, name, value))
        self.values[(key, name)] = value

    def delete(self, key: str, name: str) -> None:
        self.writes.append(("delete", key, name))
        del self.values[(key, name)]


def test_the_system_is_chosen_in_one_place() -> None:
    assert platform.system_name("linux") == "linux"
    assert platform.system_name("win32") == "windows"
    assert platform.system_name("darwin") == "macos"
    assert platform.system_name("freebsd14") == "linux"
    assert platform.current().name == platform.system_name(sys.platform)
    for name in ("linux", "windows", "macos"):
        assert platform.for_system(name).name == name
    with pytest.raises(ValueError):
        platform.for_system("amiga")


def test_an_injected_platform_is_the_one_used(tmp_path: Path) -> None:
    mac = MacPlatform(home=tmp_path)
    platform.use(mac)
    try:
        assert platform.current() is mac
        autostart.set_enabled(True, command=["/Applications/StretchApp.app/Contents/MacOS/app"])
        assert autostart.is_enabled()
        assert mac.agent_file().is_file()
    finally:
        platform.use(None)
    assert platform.current() is not mac


def test_windows_autostart_writes_one_run_value_and_removes_exactly_it() -> None:
    registry = FakeRegistry()
    registry.values[(RUN_KEY, "OtherApp")] = r'"C:\Other\other.exe"'
    windows = WindowsPlatform(registry)
    assert not windows.autostart_enabled()
    exe = r"C:\Program Files\StretchApp\stretchapp.exe"
    where = windows.set_autostart(True, [exe])
    assert where == r"HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Run\StretchApp"
    assert registry.values[(RUN_KEY, "StretchApp")] == (
        r'"C:\Program Files\StretchApp\stretchapp.exe" --background'
    )
    assert windows.autostart_enabled()
    windows.set_autostart(True, [exe])  # again: nothing rewritten
    assert len(registry.writes) == 1
    windows.set_autostart(False)
    assert registry.writes[-1] == ("delete", RUN_KEY, "StretchApp")
    assert registry.values == {(RUN_KEY, "OtherApp"): r'"C:\Other\other.exe"'}  # others stay
    windows.set_autostart(False)  # off twice: nothing to delete, nothing deleted
    assert len(registry.writes) == 2


def test_windows_command_line_parses_back() -> None:
    assert command_line([r"C:\StretchApp\stretchapp.exe", "--background"]) == (
        r'"C:\StretchApp\stretchapp.exe" --background'
    )
    assert command_line([r"C:\Python 3\python.exe", "-m", "stretchapp", "--background"]) == (
        r'"C:\Python 3\python.exe" -m stretchapp --background'
    )


def test_windows_starts_a_new_process_with_each_argument_whole() -> None:
    """Windows' execv joins the arguments unquoted ("C:\\Program" "Files\\..."): a restart
    there is a new process given the arguments as a list, which subprocess quotes."""
    spawned: list[tuple[list[str], dict[str, object]]] = []
    windows = WindowsPlatform(FakeRegistry(), spawn=lambda argv, **kw: spawned.append((argv, kw)))
    program = r"C:\Program Files\StretchApp\stretchapp.exe"
    windows.replace_process([program, "--theme", "dark"])
    [(argv, options)] = spawned
    assert argv == [program, "--theme", "dark"] and options["close_fds"] is True
    # the new copy is told which one to wait for (see the test below)
    assert options["env"][RESTARTED_FROM] == str(os.getpid())  # type: ignore[index]


def test_a_copy_started_again_waits_for_the_old_one_to_end() -> None:
    """Else on Windows it could find the old copy still listening as "the running copy",
    hand itself over to it, get no answer and end: the app would not come back."""
    from stretchapp import cli

    spawned: list[dict[str, str]] = []
    windows = WindowsPlatform(FakeRegistry(), spawn=lambda _argv, **kw: spawned.append(kw["env"]))
    windows.replace_process(["x"])
    asked: list[int] = []

    class OldCopyEnding(LinuxPlatform):
        def process_alive(self, pid: int) -> bool | None:
            asked.append(pid)
            return len(asked) < 3  # ends after two looks

    platform.use(OldCopyEnding({}))
    try:
        environment = dict(spawned[0])  # as the new copy, another process, finds it:
        environment[RESTARTED_FROM] = "424242"  # the old copy's id
        cli._wait_for_the_copy_restarting(environment)
    finally:
        platform.use(None)
    assert asked == [424242] * 3
    assert RESTARTED_FROM not in environment  # (not handed on to anything it starts)


def test_linux_and_macos_replace_the_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    execs: list[tuple[str, list[str]]] = []
    monkeypatch.setattr("os.execv", lambda path, argv: execs.append((path, argv)))
    argv = ["/opt/stretchapp/stretchapp", "--theme", "dark"]
    for system in (LinuxPlatform({"HOME": str(tmp_path)}), MacPlatform(home=tmp_path)):
        system.replace_process(argv)
    assert execs == [(argv[0], argv), (argv[0], argv)]


def test_macos_launch_agent_is_a_valid_plist_and_is_removed(tmp_path: Path) -> None:
    mac = MacPlatform(home=tmp_path)
    app = "/Applications/Stretch App.app/Contents/MacOS/stretchapp"
    mac.set_autostart(True, [app])
    path = tmp_path / "Library" / "LaunchAgents" / "io.github.stretchapp.StretchApp.plist"
    assert mac.autostart_location() == str(path)
    agent = plistlib.loads(path.read_bytes())
    assert agent["Label"] == "io.github.stretchapp.StretchApp"
    assert agent["ProgramArguments"] == [app, "--background"]  # no shell, no quoting needed
    assert agent["RunAtLoad"] is True
    (path.parent / "com.other.agent.plist").write_text("x")
    mac.set_autostart(False)
    assert sorted(p.name for p in path.parent.iterdir()) == ["com.other.agent.plist"]


@pytest.mark.parametrize(
    "program",
    [
        "/Volumes/StretchApp 0.1.0/StretchApp.app/Contents/MacOS/stretchapp",
        "/private/var/folders/x1/T/AppTranslocation/AB12/d/StretchApp.app/Contents/MacOS/stretchapp",
    ],
)
def test_macos_will_not_start_at_login_what_is_gone_after_a_restart(
    tmp_path: Path, program: str
) -> None:
    """Opened from the disk image (or from Downloads, which macOS runs from a random copy),
    the program's path is gone after the next restart: say so, write nothing."""
    mac = MacPlatform(home=tmp_path)
    with pytest.raises(OSError, match="drag it to Applications") as refused:
        mac.set_autostart(True, [program])
    assert refused.value.strerror and "Applications" in refused.value.strerror  # shown as is
    assert not mac.autostart_enabled()
    assert not (tmp_path / "Library").exists()
    on_a_drive = "/Volumes/Backup/Applications/StretchApp.app/Contents/MacOS/stretchapp"
    mac.set_autostart(True, [on_a_drive])  # another volume may well be there for good
    assert mac.autostart_enabled()


def test_linux_autostart_is_the_xdg_entry(tmp_path: Path) -> None:
    linux = LinuxPlatform({"XDG_CONFIG_HOME": str(tmp_path / "cfg"), "HOME": str(tmp_path)})
    linux.set_autostart(True, ["/opt/stretchapp/stretchapp"])
    entry = tmp_path / "cfg" / "autostart" / "stretchapp.desktop"
    assert "Exec=/opt/stretchapp/stretchapp --background\n" in entry.read_text()
    (entry.parent / "other.desktop").write_text("[Desktop Entry]\n")
    linux.set_autostart(False)
    assert [p.name for p in entry.parent.iterdir()] == ["other.desktop"]


def test_one_running_copy_names_are_valid_on_each_system(tmp_path: Path) -> None:
    config = tmp_path / "config"
    runtime = tmp_path / "run"
    linux = LinuxPlatform({"XDG_RUNTIME_DIR": str(runtime)})
    name = linux.instance_name(config)
    assert name.startswith(str(runtime) + "/stretchapp-") and len(name.encode()) <= 100
    assert linux.instance_name(config) == name  # stable
    assert linux.instance_name(tmp_path / "other") != name  # one per config folder
    deep = LinuxPlatform({"XDG_RUNTIME_DIR": "/" + "d" * 120})
    assert "/" not in deep.instance_name(config)  # too long for a socket: Qt's temp folder
    assert "/" not in LinuxPlatform({}).instance_name(config)
    for other in (WindowsPlatform(FakeRegistry()), MacPlatform(home=tmp_path)):
        pipe = other.instance_name(config)
        assert pipe.startswith("stretchapp-") and len(pipe) <= 40
        assert not set(pipe) & set('\\/:*?"<>|'), pipe


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("morning.yaml", "morning.yaml"),
        ("con.yaml", "con_.yaml"),
        ("CON", "CON_"),
        ("nul.stretchapp", "nul_.stretchapp"),
        ("Com1.tar.gz", "Com1_.tar.gz"),
        ("lpt9", "lpt9_"),
        ("aux .txt", "aux_.txt"),
        ("console.yaml", "console.yaml"),
        ('a<b>c:d"e/f\\g|h?i*j.csv', "a-b-c-d-e-f-g-h-i-j.csv"),
        ("tab\there.pdf", "tab-here.pdf"),
        ("ends with dots...", "ends with dots"),
        ("ends with space ", "ends with space"),
        ("...", "file"),
        ("", "file"),
    ],
)
def test_file_names_safe_on_windows(name: str, safe: str) -> None:
    assert safe_file_name(name) == safe
    assert is_safe_file_name(safe)
    assert is_safe_file_name(name) == (name == safe)


def test_long_names_keep_their_extension() -> None:
    name = safe_file_name("x" * 300 + ".stretchapp")
    assert len(name) == 255 and name.endswith(".stretchapp") and is_safe_file_name(name)


def test_long_names_fit_in_bytes_as_well_as_characters() -> None:
    """ext4 and macOS allow 255 bytes, not characters: a Greek name of 200 letters is 400."""
    greek = safe_file_name("Διάταση πλάτης " * 20 + ".stretchapp")
    assert greek.endswith(".stretchapp") and is_safe_file_name(greek)
    assert 250 <= len(greek.encode("utf-8")) <= 255
    assert not is_safe_file_name("a" * 254 + "é")  # 255 characters, 256 bytes
    emoji = safe_file_name("🙂" * 200)  # 4 bytes and two UTF-16 units each
    assert emoji == "🙂" * 63 and is_safe_file_name(emoji)


def test_a_routine_named_like_a_windows_device_gets_a_safe_file(paths: Paths) -> None:
    library = load_library(paths.bundled_routines_dir, paths.user_routines_dir, paths.assets_dir)
    draft = RoutineDraft.new(library, paths)
    draft.name = "Con"
    draft.add("childs-pose")
    routine_id, file = draft.target()
    assert routine_id == "con" and file.name == "con_.yaml"
    assert draft.save().ok
    assert file.is_file()
    again = RoutineDraft.new(
        load_library(paths.bundled_routines_dir, paths.user_routines_dir, paths.assets_dir), paths
    )
    again.name = "Con"
    assert again.target() == ("con-2", file.with_name("con-2.yaml"))
    (paths.user_routines_dir / "lpt1_.yaml").write_text("# not a routine\n")
    other = RoutineDraft.new(library, paths)
    other.name = "LPT1"
    assert other.target()[1].name == "lpt1_-2.yaml"  # never over a file already there
    routine = next(r for r in library.routines if r.id == "daily-back-care")
    assert suggested_name(routine) == "daily-back-care.stretchapp"
    assert suggested_name(replace(routine, id="nul")) == "nul_.stretchapp"


def test_a_frozen_build_starts_itself_at_login(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert platform.launch_command() == [str(Path(sys.executable).resolve())]
    monkeypatch.setattr(sys, "frozen", False, raising=False)
    command = platform.launch_command()
    assert command[0] != str(Path(sys.executable).resolve()) or command[1:] == ["-m", "stretchapp"]


# ---- the system's languages, where the environment names none ----------------------------


@pytest.fixture
def no_locale_environment() -> dict[str, str]:
    """What a program started from the Start menu or the Finder sees: no LANG at all."""
    return {"PATH": "/usr/bin"}


def test_windows_display_languages_choose_the_app_language(
    no_locale_environment: dict[str, str],
) -> None:
    windows = WindowsPlatform(FakeRegistry(), languages=lambda: ["de-DE", "en-US"])
    platform.use(windows)
    try:
        assert i18n.choose("system", no_locale_environment) == ("de", "de_DE")
        # an environment that names a language still wins (a terminal's LANG, a test's)
        assert i18n.choose("system", {"LANG": "fr_FR.UTF-8"}) == ("fr", "fr_FR")
        assert i18n.choose("es", no_locale_environment)[0] == "es"  # the setting wins too
    finally:
        platform.use(None)


def test_windows_that_cannot_be_asked_is_english(no_locale_environment: dict[str, str]) -> None:
    def cannot() -> list[str]:
        raise OSError("no GetUserPreferredUILanguages here")

    platform.use(WindowsPlatform(FakeRegistry(), languages=cannot))
    try:
        assert i18n.choose("system", no_locale_environment)[0] == "en"
    finally:
        platform.use(None)


def test_macos_reads_the_languages_chosen_in_system_settings(
    tmp_path: Path, no_locale_environment: dict[str, str]
) -> None:
    preferences = tmp_path / "Library" / "Preferences" / ".GlobalPreferences.plist"
    preferences.parent.mkdir(parents=True)
    preferences.write_bytes(  # binary, as macOS writes it
        plistlib.dumps({"AppleLanguages": ["es-419", "en"]}, fmt=plistlib.FMT_BINARY)
    )
    mac = MacPlatform(home=tmp_path)
    assert mac.ui_languages() == ["es-419", "en"]
    platform.use(mac)
    try:
        assert i18n.choose("system", no_locale_environment)[0] == "es"
        preferences.write_bytes(b"bplist00 damaged")
        assert mac.ui_languages() == []
        assert i18n.choose("system", no_locale_environment)[0] == "en"
    finally:
        platform.use(None)
    assert MacPlatform(home=tmp_path / "nobody").ui_languages() == []


def test_linux_takes_the_environment_alone(
    tmp_path: Path, no_locale_environment: dict[str, str]
) -> None:
    assert LinuxPlatform({"HOME": str(tmp_path)}).ui_languages() == []
    platform.use(LinuxPlatform({"HOME": str(tmp_path)}))
    try:
        assert i18n.choose("system", no_locale_environment)[0] == "en"
    finally:
        platform.use(None)


# ---- is a session's writer still running? -----------------------------------------------


class FakeKernel32:
    """OpenProcess / GetExitCodeProcess / CloseHandle for a few made-up processes."""

    def __init__(self, running: dict[int, int | str]) -> None:
        self.running = running  # pid -> exit code, or "denied"
        self.error = 0
        self.closed: list[int] = []

    def OpenProcess(self, _access: int, _inherit: bool, pid: int) -> int:
        state = self.running.get(pid)
        if state is None:
            self.error = 87  # ERROR_INVALID_PARAMETER: no such process
            return 0
        if state == "denied":
            self.error = 5
            return 0
        return pid + 1000

    def last_error(self) -> int:  # (what ctypes.get_last_error says after a failed call)
        return self.error

    def GetExitCodeProcess(self, handle: int, code: object) -> bool:
        import ctypes

        ctypes.cast(code, ctypes.POINTER(ctypes.c_ulong)).contents.value = int(
            self.running[handle - 1000]
        )
        return True

    def CloseHandle(self, handle: int) -> bool:
        self.closed.append(handle)
        return True


def test_windows_tells_a_crashed_writer_from_a_running_one() -> None:
    """On Windows os.kill(pid, 0) would end the process: the exit code is asked instead, so
    a session whose app crashed is shown as interrupted at once, not after a day."""
    kernel = FakeKernel32({10: 259, 11: 1, 12: "denied"})  # 259: STILL_ACTIVE
    windows = WindowsPlatform(FakeRegistry(), kernel32=kernel, last_error=kernel.last_error)
    assert windows.process_alive(10) is True
    assert windows.process_alive(11) is False  # ended (a crash leaves its exit code)
    assert windows.process_alive(12) is True  # someone else's: it runs
    assert windows.process_alive(13) is False  # no such process
    assert kernel.closed == [1010, 1011]  # every handle opened is closed


def test_posix_asks_with_signal_zero(tmp_path: Path) -> None:
    linux = LinuxPlatform({"HOME": str(tmp_path)})
    assert linux.process_alive(os.getpid()) is True
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert linux.process_alive(int(gone.stdout)) is False


# ---- Windows' user folders ----------------------------------------------------------------


def test_windows_folders_keep_their_long_names() -> None:
    """appdirs would give C:\\Users\\8E2C~1\\... for a user name beyond Latin-1."""
    import types

    from stretchapp.core import paths as paths_module
    from stretchapp.core.platform import windows as windows_module

    asked: list[int] = []

    class FakeShell32:
        def SHGetFolderPathW(
            self, _hwnd: object, csidl: int, _t: object, _f: int, out: object
        ) -> int:
            asked.append(csidl)
            out.value = "C:\\Users\\Дарья\\AppData\\Local"  # type: ignore[attr-defined]
            return 0

    folder = windows_module.known_folder("CSIDL_LOCAL_APPDATA", FakeShell32())
    assert folder == "C:\\Users\\Дарья\\AppData\\Local" and asked == [28]
    fake_appdirs = types.SimpleNamespace(_get_win_folder=None)
    paths_module.use_long_windows_folders(fake_appdirs, "linux")
    assert fake_appdirs._get_win_folder is None  # nothing to do elsewhere
    paths_module.use_long_windows_folders(fake_appdirs, "win32")
    assert fake_appdirs._get_win_folder is windows_module.known_folder
