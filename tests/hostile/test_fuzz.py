"""Property-based fuzzing of the routine and shared-file readers (hypothesis, fixed seed and a
small budget so the suite stays fast): whatever the bytes, a reader returns problems or a
routine — it never raises, and every message is one bounded line naming the file."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from stretchapp.core.paths import Paths
from stretchapp.core.routines import Library, check_files, check_text, load_library
from stretchapp.core.sharing import read_shared

BUDGET = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

SCALARS = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(
        [
            "030",
            "0x1e",
            "0b11",
            "1:30",
            "1_000",
            ".inf",
            ".nan",
            "~",
            "yes",
            "0o7",
            "1e400",
            "0x" + "f" * 4000,
            "9" * 5000,
            "'quoted'",
            '"\\u200b"',
            '"a\\nb"',
            "<b>x</b>",
            "&#x3c;",
            "-",
            "!!str 5",
        ]
    ),
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
        max_size=30,
    ),
)
FIELDS = [
    "hold",
    "reps",
    "tempo",
    "name",
    "sides",
    "position",
    "steps",
    "images",
    "caution",
    "get_ready",
    "rest",
    "version",
    "id",
]


@st.composite
def routine_texts(draw: st.DrawFn) -> str:
    lines = ["version: 1", "stretches:", "  - id: mine"]
    lines += [
        f"    {f}: {draw(SCALARS)}"
        for f in draw(st.lists(st.sampled_from(FIELDS), max_size=6, unique=True))
    ]
    lines += ["routines:", "  - id: r", f"    name: {draw(SCALARS)}", "    stretches:"]
    lines += [f"      - stretch: {draw(st.sampled_from(['mine', 'cat-cow', '0x1', '1:2']))}"]
    lines += [f"        {draw(st.sampled_from(FIELDS))}: {draw(SCALARS)}"]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def library() -> Library:
    paths = Paths.default()
    return load_library(paths.bundled_routines_dir, None, paths.assets_dir)


def assert_clean(problems: list[str], shown: str) -> None:
    for problem in problems:
        assert "\n" not in problem.strip() or shown in problem
        assert len(problem) < 2000


@seed(12)
@BUDGET
@given(text=routine_texts())
def test_routine_reader_never_raises(text: str, library: Library, tmp_path: Path) -> None:
    paths = Paths.default()
    report = check_text(text, tmp_path / "fuzz.yaml", library, paths.assets_dir)
    assert_clean([str(p) for p in report.problems], "fuzz.yaml")


@seed(12)
@BUDGET
@given(data=st.binary(max_size=400))
def test_routine_reader_takes_any_bytes(data: bytes, library: Library, tmp_path: Path) -> None:
    path = tmp_path / "bytes.yaml"
    path.write_bytes(data)
    (report,) = check_files([path], library, Paths.default().assets_dir)
    assert_clean([str(p) for p in report.problems], "bytes.yaml")


@seed(12)
@BUDGET
@given(
    routine=routine_texts(),
    members=st.dictionaries(
        st.sampled_from(
            [
                "images/a.svg",
                "images/b.png",
                "images/../x.svg",
                "x.yaml",
                "images/",
                "/abs.svg",
                "images/c.gif",
            ]
        ),
        st.one_of(
            st.binary(max_size=64),
            st.sampled_from(
                [
                    b"<svg/>",
                    b"\x89PNG\r\n\x1a\n",
                    b"GIF89a",
                    b'<svg xmlns="http://www.w3.org/2000/svg"><use href="#a" id="a"/></svg>',
                ]
            ),
        ),
        max_size=3,
    ),
    damage=st.tuples(st.integers(min_value=0, max_value=2000), st.integers(0, 255)),
)
def test_shared_reader_never_raises(
    routine: str,
    members: dict[str, bytes],
    damage: tuple[int, int],
    library: Library,
    tmp_path: Path,
) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("routine.yaml", routine)
        for name, data in members.items():
            archive.writestr(name, data)
    data = bytearray(buffer.getvalue())
    at, value = damage
    if at < len(data) and at % 3 == 0:  # damage one byte in a third of the cases
        data[at] = value
    path = tmp_path / "fuzz.stretchapp"
    path.write_bytes(bytes(data))
    with read_shared(path, library, Paths.default()) as preview:
        assert preview.ok or preview.problems
        assert_clean(list(preview.problems), "fuzz.stretchapp")
