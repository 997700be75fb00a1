"""The editor's, the importer's and the picture checks' messages in German (issue 16)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from stretchapp.core import i18n, pictures
from stretchapp.core.editing import RoutineDraft, StretchDraft
from stretchapp.core.paths import Paths
from stretchapp.core.sharing import read_shared
from tests.core.test_routines import POSED, problems
from tests.core.test_sharing import ROUTINE, SVG, library


def test_a_stretch_drafts_problems_read_in_german() -> None:
    i18n.activate("de")
    draft = StretchDraft(steps=["Hinlegen."], hold=None, reps=None)
    assert draft.problems() == [
        "Geben Sie der Dehnübung einen Namen.",
        "Schreiben Sie 3 bis 6 Schritte, einen pro Zeile (jetzt 1).",
        "Fügen Sie mindestens ein Bild hinzu (PNG, JPG, SVG oder GIF) oder stellen Sie die "
        "Figur ein.",
        "Wählen Sie eine Haltezeit oder eine Anzahl Wiederholungen.",
    ]


def test_a_routine_drafts_problems_read_in_french(paths: Paths) -> None:
    i18n.activate("fr")
    draft = RoutineDraft.new(library(paths), paths)
    assert draft.problems() == ["Donnez un nom au programme.", "Ajoutez au moins un étirement."]


def test_a_shared_file_with_two_problems_is_explained_in_german(
    paths: Paths, tmp_path: Path
) -> None:
    i18n.activate("de")
    path = tmp_path / "broken.stretchapp"
    path.write_bytes(b"not a zip at all")
    preview = read_shared(path, library(paths), paths)
    assert preview.problems == [
        "broken.stretchapp ist kein geteilter StretchApp-Ablauf (kein ZIP-Archiv)"
    ]
    path = tmp_path / "lying.stretchapp"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("routine.yaml", ROUTINE)
        archive.writestr("images/wall-1.svg", b"\x89PNG\r\n\x1a\n" + bytes(32))
    preview = read_shared(path, library(paths), paths)
    assert preview.problems == [
        "lying.stretchapp: 'images/wall-1.svg': heißt SVG, ist dem Inhalt nach aber ein PNG"
    ]


def test_svg_limits_use_the_locales_numbers() -> None:
    i18n.activate("de")
    big = SVG.replace(b"<rect", b"<g/>" * 20_001 + b"<rect")
    try:
        pictures.check_svg(big)
    except pictures.SvgError as exc:
        assert str(exc) == "das SVG hat 20.003 Elemente, mehr als 20.000"
    else:
        raise AssertionError("an SVG of 20,003 elements was accepted")
    assert pictures.pixels_valid() == "ein Bild mit höchstens 16 Megapixeln (z. B. 4096 × 4096)"


def test_pose_problems_read_in_spanish(paths: Paths) -> None:
    i18n.activate("es")
    found = problems(paths, POSED.replace("knee_flex: 104", "knee_flex: 170"))
    assert any(
        "stretches[knee-hug].pose.keys[1].angles.knee_flex: 170 grados está fuera del rango de "
        "movimiento de esta articulación (de 0 a 150: " in p
        for p in found
    ), found


def test_a_video_search_is_made_in_the_users_language() -> None:
    own = StretchDraft(name="Chin tuck", steps=["a", "b", "c"]).to_stretch()
    assert own.video_url.endswith("search_query=Chin+tuck+stretch")
    i18n.activate("fr")
    assert own.video_url.endswith("search_query=%C3%A9tirement+Chin+tuck")
    i18n.activate("de")
    assert own.video_url.endswith("search_query=Chin+tuck+Dehn%C3%BCbung")


def test_a_body_part_sinking_is_named_in_german(paths: Paths) -> None:
    i18n.activate("de")
    change = ("neck_flex: -14", "neck_flex: -14, shoulder_flex: -40")
    found = problems(paths, POSED.replace(*change))
    assert any(
        "stretches[knee-hug].pose.keys[start]: Oberarm (links) sinkt " in p
        and " mm in die Matte ein (ändern Sie die Winkel so" in p
        for p in found
    ), found
