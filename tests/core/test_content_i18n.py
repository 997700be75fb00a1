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
            "(translatable fields: name, steps, breathing, caution, left_side, right_side,"
            " video)"
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


# ---- wired into the routine loader ---------------------------------------------------------

USER_FILE = """\
version: 1
stretches:
  - id: door-chest
    name: Doorway chest stretch
    images: [bundled:desktop/io.github.stretchapp.StretchApp.svg]
    hold: 20
    steps: [Stand in a doorway., Step forward gently., Breathe and step back.]
    caution: Stop if your arm tingles.
    translations:
      de:
        name: Brustdehnung im Türrahmen
        steps: [Stellen Sie sich in einen Türrahmen., Gehen Sie sanft vor., Atmen Sie ruhig.]
      fr:
        name: Étirement dans l'embrasure
routines:
  - id: evening
    name: Evening unwind
    description: A short wind-down.
    stretches:
      - door-chest
      - stretch: cat-cow
        transition: Come onto your hands and knees.
        translations:
          de: {transition: Gehen Sie in den Vierfüßlerstand.}
    translations:
      de: {name: Abendliche Entspannung}
"""


def write_user_file(paths: Any, text: str = USER_FILE, name: str = "evening.yaml") -> Path:
    paths.user_routines_dir.mkdir(parents=True, exist_ok=True)
    path = paths.user_routines_dir / name
    path.write_text(text, encoding="utf-8")
    return path


def library_in(paths: Any, code: str, locale_name: str = "") -> Any:
    from stretchapp.core.routines import load_library

    return load_library(
        paths.bundled_routines_dir,
        paths.user_routines_dir,
        paths.assets_dir,
        language=(code, locale_name),
    )


def test_the_loader_shows_a_users_file_in_the_active_language_english_per_text(paths: Any) -> None:
    from stretchapp.core.routines import load_library

    write_user_file(paths)
    i18n.activate("de")  # what the app and the command line do before loading
    german = load_library(paths.bundled_routines_dir, paths.user_routines_dir, paths.assets_dir)
    assert german.failed == []
    routine = german.routine("evening")
    assert routine is not None
    assert routine.name == "Abendliche Entspannung"
    assert routine.description == "A short wind-down."  # not translated: English, never empty
    door, cat = routine.entries
    assert door.stretch.name == "Brustdehnung im Türrahmen"
    assert door.stretch.steps[0] == "Stellen Sie sich in einen Türrahmen."
    assert door.stretch.caution == "Stop if your arm tingles."
    assert cat.transition == "Gehen Sie in den Vierfüßlerstand."
    # French: only the name; everything else English.
    french = library_in(paths, "fr", "fr_FR").routine("evening")
    assert french.name == "Evening unwind"
    assert french.entries[0].stretch.name == "Étirement dans l'embrasure"
    assert french.entries[0].stretch.steps[0] == "Stand in a doorway."
    assert french.entries[1].transition == "Come onto your hands and knees."
    # English, and a language no file translates into: the file's own texts.
    for code in ("en", "it"):
        routine = library_in(paths, code).routine("evening")
        assert routine.name == "Evening unwind"
        assert routine.entries[0].stretch.name == "Doorway chest stretch"


def test_a_bad_translation_is_reported_with_its_line_and_the_item_still_loads(paths: Any) -> None:
    text = USER_FILE.replace("      fr:\n", "      fr:\n        hold: 30\n").replace(
        "      de: {name: Abendliche Entspannung}", "      xx-1: {name: Abend}"
    )
    path = write_user_file(paths, text)
    library = library_in(paths, "de", "de_DE")
    (report,) = library.failed
    problems = [str(p) for p in report.problems]
    assert problems == [
        f"{path}:14: stretches[door-chest].translations.fr.hold: cannot be translated; it is "
        "the same in every language (translatable fields: name, steps, breathing, caution, "
        "left_side, right_side, video)",
        f"{path}:27: routines[evening].translations.xx-1: is not a language code "
        "(a code like de, fr, es or pt_BR)",
    ]
    routine = library.routine("evening")
    assert routine is not None and routine.name == "Evening unwind"
    assert routine.entries[0].stretch.name == "Brustdehnung im Türrahmen"


def test_validate_reports_a_bad_translation_on_the_usual_line(
    paths: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from stretchapp.cli import main

    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "version: 1\nroutines:\n  - id: r\n    name: R\n    stretches: [cat-cow]\n"
        "    translations:\n      de:\n        nmae: Ein sehr langer Name\n",
        encoding="utf-8",
    )
    assert main(["validate", str(bad)]) == 1
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith(
        f"{bad}:8: routines[r].translations.de.nmae: is not a known field; did you mean 'name'?"
    )


def test_files_are_written_back_in_their_own_language_with_translations_kept(
    paths: Any, tmp_path: Path
) -> None:
    from stretchapp.core.routines import render_file

    write_user_file(paths)
    german = library_in(paths, "de", "de_DE")
    routine = german.routine("evening")
    report = next(r for r in german.reports if r.path == routine.file)
    text = render_file(
        [routine], report.stretches, routine.file.parent, assets_dir=paths.assets_dir
    )
    assert "name: Evening unwind" in text and "name: Doorway chest stretch" in text
    assert "transition: Come onto your hands and knees." in text
    assert text.count("translations:") == 3
    assert "name: Abendliche Entspannung" in text
    assert "- Stellen Sie sich in einen Türrahmen." in text
    assert "transition: Gehen Sie in den Vierfüßlerstand." in text
    # Written and read again, in English and in German, it is the same routine.
    write_user_file(paths, text)
    assert library_in(paths, "de", "de_DE").routine("evening") == routine
    english = library_in(paths, "en").routine("evening")
    assert english.name == "Evening unwind"
    assert english == routine.as_written()


def test_the_editor_edits_the_english_and_keeps_the_translations(paths: Any) -> None:
    from stretchapp.core.editing import RoutineDraft

    path = write_user_file(paths)
    german = library_in(paths, "de", "de_DE")
    draft = RoutineDraft.edit(german.routine("evening"), german, paths)
    assert draft.name == "Evening unwind"  # the file's own text, not the German shown
    assert draft.entries[1].transition == "Come onto your hands and knees."
    assert draft.own["door-chest"].name == "Doorway chest stretch"
    assert not draft.dirty
    draft.description = "A short, slow wind-down."
    assert draft.save().ok
    saved = yamlfile.load(path)
    routine = saved["routines"][0]
    assert routine["description"] == "A short, slow wind-down."
    assert routine["translations"] == {"de": {"name": "Abendliche Entspannung"}}
    assert routine["stretches"][1]["translations"] == {
        "de": {"transition": "Gehen Sie in den Vierfüßlerstand."}
    }
    stretch = saved["stretches"][0]
    assert stretch["name"] == "Doorway chest stretch"
    assert stretch["translations"]["de"]["name"] == "Brustdehnung im Türrahmen"
    assert stretch["translations"]["fr"] == {"name": "Étirement dans l'embrasure"}


def test_the_parse_cache_keeps_the_file_and_the_language_is_applied_after(
    paths: Any, tmp_path: Path
) -> None:
    from stretchapp.core import parsecache

    write_user_file(paths)
    cache = parsecache.ParseCache(tmp_path / "cache.json")
    with parsecache.using(cache):
        assert library_in(paths, "de", "de_DE").routine("evening").name == "Abendliche Entspannung"
    assert cache.save()
    again = parsecache.ParseCache(tmp_path / "cache.json")
    with parsecache.using(again):
        assert library_in(paths, "en").routine("evening").name == "Evening unwind"
        assert library_in(paths, "de").routine("evening").name == "Abendliche Entspannung"
    assert again.hits > 0 and again.misses == 0


# ---- the bundled content -------------------------------------------------------------------

LANGUAGES = ("de", "fr", "es")


def bundled_library(code: str = "en") -> Any:
    from stretchapp.core.routines import load_library

    return load_library(REPO / "routines", None, REPO / "assets", language=(code, ""))


def test_every_bundled_text_is_translated_into_german_french_and_spanish() -> None:
    library = bundled_library()
    assert library.failed == []
    assert len(library.stretches) >= 15 and len(library.routines) >= 5
    for stretch in library.stretches.values():
        assert stretch.translations.languages() == tuple(sorted(LANGUAGES)), stretch.id
        for code in LANGUAGES:
            texts = stretch.translations.texts[code]
            for name in content_i18n.TRANSLATABLE["stretch"]:
                english = getattr(stretch, name)
                if not english:  # a text the stretch has not (left_side on a one-sided)
                    assert not texts.get(name), f"{stretch.id}: {code}.{name} of nothing"
                    continue
                assert texts.get(name), f"{stretch.id}: {code}.{name} is missing"
                assert texts[name] != english, f"{stretch.id}: {code}.{name} is the English"
            assert len(texts["steps"]) == len(stretch.steps), f"{stretch.id}: {code}.steps"
    for routine in library.routines:
        for code in LANGUAGES:
            texts = routine.translations.texts.get(code, {})
            for name in content_i18n.TRANSLATABLE["routine"]:
                assert texts.get(name), f"{routine.id}: {code}.{name} is missing"
        for i, entry in enumerate(routine.entries, 1):
            if entry.transition:
                for code in LANGUAGES:
                    texts = entry.translations.texts.get(code, {})
                    assert texts.get("transition"), f"{routine.id}[{i}]: {code}.transition"


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_bundled_library_in_each_language_shows_that_language(code: str) -> None:
    english, shown = bundled_library(), bundled_library(code)
    assert shown.failed == []
    assert list(shown.stretches) == list(english.stretches)  # ids never change
    for stretch_id, stretch in shown.stretches.items():
        source = english.stretches[stretch_id]
        assert stretch.name != source.name
        assert len(stretch.steps) == len(source.steps)
        assert (stretch.hold, stretch.reps, stretch.sides, stretch.avoid_if) == (
            source.hold,
            source.reps,
            source.sides,
            source.avoid_if,
        )
        assert stretch.as_written() == source
    for routine, source in zip(shown.routines, english.routines, strict=True):
        assert routine.id == source.id and routine.name != source.name
        assert routine.total_seconds() == source.total_seconds()
        assert routine.as_written() == source


def test_the_bundled_library_in_german_names_the_usual_german_stretches() -> None:
    german = bundled_library("de")
    names = {s.id: s.name for s in german.stretches.values()}
    assert names["childs-pose"] == "Kindhaltung"
    assert names["cat-cow"] == "Katze-Kuh"
    assert names["glute-bridge"] == "Beckenbrücke"
    assert names["knee-to-chest"] == "Knie zur Brust"
    routine = german.routine("daily-back-care")
    assert routine.name == "Tägliche Rückenpflege"
    assert routine.entries[0].stretch.steps[0].startswith("Gehen Sie in den Vierfüßlerstand")
    assert routine.entries[1].transition.startswith("Legen Sie sich aus dem Vierfüßlerstand")
    # The video link searches in German.
    assert "Kindhaltung" in german.stretches["childs-pose"].video_url
    assert bundled_library("fr").stretches["cat-cow"].name == "Chat-vache"
    assert bundled_library("es").stretches["glute-bridge"].name == "Puente de glúteos"


def test_a_text_changed_in_the_editor_is_shown_as_written_in_every_language(paths: Any) -> None:
    from stretchapp.core.editing import RoutineDraft

    path = write_user_file(paths)
    german = library_in(paths, "de", "de_DE")
    draft = RoutineDraft.edit(german.routine("evening"), german, paths)
    draft.name = "Abends"  # typed over the English name (the German one translated that)
    draft.set_entry(1, transition="Langsam in den Vierfüßlerstand.")
    stretch = draft.own["door-chest"]
    stretch.steps = ["Stand in a doorway.", "Step forward.", "Breathe.", "Step back."]
    draft.add_own(stretch)
    assert draft.save().ok, draft.save().problems
    saved = yamlfile.load(path)
    assert "translations" not in saved["routines"][0]  # only the name had one
    assert "translations" not in saved["routines"][0]["stretches"][1]
    translated = saved["stretches"][0]["translations"]
    assert translated["de"] == {"name": "Brustdehnung im Türrahmen"}  # steps went, name stays
    assert translated["fr"] == {"name": "Étirement dans l'embrasure"}
    shown = library_in(paths, "de", "de_DE").routine("evening")
    assert shown.name == "Abends"
    assert shown.entries[1].transition == "Langsam in den Vierfüßlerstand."
    assert shown.entries[0].stretch.steps[3] == "Step back."
    assert shown.entries[0].stretch.name == "Brustdehnung im Türrahmen"


def test_a_copy_of_a_bundled_routine_keeps_its_translations_but_not_its_name() -> None:
    from stretchapp.core.editing import RoutineDraft
    from stretchapp.core.routines import routine_data

    german = bundled_library("de")
    draft = RoutineDraft.duplicate(german.routine("daily-back-care"), german, None)  # type: ignore[arg-type]
    assert draft.name.startswith("Tägliche Rückenpflege")
    data = routine_data(draft.routine("mine"))
    assert data["name"] == draft.name
    assert data["description"].startswith("A gentle everyday routine")
    assert set(data["translations"]) == {"de", "fr", "es"}
    assert all(set(t) == {"description"} for t in data["translations"].values())
    assert data["stretches"][1]["translations"]["de"]["transition"].startswith("Legen Sie sich")


def test_a_declarations_translatable_fields_are_worked_out_once() -> None:
    # Asked for every stretch, routine and entry a file holds: a declaration (a tuple) gives
    # the same answer each time, kept; a list is worked out again, as it may have changed.
    first = content_i18n.translatable_fields(STRETCH_FIELDS, "stretch")
    assert content_i18n.translatable_fields(STRETCH_FIELDS, "stretch") is first
    assert {f.name for f in first} == set(content_i18n.TRANSLATABLE["stretch"])
    assert not any(f.required for f in first)
    assert content_i18n.translatable_fields(STRETCH_FIELDS, "routine") != first  # (per kind)
    fields = list(ROUTINE_FIELDS)
    before = content_i18n.translatable_fields(fields, "routine")
    fields[:] = [f for f in fields if f.name != "description"]
    assert [f.name for f in content_i18n.translatable_fields(fields, "routine")] == [
        f.name for f in before if f.name != "description"
    ]
