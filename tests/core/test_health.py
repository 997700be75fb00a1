"""Health content: the red flags, precautions and safety note are complete, and every bundled
text stays within what the evidence supports (no phone numbers, no claims of prevention or cure).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from stretchapp.core import health
from stretchapp.core.paths import Paths
from stretchapp.core.routines import load_library

REPO = Path(__file__).resolve().parents[2]
_SOURCES = [
    base / "shared" / "docs" / "content-sources.md" for base in (REPO.parent, REPO.parent.parent)
]
CONTENT_SOURCES = next((p for p in _SOURCES if p.is_file()), _SOURCES[0])

# Every sign the vetted sources list, by group: each tuple is words one item must all contain.
RED_FLAGS: dict[str, list[tuple[str, ...]]] = {
    "emergency": [
        ("both legs", "tingling", "weakness", "numbness"),
        ("groin", "buttocks", "inner thighs", "genitals"),
        ("urine", "bladder", "bowels"),
        ("sexual function",),
        ("chest pain",),
        ("car crash", "fall", "weak bones"),
    ],
    "today": [
        ("high temperature",),
        ("weight loss",),
        ("lump", "changed shape"),
        ("rest", "night"),
        ("sneeze", "cough", "bowels"),
        ("shoulder blades", "band"),
        ("weakness in one leg or foot", "drags"),
    ],
    "tell-doctor": [
        ("cancer",),
        ("steroid", "immune system"),
        ("pregnant", "midwife"),
        ("severe", "week"),
    ],
}
PRECAUTIONS = {
    "pregnancy": ("pregnant",),
    "osteoporosis": ("osteoporosis", "weak bones"),
    "surgery": ("back", "hip", "spine", "surgery"),
}

# What each bundled stretch does to the spine. A new bundled stretch must be added here, so
# nobody can ship one without deciding whether the precautions apply.
SPINE: dict[str, str] = {
    "childs-pose": "flexes",
    "glute-bridge": "extends",
    "cat-cow": "flexes and extends",
    "knee-to-chest": "flexes",
    "pelvic-tilt": "flexes",
    "lower-back-rotation": "rotates",
    "figure-4": "",  # the hip only; the back rests on the floor
    "constructive-rest": "",
    "foam-roll-upper-back": "presses on",
    "foam-roll-glutes": "",  # the buttock muscles, not the spine
    "seated-cat-cow": "flexes and extends",
    "seated-twist": "rotates",
    "seated-figure-4": "",  # a hinge at the hips with the back kept long
    "standing-side-bend": "flexes sideways",
    "standing-back-extension": "extends",
}

# Beyond the spine: a leg crossed over or a hip loaded asks about recent (hip) surgery, and
# lying on the back or balancing on a roller about pregnancy.
HIP = {"figure-4", "seated-figure-4", "foam-roll-glutes"}
ON_THE_BACK_OR_A_ROLLER = {"figure-4", "constructive-rest", "foam-roll-glutes"}

CLAIMS = re.compile(
    r"\bprevent|\bcure|\bheal(s|ing)?\b|less likely|\bguarantee|\beliminat|\bfix(es)?\b|recover its"
    r"|\bstops? (back )?spasms|calmer back|back calmer",
    re.IGNORECASE,
)
PHONE = re.compile(r"\+?\d[\d ().-]{5,}\d|\b(911|999|111|112|000|116 ?117)\b")


def bundled_texts() -> Iterator[tuple[str, str]]:
    """(file, text) for every string value in the bundled data files (comments excluded)."""
    files = sorted((REPO / "routines").glob("*.yaml")) + sorted((REPO / "assets").glob("*.yaml"))
    for path in files:
        yield from ((path.name, text) for text in _strings(yaml.safe_load(path.read_text())))


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_every_red_flag_is_there_in_its_group() -> None:
    groups = {g.id: g for g in health.red_flags()}
    assert list(groups) == ["emergency", "today", "tell-doctor"]
    for group_id, signs in RED_FLAGS.items():
        items = [i.lower() for i in groups[group_id].items]
        for words in signs:
            assert any(all(w in item for w in words) for item in items), (group_id, words)
    assert "emergency" in groups["emergency"].intro
    assert "same day" in groups["today"].intro and "today" in groups["today"].title.lower()
    # "any" numbness or weakness in both legs, not only when severe
    assert "mild" in groups["emergency"].items[0]


def test_every_precaution_is_there() -> None:
    found = {p.id: (p.name + " " + p.text).lower() for p in health.precautions()}
    assert list(found) == list(PRECAUTIONS)
    for precaution_id, words in PRECAUTIONS.items():
        assert all(w in found[precaution_id] for w in words), precaution_id
        assert health.precaution_text(precaution_id) in found[precaution_id].replace("\n", " ") or (
            health.precaution_text(precaution_id).lower() in found[precaution_id]
        )
    assert health.precaution_text("nonsense") == ""


def test_the_stop_rule_and_the_safety_note_say_it_all() -> None:
    rule = health.stop_rule().lower()
    assert all(w in rule for w in ("stop", "pain", "numbness", "tingling", "spreads into a leg"))
    note = health.safety_note_text()
    assert health.stop_rule() in note
    for precaution in health.precautions():
        assert precaution.text in note
    for group in health.red_flags():
        assert group.title in note and all(item in note for item in group.items)


def test_every_spinal_or_hip_stretch_carries_the_precautions(paths: Paths) -> None:
    stretches = load_library(paths.bundled_routines_dir, None, paths.assets_dir).stretches
    assert set(stretches) == set(SPINE), "classify every bundled stretch in SPINE"
    for stretch_id, movement in SPINE.items():
        if movement:
            assert set(stretches[stretch_id].avoid_if) == set(health.REQUIRED_PRECAUTIONS), (
                f"{stretch_id} {movement} the spine"
            )
        texts = health.precaution_texts(stretches[stretch_id].avoid_if)
        assert len(texts) == len(stretches[stretch_id].avoid_if)
    for stretch_id in HIP:
        assert "surgery" in stretches[stretch_id].avoid_if, f"{stretch_id} loads a hip"
    for stretch_id in ON_THE_BACK_OR_A_ROLLER:
        assert "pregnancy" in stretches[stretch_id].avoid_if, stretch_id


def test_no_bundled_text_has_a_phone_number_or_a_claim() -> None:
    texts = list(bundled_texts()) + [("health.py", t) for t in health.content().all_texts()]
    assert len(texts) > 100
    for name, text in texts:
        if re.match(r"^(https?|mailto|tel):", text):
            continue  # addresses, checked against the vetted sources instead
        assert not PHONE.search(text), (name, text)
        assert not CLAIMS.search(text), (name, text)


def test_no_text_in_the_code_makes_a_claim() -> None:
    import ast

    found = []
    for path in sorted((REPO / "stretchapp").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            text = node.value if isinstance(node, ast.Constant) else None
            if isinstance(text, str) and CLAIMS.search(text) and not text.startswith("http"):
                found.append((path.name, text))
    assert found == []


def test_the_word_lists_catch_what_they_should() -> None:
    for bad in (
        "Stretching prevents spasms.",
        "helps your back recover its strength",
        "a relaxed back is less likely to tighten",
        "A few minutes every day keeps a back calmer.",
        "Call 999 now",
        "Ring +44 20 7946 0958",
    ):
        assert CLAIMS.search(bad) or PHONE.search(bad), bad
    assert not PHONE.search("first taught in 1979, keep going for 6 to 8 weeks")


@pytest.mark.skipif(not CONTENT_SOURCES.is_file(), reason="shared/docs is not beside the repo")
def test_links_come_only_from_the_content_sources() -> None:
    vetted = set(re.findall(r"https?://[^\s|)`,]+", CONTENT_SOURCES.read_text(encoding="utf-8")))
    links = {link.url for link in health.about().links}
    assert links and links <= vetted, links - vetted


# ---- the file format ------------------------------------------------------------------------


def bundled_text() -> str:
    return (REPO / "assets" / health.FILE_NAME).read_text(encoding="utf-8")


def test_a_file_missing_a_red_flag_group_or_precaution_is_refused(tmp_path: Path) -> None:
    text = bundled_text()
    text = text.replace("    - id: today\n", "    - id: later\n")
    text = text.replace("    - id: surgery\n", "    - id: operations\n")
    path = tmp_path / health.FILE_NAME
    path.write_text(text, encoding="utf-8")
    with pytest.raises(health.HealthFileError) as caught:
        health.load(path)
    messages = [str(p) for p in caught.value.problems]
    line = text.splitlines().index("precautions:") + 1
    assert any(m.startswith(f"{path}:{line}: precautions: is missing 'surgery'") for m in messages)
    assert any("red_flags: is missing 'today'" in m for m in messages), messages


def test_a_bad_value_names_file_line_and_field(tmp_path: Path) -> None:
    text = bundled_text().replace("        - chest pain\n", "        - <b>chest pain</b>\n")
    path = tmp_path / health.FILE_NAME
    path.write_text(text, encoding="utf-8")
    with pytest.raises(health.HealthFileError) as caught:
        health.load(path)
    line = text.splitlines().index("        - <b>chest pain</b>") + 1
    problems = [str(p) for p in caught.value.problems]
    assert problems[0].startswith(f"{path}:{line}: red_flags.groups[1].items[5]: holds HTML")
    # the group is then refused as a whole, and said to be missing
    assert problems[1:] == [p for p in problems[1:] if "is missing 'emergency'" in p]


def test_an_unreadable_file_gives_no_precaution_ids(tmp_path: Path) -> None:
    (tmp_path / health.FILE_NAME).write_text("version: 1\n", encoding="utf-8")
    assert health.precaution_ids(tmp_path) == ()
    with pytest.raises(health.HealthFileError):
        health.content(tmp_path)


def test_precaution_summary_names_them_in_one_line() -> None:
    assert health.precaution_summary(["osteoporosis", "pregnancy"]) == (
        "Ask first if this applies to you: Osteoporosis (weak bones) · Pregnancy"
    )
    assert health.precaution_summary([]) == ""


def test_content_doc_is_generated_from_the_declaration() -> None:
    from stretchapp.core import settings
    from stretchapp.core.schema import fields_table

    doc = (REPO / "docs" / "content.md").read_text(encoding="utf-8")
    for fields in (
        health.FILE_FIELDS,
        health.SAFETY_NOTE_FIELDS,
        health.PRECAUTIONS_FIELDS,
        health.PRECAUTION_FIELDS,
        health.RED_FLAGS_FIELDS,
        health.RED_FLAG_GROUP_FIELDS,
        health.ABOUT_FIELDS,
        health.SECTION_FIELDS,
        health.LINK_FIELDS,
        settings.RELIEF_FILE_FIELDS,
        settings.RELIEF_FIELDS,
        settings.RELIEF_LINK_FIELDS,
    ):
        assert fields_table(fields) in doc, "run: python scripts/gen-docs"
    for required in (*health.REQUIRED_RED_FLAG_GROUPS, *health.REQUIRED_PRECAUTIONS):
        assert f"`{required}`" in doc
