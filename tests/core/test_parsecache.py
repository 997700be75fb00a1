"""The parse cache: it only ever saves parsing, never changes what a file means."""

from __future__ import annotations

import json
import os
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from stretchapp.core import parsecache, yamlfile
from stretchapp.core.parsecache import CACHE_VERSION, ParseCache
from stretchapp.core.paths import Paths
from stretchapp.core.routines import Library, load_library
from stretchapp.core.settings import SettingsStore

GOOD = """\
version: 1
routines:
  - id: mine
    name: Mine
    stretches:
      - cat-cow
"""
# The same length as GOOD: an edit that keeps the size (and, below, the time stamp).
BAD = GOOD.replace("cat-cow", "cat-cox")


def library(paths: Paths, cache: ParseCache | None = None) -> Library:
    def load() -> Library:
        return load_library(paths.bundled_routines_dir, paths.user_routines_dir, paths.assets_dir)

    if cache is None:
        return load()
    with parsecache.using(cache):
        return load()


def shape(tree: Any) -> Any:
    """The tree with the line of every key and item, to compare two trees exactly."""
    if isinstance(tree, yamlfile.Located):
        return ("map", tree.line, [(k, tree.line_of(k), shape(v)) for k, v in tree.items()])
    if isinstance(tree, yamlfile.LocatedList):
        return ("seq", tree.line, [(tree.line_of(i), shape(v)) for i, v in enumerate(tree)])
    return (type(tree).__name__, tree)


def summary(lib: Library) -> tuple[list[str], list[str], list[str]]:
    return (
        [f"{r.id}:{r.total_seconds()}:{r.name}" for r in lib.routines],
        sorted(lib.stretches),
        [str(p) for report in lib.failed for p in report.problems],
    )


def write_user(paths: Paths, text: str, name: str = "mine.yaml") -> Path:
    paths.user_routines_dir.mkdir(parents=True, exist_ok=True)
    path = paths.user_routines_dir / name
    path.write_text(text, encoding="utf-8")
    return path


def count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    parsed: list[str] = []
    real = yamlfile._parse

    def counting(text: str, name: str) -> Any:
        parsed.append(Path(name).name)
        return real(text, name)

    monkeypatch.setattr(yamlfile, "_parse", counting)
    return parsed


def test_a_second_start_parses_nothing_and_gets_the_same_library(
    paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_user(paths, GOOD)
    library(paths)  # health.yaml is read once a process: not counted below, whatever ran before
    first = ParseCache(paths.parse_cache_file)
    fresh = library(paths, first)
    assert first.misses == 7 and first.hits == 0  # six bundled files and the user's
    assert first.save() and paths.parse_cache_file.is_file()

    parsed = count_parses(monkeypatch)
    second = ParseCache(paths.parse_cache_file)
    cached = library(paths, second)
    # Not even a tree is decoded: the library itself was kept (LibraryBook, below).
    assert parsed == [] and second.hits == 0 and not second.changed
    assert summary(cached) == summary(fresh) == summary(library(paths))
    assert cached == fresh


def test_cached_trees_are_exactly_the_parsed_ones_line_numbers_included(paths: Paths) -> None:
    files = sorted(paths.bundled_routines_dir.glob("*.yaml"))
    cache = ParseCache(paths.parse_cache_file)
    with parsecache.using(cache):
        for path in files:
            yamlfile.load(path)
    cache.save()
    again = ParseCache(paths.parse_cache_file)
    with parsecache.using(again):
        for path in files:
            assert shape(yamlfile.load(path)) == shape(yamlfile._parse(path.read_text(), "x"))
    assert again.hits == len(files)


def test_an_edit_that_keeps_size_and_time_stamp_is_read_again(paths: Paths) -> None:
    path = write_user(paths, GOOD)
    cache = ParseCache(paths.parse_cache_file)
    assert not library(paths, cache).failed
    cache.save()
    stamp = path.stat()
    path.write_text(BAD, encoding="utf-8")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert path.stat().st_size == stamp.st_size and path.stat().st_mtime_ns == stamp.st_mtime_ns

    again = ParseCache(paths.parse_cache_file)
    problems = summary(library(paths, again))[2]
    assert again.misses == 1
    assert any("mine.yaml" in p and "cat-cox" in p for p in problems), problems
    assert again.save()
    # The next start has the edited text cached and still reports it.
    third = ParseCache(paths.parse_cache_file)
    assert summary(library(paths, third))[2] == problems and third.misses == 0


def test_a_cache_never_makes_a_bad_file_look_good(paths: Paths) -> None:
    # A file that is not YAML is never cached: every start parses it and reports it.
    write_user(paths, "routines: [unclosed\n", "broken.yaml")
    write_user(paths, BAD)
    cache = ParseCache(paths.parse_cache_file)
    expected = summary(library(paths))[2]
    assert any("broken.yaml" in p for p in expected) and any("cat-cox" in p for p in expected)
    assert summary(library(paths, cache))[2] == expected
    cache.save()
    stored = json.loads(paths.parse_cache_file.read_text())["entries"]
    assert not any(name.endswith("broken.yaml") for name in stored)
    # The file's problem is found again on every start, from the cached tree.
    again = ParseCache(paths.parse_cache_file)
    assert summary(library(paths, again))[2] == expected
    assert again.hits == 7  # the bundled files and the bad (but valid YAML) one


def test_a_number_with_a_leading_zero_gets_the_same_message_from_the_cache(
    paths: Paths,
) -> None:
    """`rest: 010` said "has a leading zero; write the number without it" on the first start
    and "is text ('010')" on the next, from the cached tree, which had lost what it was."""
    write_user(
        paths,
        "version: 1\nroutines:\n  - {id: p, name: P, rest: 010, stretches: [cat-cow]}\n",
        "zero.yaml",
    )
    expected = summary(library(paths))[2]
    assert any("has a leading zero" in p for p in expected), expected
    cache = ParseCache(paths.parse_cache_file)
    assert summary(library(paths, cache))[2] == expected
    cache.save()
    again = ParseCache(paths.parse_cache_file)
    assert summary(library(paths, again))[2] == expected
    assert again.hits == 7  # read from the cache, and said the same


def test_a_cache_entry_for_other_text_is_never_used(paths: Paths) -> None:
    path = write_user(paths, BAD)
    good_tree = parsecache.encode(yamlfile._parse(GOOD, str(path)))
    paths.parse_cache_file.parent.mkdir(parents=True)
    paths.parse_cache_file.write_text(
        json.dumps(
            {"version": CACHE_VERSION, "entries": {str(path): {"text": GOOD, "tree": good_tree}}}
        )
    )
    cache = ParseCache(paths.parse_cache_file)
    problems = summary(library(paths, cache))[2]
    assert any("cat-cox" in p for p in problems)


HOSTILE: dict[str, bytes] = {
    "not json": b"\x00\xff garbage",
    "not an object": b"[1, 2, 3]",
    "another version": json.dumps({"version": 99, "entries": {}}).encode(),
    "entries not a mapping": json.dumps({"version": CACHE_VERSION, "entries": []}).encode(),
    "NaN": b'{"version": 1, "entries": {"x": {"text": "a: 1\\n", "tree": NaN}}}',
    "deeply nested": b'{"version": 1, "entries": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "huge number": b'{"version": 1, "entries": {"x": {"text": "", "tree": 1' + b"0" * 5000 + b"}}}",
}


def _poison(paths: Paths, text_of: dict[str, str], tree: Any) -> bytes:
    entries = {name: {"text": text, "tree": tree} for name, text in text_of.items()}
    return json.dumps({"version": CACHE_VERSION, "entries": entries}).encode()


@pytest.mark.parametrize(
    "tree",
    [
        {"m": "1", "k": []},  # a line that is not a number
        {"m": 1, "k": [["version", 1]]},  # an item that is not [key, line, value]
        {"m": 1, "k": [["version", 1, 1], ["version", 2, 1]]},  # a key twice
        {"m": 1, "k": [[1, 1, 1]]},  # a key that is not text
        {"m": 1, "k": [], "extra": 1},  # a shape encode never writes
        {"l": 1, "i": [[1]]},
        {"m": True, "k": []},
        {"m": -1, "k": []},
        {"__class__": "os.system"},
        1e400,
    ],
)
def test_a_cache_with_trees_no_parse_could_give_is_ignored(paths: Paths, tree: Any) -> None:
    write_user(paths, GOOD)
    expected = summary(library(paths))
    texts = {str(p): p.read_text() for p in paths.bundled_routines_dir.glob("*.yaml")}
    texts[str(paths.user_routines_dir / "mine.yaml")] = GOOD
    paths.parse_cache_file.parent.mkdir(parents=True)
    paths.parse_cache_file.write_bytes(_poison(paths, texts, tree))
    cache = ParseCache(paths.parse_cache_file)
    assert summary(library(paths, cache)) == expected
    assert cache.rejected and cache.hits == 0
    assert cache.save()
    assert ParseCache(paths.parse_cache_file).rejected is False  # replaced by a good one


@pytest.mark.parametrize("what", sorted(HOSTILE))
def test_a_corrupt_cache_is_ignored_and_replaced_atomically(paths: Paths, what: str) -> None:
    write_user(paths, GOOD)
    expected = summary(library(paths))
    paths.parse_cache_file.parent.mkdir(parents=True)
    paths.parse_cache_file.write_bytes(HOSTILE[what])
    before = paths.parse_cache_file.stat().st_ino
    cache = ParseCache(paths.parse_cache_file)
    assert cache.rejected
    assert summary(library(paths, cache)) == expected
    assert cache.save()
    # Replaced by renaming a complete new file over it (a new inode), nothing left behind.
    assert paths.parse_cache_file.stat().st_ino != before
    assert [p.name for p in paths.parse_cache_file.parent.iterdir()] == [
        paths.parse_cache_file.name
    ]
    assert json.loads(paths.parse_cache_file.read_text())["version"] == CACHE_VERSION
    again = ParseCache(paths.parse_cache_file)
    assert not again.rejected and summary(library(paths, again)) == expected
    assert again.misses == 0


def test_a_cache_too_large_is_not_read(paths: Paths, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parsecache, "MAX_CACHE_BYTES", 1000)
    paths.parse_cache_file.parent.mkdir(parents=True)
    paths.parse_cache_file.write_text(json.dumps({"version": 1, "entries": {}}) + " " * 2000)
    assert ParseCache(paths.parse_cache_file).rejected


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_in_place_of_the_cache_does_not_hang_the_start(paths: Paths) -> None:
    paths.parse_cache_file.parent.mkdir(parents=True)
    os.mkfifo(paths.parse_cache_file)
    cache = ParseCache(paths.parse_cache_file)  # would block for ever on a plain open()
    assert cache.rejected
    assert summary(library(paths, cache)) == summary(library(paths))


def test_a_link_in_place_of_the_cache_is_neither_read_nor_written_through(
    paths: Paths, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text(json.dumps({"version": CACHE_VERSION, "entries": {}}))
    paths.parse_cache_file.parent.mkdir(parents=True)
    paths.parse_cache_file.symlink_to(elsewhere)
    cache = ParseCache(paths.parse_cache_file)
    assert cache.rejected
    library(paths, cache)
    assert cache.save()
    assert not paths.parse_cache_file.is_symlink()
    assert json.loads(elsewhere.read_text()) == {"version": CACHE_VERSION, "entries": {}}


def test_settings_are_read_through_the_cache_too(
    paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.settings_file.write_text(textwrap.dedent("version: 1\nrest_seconds: 12\n"))
    cache = ParseCache(paths.parse_cache_file)
    with parsecache.using(cache):
        settings, messages = SettingsStore(paths).load()
    cache.save()
    parsed = count_parses(monkeypatch)
    again = ParseCache(paths.parse_cache_file)
    with parsecache.using(again):
        cached, cached_messages = SettingsStore(paths).load()
    assert parsed == [] and again.hits == 1
    assert (cached, cached_messages) == (settings, messages) and cached.rest_seconds == 12


def test_entries_of_files_gone_are_dropped(paths: Paths) -> None:
    path = write_user(paths, GOOD)
    cache = ParseCache(paths.parse_cache_file)
    library(paths, cache)
    cache.save()
    path.unlink()
    again = ParseCache(paths.parse_cache_file)
    library(paths, again)
    assert again.changed and again.save()
    stored = json.loads(paths.parse_cache_file.read_text())["entries"]
    assert str(path) not in stored and len(stored) == 6


def test_without_a_cache_nothing_is_written(paths: Paths) -> None:
    library(paths)
    assert not paths.parse_cache_file.exists()


# ---- the boxes the figures are framed in (drawing.frame_of) ----


def _cat_cow(paths: Paths) -> Any:
    pose = library(paths).stretches["cat-cow"].pose
    assert pose is not None
    return pose


def test_a_figure_box_is_worked_out_once_and_read_back_on_the_next_start(
    paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stretchapp.core import drawing

    pose = _cat_cow(paths)
    expected = drawing._frame_of(pose)
    worked: list[object] = []
    real = drawing._frame_of
    monkeypatch.setattr(drawing, "_frame_of", lambda p: worked.append(p) or real(p))

    def start() -> tuple[float, float, float, float]:
        cache = ParseCache(paths.parse_cache_file)
        drawing.frame_of.cache_clear()
        drawing.keep_frames_in(cache.frame_book("code 1"))
        try:
            box = drawing.frame_of(pose)
        finally:
            drawing.keep_frames_in(None)
        assert cache.save()
        return box

    assert start() == expected and len(worked) == 1
    assert start() == expected and len(worked) == 1  # read back, not worked out again
    # Other drawing code: the stored box is not trusted.
    cache = ParseCache(paths.parse_cache_file)
    assert cache.frame_book("code 2").get(repr(pose)) is None
    assert cache.frame_book("code 1").get(repr(pose)) == expected


@pytest.mark.parametrize(
    "boxes",
    [
        {"k": [0, 0, 1]},
        {"k": [0, 0, 1, "2"]},
        {"k": [1, 0, 0, 1]},  # empty
        {"k": [0, 0, 1, True]},
        {"k": [0, 0, 1e300, 1]},
        [[0, 0, 1, 1]],
    ],
)
def test_a_cache_with_a_bad_box_is_replaced(paths: Paths, boxes: Any) -> None:
    paths.parse_cache_file.parent.mkdir(parents=True)
    frames = {"code": "c", "boxes": boxes}
    paths.parse_cache_file.write_text(
        json.dumps({"version": CACHE_VERSION, "entries": {}, "frames": frames})
    )
    cache = ParseCache(paths.parse_cache_file)
    assert cache.rejected
    assert cache.frame_book("c").get("k") is None
    assert cache.save()
    assert not ParseCache(paths.parse_cache_file).rejected


# ---- poses found resting on their support (routines.support_problems) ----

POSED = """\
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
FLOATING = POSED.replace("knee_flex: 104", "knee_flex: 70")  # the feet float


def _counting_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from stretchapp.core import routines

    checked: list[str] = []
    real = routines.support_problems

    def counting(pose: Any) -> Any:
        checked.append(repr(pose))
        return real(pose)

    monkeypatch.setattr(routines, "support_problems", counting)
    return checked


def _start(paths: Paths, version: str = "1.0") -> Library:
    cache = ParseCache(paths.parse_cache_file, version)
    lib = library(paths, cache)
    assert cache.save()
    return lib


def test_a_pose_is_checked_on_its_support_once_then_known_on_the_next_start(
    paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_user(paths, POSED)
    checked = _counting_checks(monkeypatch)
    first = _start(paths)
    poses = {repr(s.pose) for s in first.stretches.values() if s.pose is not None}
    assert set(checked) == poses and "knee-hug" in first.stretches
    checked.clear()
    again = _start(paths)
    assert checked == []  # every pose known: none checked again
    assert summary(again) == summary(first)
    assert again.stretches["knee-hug"] == first.stretches["knee-hug"]
    # Another version of the app (or of the checking code) checks them all again.
    _start(paths, "1.1")
    assert set(checked) == poses


def test_a_changed_pose_is_checked_again_and_its_problem_reported(
    paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_user(paths, POSED)
    good = repr(_start(paths).stretches["knee-hug"].pose)
    checked = _counting_checks(monkeypatch)
    path.write_text(FLOATING, encoding="utf-8")
    for _ in range(2):  # a pose with a problem is never marked good: reported every start
        lib = _start(paths)
        assert len(checked) == 1
        checked.clear()
        assert "knee-hug" not in lib.stretches
        assert any("feet float" in str(p) for r in lib.failed for p in r.problems)
    path.unlink()  # a deleted file: its pose is neither shown nor kept
    assert "knee-hug" not in _start(paths).stretches
    data = json.loads(paths.parse_cache_file.read_text(encoding="utf-8"))
    assert good not in data["checked"]["good"]  # only the poses used are kept


def test_validate_and_the_editor_check_every_pose_whatever_the_cache_says(
    paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stretchapp.core import routines

    write_user(paths, FLOATING)

    class Everything:  # a cache that claims every pose is fine
        def __contains__(self, key: str) -> bool:
            return True

        def add(self, key: str) -> None:
            pass

    token = routines.CHECKED_POSES.set(Everything())
    try:
        trusted = library(paths)  # reading the library through such a cache trusts it...
    finally:
        routines.CHECKED_POSES.reset(token)
    assert "knee-hug" in trusted.stretches
    # ...but outside `parsecache.using`, as `stretchapp validate` and the editor check files,
    # nothing is taken on trust.
    _start(paths)  # (a cache file exists)
    path = paths.user_routines_dir / "mine.yaml"
    report = routines.check_files([path], library(paths), paths.assets_dir)[0]
    assert any("feet float" in str(p) for p in report.problems)


def test_the_checking_code_key_follows_the_body_modules() -> None:
    from stretchapp.core import routines
    from stretchapp.core.body import spec

    key = routines.check_code_key("9.9")
    info = Path(spec.__file__).stat()
    assert key.startswith("9.9|") and f"{info.st_size}:{info.st_mtime_ns}" in key
    assert routines.check_code_key("9.8") != key


@pytest.mark.parametrize(
    "checked",
    [
        {"code": "c"},
        {"code": 1, "good": []},
        {"code": "c", "good": "everything"},
        {"code": "c", "good": [1, 2]},
        ["c", []],
    ],
)
def test_a_cache_with_bad_checked_poses_is_replaced(
    paths: Paths, checked: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths.parse_cache_file.parent.mkdir(parents=True)
    paths.parse_cache_file.write_text(
        json.dumps({"version": CACHE_VERSION, "entries": {}, "checked": checked})
    )
    calls = _counting_checks(monkeypatch)
    cache = ParseCache(paths.parse_cache_file, "1.0")
    assert cache.rejected
    lib = library(paths, cache)
    assert calls and not lib.failed  # everything checked as if there were no cache
    assert cache.save()
    assert not ParseCache(paths.parse_cache_file, "1.0").rejected


# ---- the still drawings of the cards (drawing.still_drawing) ----


def test_a_still_drawing_is_worked_out_once_and_read_back_on_the_next_start(
    paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stretchapp.core import drawing

    pose = _cat_cow(paths)
    expected = [drawing.still_drawing(pose, k) for k in range(len(pose.keys))]
    worked: list[object] = []
    real = drawing._drawing
    monkeypatch.setattr(drawing, "_drawing", lambda p, m: worked.append(p) or real(p, m))

    def start(code: str = "code 1") -> list[drawing.Drawing]:
        cache = ParseCache(paths.parse_cache_file)
        drawing.keep_stills_in(cache.still_book(code))
        try:
            drawn = [drawing.still_drawing(pose, k) for k in range(len(pose.keys))]
        finally:
            drawing.keep_stills_in(None)
        assert cache.save()
        return drawn

    assert start() == expected and len(worked) == len(expected)
    worked.clear()
    assert start() == expected and worked == []  # read back, not worked out again
    assert start("code 2") == expected and len(worked) == len(expected)  # other code: redrawn


def test_every_bundled_still_drawing_reads_back_exactly(paths: Paths) -> None:
    from stretchapp.core import drawing

    for stretch in library(paths).stretches.values():
        assert stretch.pose is not None
        for key in range(len(stretch.pose.keys)):
            drawn = drawing.still_drawing(stretch.pose, key)
            value = json.loads(json.dumps(drawing.encode_drawing(drawn)))
            assert drawing.decode_drawing(value) == drawn, stretch.id


def _hostile_drawings() -> list[Any]:
    limb = ["limb", "thigh_l", 1, False, [0, 0, 10, 10], [5, 5]]
    head = ["head", 2, False, 0, 0, 10]
    prop = ["prop", "floor", [0, 0, 10, 0, 10, 1]]
    frame = [0, 0, 100, 100]
    return [
        None,
        "drawing",
        [frame],
        [[0, 0, 100], [limb]],
        [[100, 0, 0, 100], [limb]],  # an empty frame
        [frame, [["limb", "thigh_l", 1, False, [0, 0, 10], [5, 5]]]],  # half a point
        [frame, [["limb", "thigh_l", 1, False, [0, 0, 10, 10], [5]]]],  # a width missing
        [frame, [["limb", "thigh_l", 7, False, [0, 0, 10, 10], [5, 5]]]],  # no such layer
        [frame, [["limb", "thigh_l", True, False, [0, 0, 10, 10], [5, 5]]]],
        [frame, [["limb", "thigh_l", 1, "yes", [0, 0, 10, 10], [5, 5]]]],
        [frame, [["limb", "x" * 500, 1, False, [0, 0, 10, 10], [5, 5]]]],
        [frame, [["limb", "thigh\n", 1, False, [0, 0, 10, 10], [5, 5]]]],
        [frame, [["limb", "thigh_l", 1, False, [0, 0, 1e300, 10], [5, 5]]]],
        [frame, [["limb", "thigh_l", 1, False, [0, 0, "10", 10], [5, 5]]]],
        [frame, [["head", 2, False, 0, 0, -1]]],
        [frame, [["head", 2, False, 0, 0]]],
        [frame, [["prop", "floor", []]]],
        [frame, [["prop", 3, [0, 0]]]],
        [frame, [["cloud", 1]]],
        [frame, [limb] * 1000],
        [frame, [limb, head, prop, 5]],
    ]


@pytest.mark.parametrize("value", _hostile_drawings())
def test_a_bad_still_drawing_in_the_cache_is_drawn_afresh(
    paths: Paths, value: Any, qtbot: Any
) -> None:
    from stretchapp.core import drawing
    from stretchapp.ui.illustration import Illustration

    with pytest.raises(ValueError):
        drawing.decode_drawing(value)
    pose = _cat_cow(paths)
    index = len(pose.keys) - 1 if pose.still is None else pose.still  # the card's key pose
    expected = drawing.still_drawing(pose)
    stills = {"code": "c", "drawings": {f"{index}|{pose!r}": value}}
    paths.parse_cache_file.parent.mkdir(parents=True)
    paths.parse_cache_file.write_text(
        json.dumps({"version": CACHE_VERSION, "entries": {}, "stills": stills})
    )
    cache = ParseCache(paths.parse_cache_file)
    drawing.keep_stills_in(cache.still_book("c"))
    try:
        assert drawing.still_drawing(pose) == expected
        picture = Illustration()  # and a card shows it
        qtbot.addWidget(picture)
        picture.set_stretch(_stretch_of(paths, "cat-cow"))
        assert picture.drawing() == expected
    finally:
        drawing.keep_stills_in(None)
    assert cache.save()
    value_now = ParseCache(paths.parse_cache_file).still_book("c").get(f"{index}|{pose!r}")
    assert drawing.decode_drawing(value_now) == expected  # replaced by the good one


def _stretch_of(paths: Paths, stretch_id: str) -> Any:
    return library(paths).stretches[stretch_id]


@pytest.mark.parametrize(
    "stills",
    [{"code": "c"}, {"code": 1, "drawings": {}}, {"code": "c", "drawings": []}, ["c", {}]],
)
def test_a_cache_with_bad_stills_is_replaced(paths: Paths, stills: Any) -> None:
    paths.parse_cache_file.parent.mkdir(parents=True)
    paths.parse_cache_file.write_text(
        json.dumps({"version": CACHE_VERSION, "entries": {}, "stills": stills})
    )
    cache = ParseCache(paths.parse_cache_file)
    assert cache.rejected
    assert cache.still_book("c").get("k") is None
    assert cache.save()
    assert not ParseCache(paths.parse_cache_file).rejected


def test_in_a_self_contained_build_every_build_is_new_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stretchapp.core import drawing, routines

    program = tmp_path / "stretchapp"
    program.write_bytes(b"build 1")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program))

    def keys() -> tuple[str, str]:
        drawing.code_key.cache_clear()
        routines.check_code_key.cache_clear()
        return drawing.code_key("1.0"), routines.check_code_key("1.0")

    try:
        first = keys()
        program.write_bytes(b"build 2, the same version")
        second = keys()
        assert first[0] != second[0] and first[1] != second[1]
    finally:
        monkeypatch.undo()
        keys()  # (the cached keys of this test's fake build are not kept)


# ---- the precaution ids the stretches' `avoid_if` are checked against ----


def _counting_health(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    from stretchapp.core import health

    read: list[Path] = []
    real = health.precaution_ids

    def counting(assets_dir: Path | None = None) -> tuple[str, ...]:
        read.append(Path(str(assets_dir)))
        return real(assets_dir)

    monkeypatch.setattr(health, "precaution_ids", counting)
    return read


def _assets_copy(paths: Paths, tmp_path: Path) -> Path:
    assets = tmp_path / "assets"
    assets.mkdir()
    (assets / "health.yaml").write_bytes((paths.assets_dir / "health.yaml").read_bytes())
    return assets


def _load_with(paths: Paths, assets: Path, version: str = "1.0") -> Library:
    from stretchapp.core import health

    health._cached.cache_clear()  # a new start: health.py keeps what it read in a process
    cache = ParseCache(paths.parse_cache_file, version)
    with parsecache.using(cache):
        lib = load_library(paths.bundled_routines_dir, paths.user_routines_dir, assets)
    assert cache.save()
    return lib


def test_precaution_ids_are_read_once_then_known_on_the_next_start(
    paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = _counting_health(monkeypatch)
    first = _start(paths)
    assert len(read) == 1 and not first.failed  # (bundled stretches name precautions)
    assert any(s.avoid_if for s in first.stretches.values())
    again = _start(paths)
    assert len(read) == 1  # the ids came from the cache
    assert summary(again) == summary(first)
    assert again.stretches == first.stretches
    _start(paths, "1.1")  # another version of the app reads the health file again
    assert len(read) == 2


def test_an_edited_health_file_is_read_again_and_a_bad_one_every_time(
    paths: Paths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assets = _assets_copy(paths, tmp_path)
    read = _counting_health(monkeypatch)
    assert not _load_with(paths, assets).failed
    _load_with(paths, assets)
    assert len(read) == 1
    health_file = assets / "health.yaml"
    text = health_file.read_text(encoding="utf-8")
    # Any edit, even one that changes no id, is another text: the file is read again.
    health_file.write_text(text + "\n# edited\n", encoding="utf-8")
    assert not _load_with(paths, assets).failed
    assert len(read) == 2
    _load_with(paths, assets)
    assert len(read) == 2
    health_file.write_text("version: 1\n", encoding="utf-8")  # unreadable: no ids at all
    for _ in range(2):
        before = len(read)
        assert not _load_with(paths, assets).failed  # (`avoid_if` is then not checked)
        assert len(read) > before  # never kept: read (and refused) every time


def test_precaution_ids_are_kept_per_language(
    paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stretchapp.core import i18n

    read = _counting_health(monkeypatch)
    _start(paths)
    before = i18n.active()
    i18n.activate("de")
    try:
        _start(paths)
    finally:
        i18n.activate(before.code)
    assert len(read) == 2


@pytest.mark.parametrize(
    "precautions",
    [
        {"code": "c"},
        {"code": 1, "ids": {}},
        {"code": "c", "ids": ["pregnancy"]},
        {"code": "c", "ids": {"k": "pregnancy"}},
        {"code": "c", "ids": {"k": []}},
        {"code": "c", "ids": {"k": [1]}},
        {"code": "c", "ids": {"k": [""]}},
        {"code": "c", "ids": {"k": ["x" * 201]}},
    ],
)
def test_a_cache_with_bad_precaution_ids_is_replaced(
    paths: Paths, precautions: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths.parse_cache_file.parent.mkdir(parents=True)
    paths.parse_cache_file.write_text(
        json.dumps({"version": CACHE_VERSION, "entries": {}, "precautions": precautions})
    )
    read = _counting_health(monkeypatch)
    cache = ParseCache(paths.parse_cache_file, "1.0")
    assert cache.rejected
    lib = library(paths, cache)
    assert read and not lib.failed  # read as if there were no cache
    assert cache.save()
    assert not ParseCache(paths.parse_cache_file, "1.0").rejected


def test_the_health_code_key_follows_the_modules_that_read_the_file() -> None:
    from stretchapp.core import health, routines

    assert routines.HEALTH_FILE_NAME == health.FILE_NAME
    key = routines.health_code_key("9.9")
    info = Path(health.__file__).stat()
    assert key.startswith("9.9|") and f"{info.st_size}:{info.st_mtime_ns}" in key
    assert routines.health_code_key("9.8") != key


def test_ids_read_while_the_health_file_changed_are_not_kept(
    paths: Paths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stretchapp.core import health

    assets = _assets_copy(paths, tmp_path)
    health_file = assets / "health.yaml"
    real = health.precaution_ids
    read: list[int] = []

    def changing(assets_dir: Path | None = None) -> tuple[str, ...]:
        read.append(1)
        ids = real(assets_dir)
        health_file.write_text(health_file.read_text(encoding="utf-8") + "\n# again\n")
        return ids

    original = health_file.read_text(encoding="utf-8")
    monkeypatch.setattr(health, "precaution_ids", changing)
    _load_with(paths, assets)
    monkeypatch.setattr(health, "precaution_ids", _counting(real, read))
    health_file.write_text(original, encoding="utf-8")
    before = len(read)
    _load_with(paths, assets)
    assert len(read) > before  # nothing was kept under a text the ids may not have come from


def _counting(real: Any, read: list[int]) -> Any:
    def counting(assets_dir: Path | None = None) -> tuple[str, ...]:
        read.append(1)
        return real(assets_dir)  # type: ignore[no-any-return]

    return counting


# ---- the library kept as it was loaded (LibraryBook) ----


def _counting_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The routine files read and checked (`routines._read`), by name."""
    from stretchapp.core import routines

    read: list[str] = []
    real = routines._read

    def counting(path: Path, *args: Any, **kwargs: Any) -> Any:
        read.append(path.name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(routines, "_read", counting)
    return read


@pytest.mark.parametrize("language", ["en", "de", "fr", "es"])
def test_the_kept_library_equals_the_loaded_one_for_every_bundled_file(
    paths: Paths, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stretchapp.core import i18n

    before = i18n.active()
    i18n.activate(language)
    try:
        write_user(paths, POSED)  # a user's file, with a pose of its own, beside the bundled
        loaded = _start(paths)
        read = _counting_reads(monkeypatch)
        kept = _start(paths)
        fresh = library(paths)  # no cache at all
    finally:
        i18n.activate(before.code)
    bundled = sorted(p.name for p in paths.bundled_routines_dir.glob("*.yaml"))
    assert read == [*bundled, "mine.yaml"]  # only the cache-less load read the files
    assert not kept.failed and len(kept.routines) >= 5
    assert kept == loaded == fresh  # every field: texts, translations, poses, files
    for mine, theirs in zip(kept.routines, fresh.routines, strict=True):
        for a, b in zip(mine.entries, theirs.entries, strict=True):
            assert a.written == b.written and a.stretch.written == b.stretch.written
            assert a.stretch.translations == b.stretch.translations
            assert a.stretch.pose == b.stretch.pose and a.stretch.source is b.stretch.source
    # One stretch is one object wherever the library holds it, as when loaded.
    entry = kept.routines[0].entries[0]
    assert entry.stretch is kept.stretches[entry.stretch.id]


def test_an_edited_file_is_read_again_and_the_library_kept_anew(
    paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_user(paths, GOOD)
    _start(paths)
    path.write_text(GOOD.replace("name: Mine", "name: Mine again"), encoding="utf-8")
    read = _counting_reads(monkeypatch)
    edited = _start(paths)
    assert "mine.yaml" in read
    assert [r.name for r in edited.routines if r.id == "mine"] == ["Mine again"]
    del read[:]
    again = _start(paths)
    assert read == [] and again == edited
    path.write_text(BAD, encoding="utf-8")  # a bad file: reported, and nothing kept
    for _ in range(2):
        del read[:]
        problems = summary(_start(paths))[2]
        assert "mine.yaml" in read and any("cat-cox" in p for p in problems)
    path.unlink()  # a file gone is another library
    del read[:]
    assert "mine" not in {r.id for r in _start(paths).routines} and read


def test_another_language_or_code_loads_the_library_afresh(
    paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stretchapp.core import i18n, routines

    _start(paths)
    read = _counting_reads(monkeypatch)
    _start(paths, "1.1")  # another version of the app
    assert read
    del read[:]
    _start(paths, "1.1")
    assert read == []
    before = i18n.active()
    i18n.activate("de")
    try:
        _start(paths, "1.1")
    finally:
        i18n.activate(before.code)
    assert read
    key = routines.library_code_key("9.9")
    assert key.startswith(routines.check_code_key("9.9"))
    for name in routines.LIBRARY_MODULES:  # an edited module of those is new code
        info = Path(sys.modules[name].__file__ or "").stat()
        assert f"{info.st_size}:{info.st_mtime_ns}" in key


PICTURED = """\
version: 1
stretches:
  - {id: with-picture, name: With a picture, images: [me.png], hold: 5, steps: [a, b, c]}
"""


def test_a_library_with_pictures_of_its_own_is_not_kept(
    paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = paths.user_routines_dir
    folder.mkdir(parents=True, exist_ok=True)
    icons = paths.assets_dir / "desktop" / "icons" / "hicolor"
    png = icons / "48x48" / "apps" / "io.github.stretchapp.StretchApp.png"
    (folder / "me.png").write_bytes(png.read_bytes())
    write_user(paths, PICTURED)
    first = _start(paths)
    assert not first.failed and first.stretches["with-picture"].frames
    assert "library" not in json.loads(paths.parse_cache_file.read_text(encoding="utf-8"))
    read = _counting_reads(monkeypatch)
    _start(paths)
    assert "mine.yaml" in read  # pictures are checked on disk at every start


@pytest.mark.parametrize(
    "hostile",
    [
        "not a list",
        [],  # too few fields
        [{}, [], [], "extra"],  # too many
        [{"x": 5}, [], []],  # a stretch that is a record read before none was
        [{}, [0], []],  # itself, while being read
        [{}, [], [["p", "bundled", [], [], [], "?"]]],  # a problem: a kept library has none
        [{}, [], [["p", "nowhere", [], [], []]]],  # a source it does not have
        [{}, [], [[1, "bundled", [], [], []]]],  # a path that is not text
        [{}, [["r", "R", "d", [], None, None, True, "bundled", None, [{}], {}]], []],  # a number
        [{}, [["r", "R", "d", [], None, None, 5, "bundled", None, [{}], {"idd": "x"}]], []],
        [{}, [["r", "R", "d", [], None, None, 5, "bundled", None, [{}], {"name": {"x": 1}}]], []],
        [{}, [["r", "R", "d", [], None, None, 5, "bundled", None, [{"de": []}], {}]], []],
        [{}, [["r", "R", "d", [], 1.5, None, 5, "bundled", None, [{}], {}]], []],
        [{}, [["r", "R", "d", [[]], None, None, 5, "bundled", None, [{}], {}]], []],
        [{}, [], []] + [[]] * 2,
    ],
)
def test_a_kept_library_that_is_not_sound_is_loaded_afresh(
    paths: Paths, hostile: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_user(paths, GOOD)
    good = _start(paths)
    content = json.loads(paths.parse_cache_file.read_text(encoding="utf-8"))
    content["library"]["library"] = hostile
    paths.parse_cache_file.write_text(json.dumps(content), encoding="utf-8")
    read = _counting_reads(monkeypatch)
    assert _start(paths) == good and read  # read as if nothing had been kept
    del read[:]
    assert _start(paths) == good and read == []  # and kept anew


def test_a_kept_library_is_used_only_with_the_cached_texts_of_its_files(
    paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_user(paths, GOOD)
    good = _start(paths)
    content = json.loads(paths.parse_cache_file.read_text(encoding="utf-8"))
    user_file = str(paths.user_routines_dir / "mine.yaml")
    content["entries"][user_file]["text"] = GOOD + "# another text\n"
    paths.parse_cache_file.write_text(json.dumps(content), encoding="utf-8")
    read = _counting_reads(monkeypatch)
    assert _start(paths) == good and "mine.yaml" in read
    del read[:]
    content = json.loads(paths.parse_cache_file.read_text(encoding="utf-8"))
    content["library"] = {"code": 1}
    paths.parse_cache_file.write_text(json.dumps(content), encoding="utf-8")
    assert ParseCache(paths.parse_cache_file, "1.0").rejected
    assert _start(paths) == good and read


def test_a_kept_library_keeps_the_poses_known_to_rest_on_their_support(
    paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_user(paths, POSED)
    _start(paths)
    _start(paths)  # the library kept: no pose checked, yet they stay known
    content = json.loads(paths.parse_cache_file.read_text(encoding="utf-8"))
    assert content["checked"]["good"] and content["library"]
    checked = _counting_checks(monkeypatch)
    write_user(paths, GOOD, "other.yaml")  # another library: only its new poses are checked
    _start(paths)
    assert checked == []
