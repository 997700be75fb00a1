"""Translations carried beside content texts: checked by the same declaration, English per text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from stretchapp.core import content_i18n, i18n, yamlfile
from stretchapp.core.routines import ROUTINE_FIELDS, STRETCH_FIELDS
from stretchapp.core.schema import Checker

REPO = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).parent / "fixtures" / "childs-pose.de.yaml"


def bundled_childs_pose() -> Any:
    data = yamlfile.load(REPO / "routines" / "stretches.yaml")
    return next(s for s in data["stretches"] if s["id"] == "childs-pose")


def load(
    item: Any, kind_fields: Any = STRETCH_FIELDS, kind: str = "stretch"
) -> tuple[dict[str, Any], content_i18n.Translations, list[str]]:
    """What a loader does: split the translations off, check the item, check its translations."""
    checker = Checker("file.yaml")
    rest, raw, line = content_i18n.take(item)
    values = checker.mapping(rest, kind_fields, "stretches[1]", getattr(item, "line", 1))
    translations = content_i18n.check(
        checker, raw, kind_fields, kind, "stretches[1]", line, source=values
    )
    return values, translations, [str(p) for p in checker.problems]


def test_the_german_childs_pose_loads_through_the_stretch_declaration() -> None:
    item = bundled_childs_pose()
    item["translations"] = yamlfile.load(FIXTURE)
    values, translations, problems = load(item)
    assert problems == []
    assert translations.languages() == ("de",)
    german = translations.apply(values, "de", "de_DE")
    assert german["name"] == "Kindhaltung"
    assert len(german["steps"]) == len(values["steps"]) == 4
    assert german["steps"][0].startswith("Knien Sie sich auf die Matte")
    assert german["breathing"].startswith("Atmen Sie langsam")
    # What is not a text is the same in every language.
    for name in ("id", "hold", "images", "position", "avoid_if"):
        assert german[name] == values[name]
    # A language with no translation shows the English, every text of it.
    assert translations.apply(values, "fr", "fr_FR") == values
    assert translations.apply(values, "en", "en_GB") == values


def test_a_missing_translated_field_falls_back_to_english_per_text() -> None:
    item = bundled_childs_pose()
    item["translations"] = {"de": {"name": "Kindhaltung"}, "de_AT": {"caution": "Vorsicht."}}
    values, translations, problems = load(item)
    assert problems == []
    austrian = translations.apply(values, "de", "de_AT")
    assert austrian["name"] == "Kindhaltung"  # from de
    assert austrian["caution"] == "Vorsicht."  # de_AT's own
    assert austrian["steps"] == values["steps"]  # English: no German steps
    assert translations.apply(values, "de", "de_DE")["caution"] == values["caution"]


TEXT = """\
version: 1
stretches:
  - id: mine
    name: My stretch
    images: [a.svg]
    hold: 30
    steps: [One, Two, Three, Four]
    translations:
      de:
        name: <b>Meine</b>
        nmae: Tippfehler
        hold: 40
        steps: [Eins, Zwei, Drei]
      en:
        name: Mine
      german:
        name: Meine
      fr: just text
"""


def test_translations_are_checked_like_the_english_and_problems_name_the_line() -> None:
    data = yamlfile.parse(TEXT, "mine.yaml")
    item = data["stretches"][0]
    checker = Checker("mine.yaml")
    rest, raw, line = content_i18n.take(item)
    values = checker.mapping(rest, STRETCH_FIELDS, "stretches[mine]", item.line)
    assert checker.problems == []  # the English part is fine, `translations` is not in its way
    translations = content_i18n.check(
        checker, raw, STRETCH_FIELDS, "stretch", "stretches[mine]", line, source=values
    )
    problems = [str(p) for p in checker.problems]
    where = "mine.yaml:{}: stretches[mine].translations."
    assert any(p.startswith(where.format(10) + "de.name: holds HTML") for p in problems), problems
    assert any(
        p.startswith(where.format(11) + "de.nmae: is not a known field; did you mean 'name'?")
        for p in problems
    ), problems
    assert (
        where.format(12)
        + (
            "de.hold: cannot be translated; it is the same in every language "
            "(translatable fields: name, steps, breathing, caution, video)"
        )
        in problems
    )
    assert any(
        p.startswith(where.format(13) + "de.steps: has 3 items; the English has 4")
        for p in problems
    ), problems
    assert any(p.startswith(where.format(14) + "en: English is the text") for p in problems)
    assert any(p.startswith(where.format(16) + "german: is not a language code") for p in problems)
    assert any(p.startswith(where.format(18) + "fr: is text") for p in problems), problems
    # What was wrong is left out; nothing else was good, so English shows throughout.
    assert translations.apply(values, "de") == values


def test_translation_problems_are_in_the_users_language_too() -> None:
    i18n.activate("de")
    checker = Checker("r.yaml")
    content_i18n.check(checker, {"de": {"hold": 3}}, STRETCH_FIELDS, "stretch", "s", 4)
    assert str(checker.problems[0]).startswith(
        "r.yaml:4: s.translations.de.hold: kann nicht übersetzt werden"
    )


def test_routines_translate_their_name_and_description_only() -> None:
    item = {
        "id": "r",
        "name": "Mine",
        "description": "Short.",
        "stretches": ["cat-cow"],
        "translations": {"es": {"name": "La mía", "rest": 5}},
    }
    values, translations, problems = load(item, ROUTINE_FIELDS, "routine")
    assert len(problems) == 1 and "es.rest: cannot be translated" in problems[0]
    assert translations.apply(values, "es")["name"] == "La mía"
    assert translations.apply(values, "es")["description"] == "Short."


@pytest.mark.parametrize("kind", sorted(content_i18n.TRANSLATABLE))
def test_every_translatable_field_is_a_text_of_its_declaration(kind: str) -> None:
    from stretchapp.core import health, settings
    from stretchapp.core.routines import ENTRY_FIELDS

    fields = {
        "stretch": STRETCH_FIELDS,
        "routine": ROUTINE_FIELDS,
        "entry": ENTRY_FIELDS,
        "health": health.FILE_FIELDS,
        "safety_note": health.SAFETY_NOTE_FIELDS,
        "precautions": health.PRECAUTIONS_FIELDS,
        "precaution": health.PRECAUTION_FIELDS,
        "red_flags": health.RED_FLAGS_FIELDS,
        "red_flag_group": health.RED_FLAG_GROUP_FIELDS,
        "about": health.ABOUT_FIELDS,
        "about_section": health.SECTION_FIELDS,
        "link": health.LINK_FIELDS,
        "relief": settings.RELIEF_FILE_FIELDS,
        "relief_option": settings.RELIEF_FIELDS,
        "relief_link": settings.RELIEF_LINK_FIELDS,
        "clinic": settings.CLINIC_FIELDS,
    }[kind]
    declared = {f.name: f for f in fields}
    for name in content_i18n.TRANSLATABLE[kind]:
        assert declared[name].kind in ("text", "texts"), name
