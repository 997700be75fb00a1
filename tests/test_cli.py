"""The `stretchapp` command as a person types it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from stretchapp import __version__
from stretchapp.cli import main
from stretchapp.core.paths import Paths


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stretchapp", *args],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=60,
    )


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"stretchapp {__version__}"


def test_help_names_the_commands() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in ("validate", "routines", "--version"):
        assert command in result.stdout


def test_validate_bundled_files_are_ok(paths: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted(paths.bundled_routines_dir.glob("*.yaml"))
    assert main(["validate", *map(str, files)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [f"{f}: OK" for f in files]


def test_validate_reports_each_problem_and_fails(
    paths: Paths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nroutines:\n  - id: r\n    nmae: R\n    stretches: [cat-cow]\n")
    good = tmp_path / "good.yaml"
    good.write_text("version: 1\nroutines:\n  - {id: g, name: G, stretches: [cat-cow]}\n")
    assert main(["validate", str(good), str(bad)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"{good}: OK"
    assert lines[1].startswith(
        f"{bad}:4: routines[r].nmae: is not a known field; did you mean 'name'?"
    )
    assert lines[2] == f"{bad}:3: routines[r].name: is missing (plain text, at most 60 characters)"


def test_validate_checks_a_shared_routine_as_an_import_would(
    paths: Paths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A .stretchapp file was read as a routine file: "not UTF-8 text (save it as UTF-8)"."""
    import zipfile

    from stretchapp.core.routines import load_library
    from stretchapp.core.sharing import export_routine

    library = load_library(paths.bundled_routines_dir, None, paths.assets_dir)
    good = export_routine(library.routines[0], tmp_path / "plan.stretchapp")
    bad = tmp_path / "broken.stretchapp"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("routine.yaml", "version: 1\n")
        archive.writestr("images/a.png", "not a picture")
    assert main(["validate", str(good), str(bad)]) == 1
    out = capsys.readouterr().out
    assert f"{good}: OK" in out
    assert "'images/a.png': named PNG but not a picture by its content" in out
    assert "UTF-8" not in out


def test_validate_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "gone.yaml")]) == 1
    assert "cannot be read" in capsys.readouterr().out


def test_routines_lists_bundled_and_user_and_failures(
    paths: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    paths.user_routines_dir.mkdir(parents=True)
    (paths.user_routines_dir / "mine.yaml").write_text(
        "version: 1\nroutines:\n  - {id: mine, name: Mine, stretches: [cat-cow]}\n"
    )
    (paths.user_routines_dir / "broken.yaml").write_text("version: 1\nroutines: 5\n")
    assert main(["routines"]) == 1
    out = capsys.readouterr().out
    rows = {line.split()[0]: line for line in out.splitlines() if line and not line[0].isspace()}
    assert rows["daily-back-care"].rstrip().endswith("bundled")
    assert rows["mine"].rstrip().endswith("user")
    assert "1 file could not be loaded" in out
    assert f"{paths.user_routines_dir / 'broken.yaml'}:2: routines: is a number" in out


def test_routines_exit_zero_when_all_load(paths: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["routines"]) == 0
    assert "desk-break" in capsys.readouterr().out


def test_validate_checks_a_health_file_by_its_own_format(
    paths: Paths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundled = paths.assets_dir / "health.yaml"
    assert main(["validate", str(bundled)]) == 0
    assert capsys.readouterr().out.splitlines() == [f"{bundled}: OK"]
    edited = tmp_path / "health.yaml"
    edited.write_text(
        bundled.read_text(encoding="utf-8").replace("- id: today\n", "- id: later\n"),
        encoding="utf-8",
    )
    assert main(["validate", str(edited)]) == 1
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith(f"{edited}:") and "red_flags: is missing 'today'" in line


def test_a_name_cannot_forge_a_line_in_routines(
    paths: Paths, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = paths.user_routines_dir
    folder.mkdir(parents=True)
    forged = folder / "evil\nfake-routine  Fake  1 min  bundled.yaml"
    forged.write_text(
        'version: 1\nroutines:\n  - id: evil\n    name: "Evil\\nforged  Forged  1 min  bundled"\n'
        "    stretches: [cat-cow]\n",
        encoding="utf-8",
    )
    main(["routines"])
    lines = capsys.readouterr().out.splitlines()
    assert not any(line.startswith(("forged", "fake-routine")) for line in lines), lines
    assert any("\\n" in line for line in lines)


def run_in(
    language: str, lang: str, tmp_path: Path, *args: str
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES")}
    env.update(
        LANGUAGE=language,
        LANG=lang,
        STRETCHAPP_CONFIG_DIR=str(tmp_path / "config"),
        STRETCHAPP_DATA_DIR=str(tmp_path / "data"),
    )
    return subprocess.run(
        [sys.executable, "-m", "stretchapp", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


ROUTINE_PROBLEMS = (
    "version: 1\n"
    "stretches:\n"
    "  - id: mine\n"
    "    name: Mine\n"
    "    steps: [Lie down., Breathe.]\n"
    "    hold: 20\n"
    "    reps: 3\n"
    "    images: [../outside.png]\n"
    "routines:\n"
    "  - id: r\n"
    "    name: R\n"
    "    stretches: [cat-cov]\n"
)


@pytest.mark.parametrize(
    ("language", "lang", "expected"),
    [
        (
            "de",
            "de_DE.UTF-8",
            [
                ":3: stretches[mine]: hat sowohl hold als auch reps (nur eines davon)",
                ":8: stretches[mine].images[1]: '../outside.png' führt aus dem Ordner dieser "
                "Datei hinaus",
                ":12: routines[r].stretches[1].stretch: keine Dehnübung hat die ID 'cat-cov'; "
                "meinten Sie 'cat-cow'?",
            ],
        ),
        ("fr", "fr_FR.UTF-8", [":3: stretches[mine]: a à la fois hold et reps"]),
        ("es", "es_ES.UTF-8", [":3: stretches[mine]: tiene hold y reps a la vez"]),
    ],
)
def test_validate_answers_in_the_users_language(
    tmp_path: Path, language: str, lang: str, expected: list[str]
) -> None:
    bad = tmp_path / "mine.yaml"
    bad.write_text(ROUTINE_PROBLEMS, encoding="utf-8")
    result = run_in(language, lang, tmp_path, "validate", str(bad))
    assert result.returncode == 1
    for text in expected:
        assert f"{bad}{text}" in result.stdout, result.stdout


def test_history_names_a_bundled_routine_in_the_users_language(tmp_path: Path) -> None:
    """A session recorded in English reads in German once the app speaks German; the CSV
    keeps the name as recorded."""
    from datetime import UTC, datetime

    from stretchapp.core.history import HistoryStore

    data = tmp_path / "data"
    data.mkdir()
    store, _notice = HistoryStore.open(data / "history.sqlite3")
    store.add_session(datetime(2026, 11, 2, 9, tzinfo=UTC), "daily-back-care", "Daily back care")
    store.close()
    shown = run_in("de", "de_DE.UTF-8", tmp_path, "history")
    assert shown.returncode == 0, shown.stderr
    assert "Tägliche Rückenpflege" in shown.stdout
    assert "Daily back care" not in shown.stdout
    csv = run_in("de", "de_DE.UTF-8", tmp_path, "history", "--csv")
    assert "Daily back care" in csv.stdout


def test_history_on_a_code_page_that_cannot_hold_a_name(tmp_path: Path) -> None:
    """Windows writes a redirected or piped stdout in its code page (cp1252 here): the table
    replaces what it cannot show instead of ending in a traceback, and the CSV and JSON are
    UTF-8 whatever the code page, so no name is lost."""
    from datetime import UTC, datetime

    from stretchapp.core.history import HistoryStore

    data = tmp_path / "data"
    data.mkdir()
    store, _notice = HistoryStore.open(data / "history.sqlite3")
    store.add_session(datetime(2026, 11, 2, 9, tzinfo=UTC), "mine", "Διάταση πλάτης")
    store.close()
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES")}
    env.update(
        PYTHONIOENCODING="cp1252",
        LANG="en_GB.UTF-8",
        STRETCHAPP_CONFIG_DIR=str(tmp_path / "config"),
        STRETCHAPP_DATA_DIR=str(data),
    )

    def history(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "stretchapp", "history", *args],
            capture_output=True,
            env=env,
            timeout=60,
            check=False,
        )

    table = history()
    assert table.returncode == 0, table.stderr.decode(errors="replace")
    assert b"Traceback" not in table.stderr
    for machine_readable in ("--csv", "--json"):
        out = history(machine_readable)
        assert out.returncode == 0, out.stderr.decode(errors="replace")
        assert "Διάταση πλάτης" in out.stdout.decode("utf-8")


def test_history_with_no_stdout_at_all_says_nothing_and_ends_well(
    paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows' windowed build has no console: sys.stdout is None there."""
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    assert main(["history", "--csv"]) == 0
    assert main(["history"]) == 0
