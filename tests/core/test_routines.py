"""The routine format: bundled content, user files, and hostile ones."""

from __future__ import annotations

import dataclasses
import re
import textwrap
from pathlib import Path

import pytest

from stretchapp.core.paths import Paths
from stretchapp.core.routines import (
    ENTRY_FIELDS,
    ROUTINE_FIELDS,
    STRETCH_FIELDS,
    Library,
    Sides,
    Source,
    check_files,
    format_duration,
    load_library,
)
from stretchapp.core.schema import fields_table

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 3"><rect width="4" height="3"/></svg>'


def bundled(paths: Paths) -> Library:
    return load_library(paths.bundled_routines_dir, None, paths.assets_dir)


def user_library(paths: Paths) -> Library:
    return load_library(paths.bundled_routines_dir, paths.user_routines_dir, paths.assets_dir)


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def problems(paths: Paths, text: str, name: str = "mine.yaml") -> list[str]:
    path = write(paths.user_routines_dir, name, text)
    (report,) = check_files([path], bundled(paths), paths.assets_dir)
    return [str(p) for p in report.problems]


# ---- bundled content -------------------------------------------------------------------------


def test_every_bundled_file_loads_without_problems(paths: Paths) -> None:
    library = bundled(paths)
    assert [str(p) for r in library.reports for p in r.problems] == []
    ids = {r.id for r in library.routines}
    assert {"daily-back-care", "desk-break", "gentle-recovery", "foam-roller"} <= ids


def test_bundled_stretches_cover_the_article_and_more(paths: Paths) -> None:
    stretches = bundled(paths).stretches
    for needed in (
        "childs-pose",
        "glute-bridge",
        "cat-cow",
        "foam-roll-upper-back",
        "foam-roll-glutes",
        "knee-to-chest",
        "pelvic-tilt",
        "lower-back-rotation",
        "figure-4",
    ):
        assert needed in stretches
    assert any(s.position in ("chair", "standing") for s in stretches.values())
    for stretch in stretches.values():
        assert 3 <= len(stretch.steps) <= 6, stretch.id
        assert stretch.breathing and stretch.caution, stretch.id
        assert stretch.pose is not None, stretch.id
        assert all(f.is_file() for f in stretch.frames), stretch.id
        assert stretch.source is Source.BUNDLED


def test_movements_have_two_or_more_key_poses(paths: Paths) -> None:
    stretches = bundled(paths).stretches
    for moving in ("cat-cow", "glute-bridge", "pelvic-tilt"):
        pose = stretches[moving].pose
        assert pose is not None and len(pose.keys) >= 2, moving


def test_desk_break_is_about_five_minutes_with_no_floor_work(paths: Paths) -> None:
    desk = bundled(paths).routine("desk-break")
    assert desk is not None
    assert 4 * 60 <= desk.total_seconds() <= 6 * 60
    assert all(e.stretch.position in ("chair", "standing") for e in desk.entries)


def test_holds_follow_the_vetted_guidance(paths: Paths) -> None:
    s = bundled(paths).stretches
    assert s["pelvic-tilt"].reps == 5
    assert s["figure-4"].reps == 3 and s["figure-4"].sides is Sides.BOTH
    assert 20 <= (s["childs-pose"].hold or 0) <= 60
    assert 4 <= (s["cat-cow"].reps or 0) <= 12
    assert 3 <= (s["glute-bridge"].reps or 0) <= 10


def test_total_time_counts_get_ready_sides_switch_and_rest() -> None:
    from stretchapp.core.routines import Entry, Routine, Stretch

    one = Stretch("a", "A", (Path("a.svg"),), ("1", "2", "3"), hold=30)
    two = Stretch("b", "B", (Path("b.svg"),), ("1", "2", "3"), reps=4, tempo=5, sides=Sides.BOTH)
    routine = Routine(
        "r",
        "R",
        "",
        (
            Entry(one, 30, None, 4, Sides.NONE),
            Entry(two, None, 4, 5, Sides.BOTH, get_ready=2),
        ),
        get_ready=5,
        rest=10,
        switch=5,
    )
    # 5 + 30 + 10 rest, then 2 + 20 + 5 switch + 20, no rest after the last
    assert routine.total_seconds() == 45 + 47


def test_a_change_of_position_is_given_time_to_do_slowly() -> None:
    """A get-ready with a transition (down to the floor, up to standing) lasts long enough to
    do it slowly with a back in pain, unless its entry sets its own get-ready."""
    from stretchapp.core.routines import Entry, Routine, Stretch

    floor = Stretch("f", "F", (Path("f.svg"),), ("1",), hold=30, position="floor")
    standing = Stretch("s", "S", (Path("s.svg"),), ("1",), hold=30, position="standing")
    routine = Routine(
        "r",
        "R",
        "",
        (
            Entry(floor, 30, None, 4, Sides.NONE, transition="Come down onto the mat."),
            Entry(floor, 30, None, 4, Sides.NONE),
            Entry(standing, 30, None, 4, Sides.NONE, transition="Stand up slowly."),
            Entry(floor, 30, None, 4, Sides.NONE, transition="Down again.", get_ready=4),
            Entry(floor, 30, None, 4, Sides.NONE, transition="Roll onto your back."),
        ),
        get_ready=3,
    )
    assert [routine.get_ready_for(i) for i in range(5)] == [15, 3, 10, 4, 15]
    assert Routine("r", "R", "", routine.entries, get_ready=30).get_ready_for(0) == 30


def test_every_bundled_routine_says_how_to_get_into_its_first_position(paths: Paths) -> None:
    """A session is started at the computer: a first stretch not on a chair says how to get
    there, with the time to do it."""
    for routine in bundled(paths).routines:
        first = routine.entries[0]
        if first.stretch.position != "chair":
            assert first.transition, routine.id
            assert routine.get_ready_for(0) >= 15, routine.id


@pytest.mark.parametrize(
    ("seconds", "text"), [(45, "45 s"), (60, "1 min"), (299, "5 min"), (3900, "1 h 05 min")]
)
def test_format_duration(seconds: int, text: str) -> None:
    assert format_duration(seconds) == text


# ---- the user's own routines ------------------------------------------------------------------


def test_user_routine_reuses_bundled_stretches_and_is_marked_theirs(paths: Paths) -> None:
    write(
        paths.user_routines_dir,
        "morning.yaml",
        """
        version: 1
        routines:
          - id: my-morning
            name: My morning
            stretches:
              - cat-cow
              - stretch: childs-pose
                hold: 20
    """,
    )
    library = user_library(paths)
    routine = library.routine("my-morning")
    assert routine is not None and routine.source is Source.USER
    assert [e.stretch.id for e in routine.entries] == ["cat-cow", "childs-pose"]
    assert routine.entries[1].hold == 20
    assert library.failed == []


@pytest.mark.parametrize("image", ["pics/wall.svg", "pics/wall.png", "pics/wall.gif", "w.jpg"])
def test_user_stretch_with_its_own_image(paths: Paths, image: str) -> None:
    folder = paths.user_routines_dir
    (folder / Path(image).parent).mkdir(parents=True, exist_ok=True)
    heads = {  # the first bytes of each kind: a picture's content must be what its name says
        ".svg": SVG.encode(),
        ".png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x0a\x00\x00\x00\x0a",
        ".gif": b"GIF89a\x0a\x00\x0a\x00\x00\x00\x00",
        ".jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
    }
    (folder / image).write_bytes(heads[Path(image).suffix])
    write(
        folder,
        "wall.yaml",
        f"""
        version: 1
        stretches:
          - id: wall-slide
            name: Wall slide
            images: [{image}]
            hold: 20
            steps: [Stand with your back to a wall., Slide down a little., Slide back up.]
        routines:
          - id: wall
            name: Wall
            stretches: [wall-slide]
    """,
    )
    routine = user_library(paths).routine("wall")
    assert routine is not None
    assert routine.entries[0].stretch.frames == ((folder / image).resolve(),)


# ---- validation messages ----------------------------------------------------------------------


def test_near_miss_key_gets_did_you_mean(paths: Paths) -> None:
    found = problems(
        paths,
        """
        version: 1
        routines:
          - id: r
            name: R
            stretchs: [cat-cow]
    """,
    )
    path = paths.user_routines_dir / "mine.yaml"
    assert (
        f"{path}:5: routines[r].stretchs: is not a known field; did you mean 'stretches'?"
        in (found[0].split(" (known fields")[0])
    )
    assert any("routines[r].stretches: is missing" in p for p in found)


def test_unknown_stretch_id_suggests_the_nearest(paths: Paths) -> None:
    (found,) = problems(
        paths,
        """
        version: 1
        routines:
          - id: r
            name: R
            stretches: [cat-cows]
    """,
    )
    assert ":5: routines[r].stretches[1].stretch: no stretch has the id 'cat-cows'; " in found
    assert "did you mean 'cat-cow'?" in found


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ("hold: 0", "stretches[1].hold: 0 is out of range (a whole number from 1 to 3600)"),
        ("hold: 3601", "3601 is out of range"),
        ("hold: ten", "hold: is text ('ten') (a whole number from 1 to 3600)"),
        ("hold: true", "hold: is true/false"),
        ("sides: bothh", "'bothh' is not a valid choice; did you mean 'both'?"),
        ("get_ready: -1", "get_ready: -1 is out of range (a whole number from 0 to 3600)"),
        ("hold: 5\n" + " " * 16 + "reps: 3", "has both hold and reps"),
    ],
)
def test_bad_values_name_line_field_and_what_is_valid(
    paths: Paths, snippet: str, expected: str
) -> None:
    found = problems(
        paths,
        f"""
        version: 1
        routines:
          - id: r
            name: R
            stretches:
              - stretch: cat-cow
                {snippet}
    """,
    )
    assert any(expected in p for p in found), found
    assert all(p.startswith(f"{paths.user_routines_dir / 'mine.yaml'}:") for p in found)


def test_html_in_text_is_refused(paths: Paths) -> None:
    (found,) = problems(
        paths,
        """
        version: 1
        routines:
          - id: r
            name: <b>Big</b> <img src=x onerror=alert(1)>
            stretches: [cat-cow]
    """,
    )
    assert "routines[r].name: holds HTML or markup" in found


@pytest.mark.parametrize(
    "image", ["../escape.svg", "/etc/passwd.svg", "~/x.svg", "C:/x.svg", "sub/../../x.svg"]
)
def test_image_paths_may_not_leave_the_folder(paths: Paths, image: str) -> None:
    (paths.config_dir / "escape.svg").parent.mkdir(parents=True, exist_ok=True)
    (paths.config_dir / "escape.svg").write_text(SVG)
    found = problems(
        paths,
        f"""
        version: 1
        stretches:
          - id: s
            name: S
            images: ["{image}"]
            hold: 5
            steps: [a, b, c]
    """,
    )
    reason = (
        "leads outside this file's folder (an image in this file's folder or below it)"
        if image.startswith(("..", "sub/"))
        else "is not a relative path (a path relative to this file's folder, e.g. images/pose.png)"
    )
    file = paths.user_routines_dir / "mine.yaml"
    assert found == [f"{file}:5: stretches[s].images[1]: {image!r} {reason}"]


def test_symlink_out_of_the_folder_is_refused(paths: Paths, tmp_path: Path) -> None:
    outside = tmp_path / "secret.svg"
    outside.write_text(SVG)
    paths.user_routines_dir.mkdir(parents=True)
    (paths.user_routines_dir / "link.svg").symlink_to(outside)
    (found,) = problems(
        paths,
        """
        version: 1
        stretches:
          - {id: s, name: S, images: [link.svg], hold: 5, steps: [a, b, c]}
    """,
    )
    assert "leads outside" in found


def test_missing_and_unsupported_images(paths: Paths) -> None:
    paths.user_routines_dir.mkdir(parents=True)
    (paths.user_routines_dir / "notes.txt").write_text("hi")
    found = problems(
        paths,
        """
        version: 1
        stretches:
          - {id: s, name: S, images: [nope.png, notes.txt], hold: 5, steps: [a, b, c]}
    """,
    )
    assert any("'nope.png' was not found" in p for p in found)
    assert any("'notes.txt' is not a supported image (PNG, JPG, SVG or GIF)" in p for p in found)


def test_a_picture_whose_content_is_not_what_its_name_says_is_refused(paths: Paths) -> None:
    """A text file named .png was taken, saved and shared, then refused where the share
    arrived: it is refused here already, like the import does."""
    paths.user_routines_dir.mkdir(parents=True)
    (paths.user_routines_dir / "fake.png").write_text("not a picture")
    (paths.user_routines_dir / "drawn.jpg").write_text(SVG)
    found = problems(
        paths,
        """
        version: 1
        stretches:
          - {id: s, name: S, images: [fake.png, drawn.jpg], hold: 5, steps: [a, b, c]}
    """,
    )
    assert any(
        "'fake.png': named PNG but not a picture by its content (a PNG, JPG, SVG or GIF" in p
        for p in found
    ), found
    assert any("'drawn.jpg': named JPG but a SVG by its content" in p for p in found), found


def test_too_many_entries(paths: Paths) -> None:
    items = "\n".join("      - cat-cow" for _ in range(101))
    found = problems(
        paths, "version: 1\nroutines:\n  - id: r\n    name: R\n    stretches:\n" + items
    )
    assert any("has 101 entries (at most 100)" in p for p in found)


@pytest.mark.parametrize("count", [2, 3, 6, 7])
def test_steps_bounds(paths: Paths, count: int) -> None:
    write(paths.user_routines_dir, "pose.svg", SVG)
    steps = ", ".join(f"step {i}" for i in range(1, count + 1))
    found = problems(
        paths,
        f"""
        version: 1
        stretches:
          - {{id: s, name: S, images: [pose.svg], hold: 5, steps: [{steps}]}}
    """,
    )
    file = paths.user_routines_dir / "mine.yaml"
    expected = (
        f"{file}:3: stretches[s].steps: has {count} items"
        " (a list of 3 to 6 lines of plain text, each at most 160 characters)"
    )
    assert found == ([] if 3 <= count <= 6 else [expected])


def test_newer_version_is_refused(paths: Paths) -> None:
    found = problems(paths, "version: 2\nroutines: []\n")
    assert any("version: 2 is out of range (a whole number from 1 to 1)" in p for p in found)


def test_duplicate_routine_id_with_bundled(paths: Paths) -> None:
    found = problems(
        paths,
        """
        version: 1
        routines:
          - {id: desk-break, name: Mine, stretches: [cat-cow]}
    """,
    )
    assert any("'desk-break' is already used by" in p for p in found)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "just text",
        "[1, 2, 3]",
        "version: 1",
        "version: 1\nstretches: {a: 1}\n",
        "version: 1\nroutines:\n  - 42\n",
        "version: 1\nroutines:\n  - id: r\n    name: R\n    stretches: 7\n",
        "version: 1\nroutines:\n  - id: R R\n    name: R\n    stretches: [[1]]\n",
        "version: 1\nstretches:\n  - {id: s, name: S, images: 5, hold: 5, steps: abc}\n",
        "version: 1\nstretches:\n  - {id: s, name: S, images: [], steps: [a, b, c]}\n",
    ],
)
def test_wrong_shapes_are_problems_not_crashes(paths: Paths, text: str) -> None:
    found = problems(paths, text)
    assert found, "a wrong file must report at least one problem"
    assert all(p.startswith(str(paths.user_routines_dir / "mine.yaml")) for p in found)


def test_a_bad_user_file_does_not_stop_the_others(paths: Paths) -> None:
    write(paths.user_routines_dir, "bad.yaml", "version: 1\nroutines: [\n")
    write(
        paths.user_routines_dir,
        "good.yaml",
        """
        version: 1
        routines:
          - {id: mine, name: Mine, stretches: [cat-cow]}
    """,
    )
    library = user_library(paths)
    assert library.routine("mine") is not None
    assert library.routine("daily-back-care") is not None
    assert [r.path.name for r in library.failed] == ["bad.yaml"]


# ---- one declaration, read by the docs --------------------------------------------------------


def test_docs_are_generated_from_the_declaration() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "routines.md").read_text()
    for fields in (STRETCH_FIELDS, ROUTINE_FIELDS, ENTRY_FIELDS):
        assert fields_table(fields) in docs, "run: python scripts/gen-docs"


def test_bundled_pictures_can_be_named_but_not_escaped(paths: Paths) -> None:
    found = problems(
        paths,
        """
        version: 1
        stretches:
          - id: mine
            name: Mine
            images:
              - "bundled:desktop/io.github.stretchapp.StretchApp.svg"
              - "bundled:../routines/stretches.yaml"
            hold: 5
            steps: [a, b, c]
    """,
    )
    assert len(found) == 1
    assert (
        "'bundled:../routines/stretches.yaml' leads outside the app's bundled pictures"
        in (found[0])
    )


def test_a_copy_of_a_bundled_file_validates(paths: Paths, tmp_path: Path) -> None:
    copies = []
    for original in sorted(paths.bundled_routines_dir.glob("*.yaml")):
        copy = tmp_path / original.name
        copy.write_bytes(original.read_bytes())
        copies.append(copy)
    reports = check_files(copies, bundled(paths), paths.assets_dir)
    assert [str(p) for r in reports for p in r.problems] == []


# ---- precautions and transitions ---------------------------------------------------------------

OWN_STRETCH = """
    version: 1
    stretches:
      - id: my-twist
        name: My twist
        pose:
          contacts: [feet, hips, upper_back, head]
          keys:
            - name: start
              angles: {{body_pitch: -90, hip_flex: 45, knee_flex: 104, ankle_flex: -32,
                       neck_flex: -14}}
        steps: [Sit tall., Turn gently., Come back.]
        hold: 15
        avoid_if: {avoid_if}
    routines:
      - id: r
        name: R
        stretches:
          - stretch: my-twist
            transition: {transition}
"""


def test_avoid_if_and_transition_are_read(paths: Paths) -> None:
    write(
        paths.user_routines_dir,
        "mine.yaml",
        OWN_STRETCH.format(
            avoid_if="[osteoporosis, surgery]", transition="Roll onto your side, then sit up."
        ),
    )
    library = user_library(paths)
    assert [str(p) for r in library.reports for p in r.problems] == []
    routine = library.routine("r")
    assert routine is not None
    (entry,) = routine.entries
    assert entry.stretch.avoid_if == ("osteoporosis", "surgery")
    assert entry.transition == "Roll onto your side, then sit up."
    # absent: empty, never None
    bundled_entry = next(e for r in library.routines for e in r.entries if not e.transition)
    assert bundled_entry.transition == ""


def test_unknown_precaution_names_the_valid_ids(paths: Paths) -> None:
    found = problems(paths, OWN_STRETCH.format(avoid_if="[pregnant, surgery]", transition="x"))
    assert len(found) == 2, found  # the stretch, then the routine that uses it
    assert ":13: stretches[my-twist].avoid_if[1]: 'pregnant' is not a known precaution" in found[0]
    assert "did you mean 'pregnancy'?" in found[0]
    assert found[0].endswith("(one of: pregnancy, osteoporosis, surgery)")


def test_transition_is_plain_text_within_bounds(paths: Paths) -> None:
    found = problems(paths, OWN_STRETCH.format(avoid_if="[]", transition="'" + "a" * 161 + "'"))
    assert any("transition: is 161 characters long" in p for p in found), found


def test_render_keeps_avoid_if_and_transition(paths: Paths) -> None:
    from stretchapp.core.routines import render_file

    folder = paths.user_routines_dir
    write(
        folder,
        "mine.yaml",
        OWN_STRETCH.format(avoid_if="[pregnancy]", transition="Roll onto your side."),
    )
    library = user_library(paths)
    routine = library.routine("r")
    assert routine is not None
    text = render_file([routine], [routine.entries[0].stretch], folder, assets_dir=paths.assets_dir)
    assert "avoid_if:\n  - pregnancy" in text
    assert "transition: Roll onto your side." in text
    again = write(folder, "again.yaml", text.replace("id: r\n", "id: r2\n"))
    (report,) = check_files([again], bundled(paths), paths.assets_dir)
    assert report.ok, [str(p) for p in report.problems]
    assert report.routines[0].entries[0].transition == "Roll onto your side."
    assert report.stretches[0].avoid_if == ("pregnancy",)


# ---- what the bundled routines say ------------------------------------------------------------

KNEELING = {"childs-pose", "cat-cow"}  # on hands and knees; every other floor stretch is lying


POSTURE = {  # how a person is placed for each bundled stretch
    "constructive-rest": "lying",
    "pelvic-tilt": "lying",
    "knee-to-chest": "lying",
    "lower-back-rotation": "lying",
    "figure-4": "lying",
    "glute-bridge": "lying",
    "foam-roll-upper-back": "lying",
    "foam-roll-glutes": "sitting on the roller",
    "childs-pose": "kneeling",
    "cat-cow": "kneeling",
    "seated-cat-cow": "chair",
    "seated-twist": "chair",
    "seated-figure-4": "chair",
    "standing-side-bend": "standing",
    "standing-back-extension": "standing",
}


def test_every_change_of_position_says_how(paths: Paths) -> None:
    library = bundled(paths)
    assert set(library.stretches) == set(POSTURE), "classify every bundled stretch in POSTURE"
    for routine in library.routines:
        postures = [POSTURE[e.stretch.id] for e in routine.entries]
        for i in range(1, len(postures)):
            if postures[i] != postures[i - 1]:
                assert routine.entries[i].transition, (routine.id, i, postures[i])


def test_gentle_days_keeps_lying_work_together_and_kneeling_last(paths: Paths) -> None:
    gentle = bundled(paths).routine("gentle-recovery")
    assert gentle is not None
    kinds = ["kneel" if e.stretch.id in KNEELING else "lie" for e in gentle.entries]
    assert kinds == sorted(kinds, key=lambda k: k == "kneel") and kinds[-1] == "kneel"
    assert all(e.stretch.position == "floor" for e in gentle.entries)
    first, last = gentle.entries[0], gentle.entries[-1]
    assert "roll onto your back" in first.transition
    assert last.transition.startswith("Optional")
    assert "Roll onto your side, then push up with your arms" in last.transition
    for i in range(1, len(kinds)):
        if kinds[i] != kinds[i - 1]:  # every change of position says how
            assert gentle.entries[i].transition, i
    assert "walk for a few minutes every hour or two" in " ".join(gentle.description.split())
    assert "optional kneeling" in gentle.description


def test_stretch_texts_invite_no_forcing(paths: Paths) -> None:
    s = bundled(paths).stretches
    twist = s["seated-twist"]
    assert 10 <= (twist.hold or 0) <= 15
    assert "further" not in twist.breathing and "settle" in twist.breathing
    assert "steady chair without wheels" in twist.steps[0]
    bridge = s["glute-bridge"]
    assert 10 <= bridge.tempo <= 12 and "about five seconds" in " ".join(bridge.steps)
    assert "few breaths" not in " ".join(bridge.steps)
    assert "Stop if you feel tingling" in s["foam-roll-glutes"].caution
    assert "near a desk or wall for balance" in s["standing-back-extension"].steps[0]
    desk = bundled(paths).routine("desk-break")
    assert desk is not None and "steady chair without wheels" in " ".join(desk.description.split())
    for entry in desk.entries:
        if entry.stretch.position == "chair":
            assert "steady chair without wheels" in entry.stretch.steps[0], entry.stretch.id


def test_a_broken_health_file_does_not_take_the_stretches_with_it(
    paths: Paths, tmp_path: Path
) -> None:
    import shutil

    assets = tmp_path / "assets"
    shutil.copytree(paths.assets_dir, assets)
    (assets / "health.yaml").write_text("version: 1\n", encoding="utf-8")
    library = load_library(paths.bundled_routines_dir, None, assets)
    assert [str(p) for r in library.reports for p in r.problems] == []
    assert library.stretches["childs-pose"].avoid_if == ("pregnancy", "osteoporosis", "surgery")


# ---- poses -----------------------------------------------------------------------------------

POSED = """
version: 1
stretches:
  - id: knee-hug
    name: Knee hug
    hold: 20
    steps: [Lie down., Hug a knee., Breathe.]
    pose:
      contacts: [feet, hips, upper_back, head]
      keys:
        - name: start
          angles: {body_pitch: -90, hip_flex: 45, knee_flex: 104, ankle_flex: -32, neck_flex: -14}
"""


def test_a_stretch_with_a_pose_needs_no_images(paths: Paths) -> None:
    assert problems(paths, POSED) == []
    path = paths.user_routines_dir / "mine.yaml"
    library = user_library(paths)
    stretch = library.stretches["knee-hug"]
    assert stretch.frames == () and stretch.pose is not None
    assert stretch.pose.keys[0].angle_map()["hip_flex_r"] == 45  # both sides from one name
    assert path.is_file()


def test_a_stretch_needs_images_or_a_pose(paths: Paths) -> None:
    text = POSED.replace("    pose:\n", "    posed:\n")
    found = problems(paths, text)
    assert any("needs images or a pose" in p for p in found), found


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("hip_flex: 45", "hip_flx: 45"),
            "mine.yaml:11: stretches[knee-hug].pose.keys[1].angles.hip_flx: is not a known "
            "joint; did you mean 'hip_flex'? (see the joint table in docs/routines.md)",
        ),
        (
            ("knee_flex: 104", "knee_flex: 170"),
            "mine.yaml:11: stretches[knee-hug].pose.keys[1].angles.knee_flex: 170 degrees is "
            "outside this joint's range of motion (0 to 150: knee bends)",
        ),
        (
            ("knee_flex: 104", "knee_flex: 70"),
            "stretches[knee-hug].pose.keys[start]: feet float",
        ),
        (
            ("neck_flex: -14", "neck_flex: -14, shoulder_flex: -40"),
            "stretches[knee-hug].pose.keys[start]: the upper arm (left) sinks",
        ),
        (
            ("contacts: [feet,", "contacts: [feat,"),
            "mine.yaml:8: stretches[knee-hug].pose.contacts[1]: 'feat' is not one of the names",
        ),
        (("      keys:\n", "      view: sideways\n      keys:\n"), "pose.view: 'sideways' is not"),
        (
            ("      keys:\n", "      props: [pillow]\n      keys:\n"),
            "mine.yaml:9: stretches[knee-hug].pose.props[1]: 'pillow' is not one of the names "
            "(mat, cushion, desk)",
        ),
        (
            # a cushion under a head lying on the mat: the body would rest on the cushion
            ("      keys:\n", "      props: [cushion]\n      keys:\n"),
            "stretches[knee-hug].pose.keys[start]: hips float 9",
        ),
    ],
)
def test_bad_poses_name_line_field_and_what_is_valid(
    paths: Paths, change: tuple[str, str], expected: str
) -> None:
    found = problems(paths, POSED.replace(*change))
    assert any(expected in p for p in found), found


CUSHIONED = POSED.replace("      keys:\n", "      props: [cushion]\n      keys:\n").replace(
    "neck_flex: -14", "neck_flex: 16"
)


def test_a_cushion_under_the_head_is_a_prop_the_head_rests_on(paths: Paths) -> None:
    """With a cushion the head rests on its top (the neck bent a little more than flat on
    the mat); the head raised off it, or a cushion with no head on it, is named."""
    assert problems(paths, CUSHIONED) == []
    pose = user_library(paths).stretches["knee-hug"].pose
    assert pose is not None and pose.props == ("cushion",)
    raised = problems(paths, CUSHIONED.replace("neck_flex: 16", "neck_flex: 40"))
    assert any("pose.keys[start]: head float" in p and "above the cushion" in p for p in raised)
    headless = CUSHIONED.replace("upper_back, head]", "upper_back]")
    found = problems(paths, headless.replace("neck_flex: 16", "neck_flex: -14"))
    assert any("the cushion has no head resting on it" in p for p in found), found


def test_a_pose_round_trips_through_the_editor_format(paths: Paths) -> None:
    from stretchapp.core.routines import render_file, stretch_data

    write(paths.user_routines_dir, "mine.yaml", POSED)
    stretch = user_library(paths).stretches["knee-hug"]
    data = stretch_data(stretch, paths.user_routines_dir)
    assert "images" not in data
    assert data["pose"]["keys"][0]["angles"]["hip_flex"] == 45
    del render_file


CARD_VIEW = POSED.replace(
    "      keys:\n",
    "      azimuth: 160\n      card_azimuth: -160\n      card_elevation: 20\n      keys:\n",
)


def test_a_pose_may_give_its_library_card_its_own_camera(paths: Paths) -> None:
    """A view read at a glance on a 160 px card is not always the one to copy at full size
    (a seated twist: ab133, ab136): `card_azimuth` and `card_elevation` move the camera for
    the card's still picture only, and are kept when the editor saves the stretch."""
    from stretchapp.core.drawing import card_pose, still_drawing
    from stretchapp.core.routines import stretch_data

    assert problems(paths, CARD_VIEW) == []
    pose = user_library(paths).stretches["knee-hug"].pose
    assert pose is not None
    assert (pose.azimuth, pose.card_azimuth, pose.card_elevation) == (160, -160, 20)
    seen = card_pose(pose)
    assert (seen.azimuth, seen.elevation) == (-160, 20)
    assert still_drawing(pose) == still_drawing(seen)  # the card, from its own camera
    assert still_drawing(pose).frame != still_drawing(pose, 0).frame  # a key's, the pose's
    plain = dataclasses.replace(pose, card_azimuth=None, card_elevation=None)
    assert card_pose(plain) is plain  # no card camera: the card seen as the figure is
    data = stretch_data(user_library(paths).stretches["knee-hug"], paths.user_routines_dir)
    assert (data["pose"]["card_azimuth"], data["pose"]["card_elevation"]) == (-160, 20)
    found = problems(paths, CARD_VIEW.replace("card_azimuth: -160", "card_azimuth: -200"))
    assert any("card_azimuth" in p and "-180" in p for p in found), found


def test_a_file_naming_a_retired_bundled_picture_says_what_to_do(paths: Paths) -> None:
    text = """
    version: 1
    stretches:
      - id: my-cat
        name: My cat-cow
        images: [bundled:illustrations/cat-cow-1.svg]
        steps: [Kneel., Round., Arch.]
        reps: 4
    """
    (found,) = (p for p in problems(paths, text) if "images" in p)
    assert "'bundled:illustrations/cat-cow-1.svg' is no longer shipped" in found
    assert "use the bundled stretch 'cat-cow' by its id, or give this stretch a pose" in found


def test_a_bundled_description_never_names_a_length_the_routine_does_not_have(
    paths: Paths,
) -> None:
    """ "Five minutes at your desk" sat over a card that said 4 min: a description that names
    minutes names what the library shows (default timing, rounded as the card rounds)."""
    words = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
    words |= {"eight": 8, "nine": 9, "ten": 10, "fifteen": 15, "twenty": 20}
    for routine in bundled(paths).routines:
        shown = max(1, round(routine.total_seconds() / 60))
        for said in re.findall(r"\b(\w+)[ -]minutes?\b", routine.description.lower()):
            number = int(said) if said.isdigit() else words.get(said)
            if number is not None:
                assert number == shown, (routine.id, said, shown)


# ---- what each side is ---------------------------------------------------------------------


def test_every_bundled_two_sided_stretch_says_what_each_side_is(paths: Paths) -> None:
    """ "Left side" alone did not say which arm, leg or way (a reviewer copying the front-view
    side bend could not tell): each bundled stretch done on both sides says, in every
    language, and its left text names the left."""
    for code in ("en", "de", "fr", "es"):
        from stretchapp.core import i18n

        i18n.activate(code)
        try:
            library = bundled(paths)
        finally:
            i18n.activate("en")
        left_word = {"en": "left", "de": "link", "fr": "gauche", "es": "izquierd"}[code]
        right_word = {"en": "right", "de": "recht", "fr": "droit", "es": "derech"}[code]
        for stretch in library.stretches.values():
            if stretch.sides is Sides.BOTH:
                left, right = stretch.left_side, stretch.right_side
                assert left_word in left.lower() and right_word in right.lower(), (code, left)
                assert left.lower().index(left_word) <= (
                    left.lower().index(right_word) if right_word in left.lower() else 99
                ), (code, left)  # the left side's own limb or way comes first
            else:
                assert (stretch.left_side, stretch.right_side) == ("", "")


REACH = """
        version: 1
        stretches:
          - id: reach
            name: Reach
            images: [a.svg]
            hold: 10
            steps: [Stand tall., Reach up., Come back.]
"""  # a stretch of one's own, for the side texts' tests to add to


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ("sides: both\n            left_side: Left arm up", "is given without right_side"),
        ("right_side: Right arm up\n            left_side: Left arm up", "is given on a stretch"),
    ],
)
def test_side_texts_come_together_on_a_two_sided_stretch(
    paths: Paths, snippet: str, expected: str
) -> None:
    write(paths.user_routines_dir, "a.svg", SVG)
    found = problems(paths, f"{REACH}            {snippet}\n")
    assert any(expected in p and ":9: stretches[reach].left_side: " in p for p in found), found


def test_side_texts_are_read_written_and_translated(paths: Paths) -> None:
    from stretchapp.core import i18n
    from stretchapp.core.editing import StretchDraft
    from stretchapp.core.routines import render_file

    write(paths.user_routines_dir, "a.svg", SVG)
    text = f"""{REACH}            sides: both
            left_side: Left arm up
            right_side: Right arm up
            translations:
              de:
                left_side: Linker Arm hoch
                right_side: Rechter Arm hoch
    """
    write(paths.user_routines_dir, "mine.yaml", text)
    stretch = user_library(paths).stretches["reach"]
    assert (stretch.left_side, stretch.right_side) == ("Left arm up", "Right arm up")
    i18n.activate("de")
    try:
        german = user_library(paths).stretches["reach"]
    finally:
        i18n.activate("en")
    assert german.left_side == "Linker Arm hoch"
    # kept through the editor and written back as the file gave them
    kept = StretchDraft.from_stretch(german).to_stretch()
    assert (kept.left_side, kept.right_side) == ("Left arm up", "Right arm up")
    rendered = render_file([], [kept], paths.user_routines_dir)
    assert "left_side: Left arm up\n" in rendered and "right_side: Right arm up\n" in rendered
    # a stretch no longer done on both sides has no side texts
    draft = StretchDraft.from_stretch(stretch)
    draft.sides = Sides.NONE
    assert draft.to_stretch().left_side == ""
