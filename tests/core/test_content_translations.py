"""Translations in the health file, the relief options and the clinic file: read through the
same declarations, shown in the active language, English per text, problems with FILE:LINE."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from stretchapp.core import health, i18n, settings
from stretchapp.core.paths import Paths

REPO = Path(__file__).resolve().parents[2]
HEALTH = REPO / "assets" / health.FILE_NAME


@pytest.fixture
def german() -> Iterator[None]:
    i18n.activate("de")
    yield
    i18n.reset()


def english_health() -> str:
    """The bundled health file with every translation taken out."""
    lines = HEALTH.read_text(encoding="utf-8").splitlines(keepends=True)
    out: list[str] = []
    skip_indent: int | None = None
    for line in lines:
        indent = len(line) - len(line.lstrip())
        if skip_indent is not None and (not line.strip() or indent > skip_indent):
            continue
        skip_indent = None
        if line.lstrip().startswith("translations:"):
            skip_indent = indent
            continue
        out.append(line)
    return "".join(out)


def with_after(text: str, anchor: str, added: str) -> str:
    assert anchor in text, anchor
    return text.replace(anchor, anchor + added, 1)


GROUP_DE = """\
      translations:
        de:
          title: Sofort Notfallhilfe holen
"""


def test_a_translated_text_is_shown_and_the_rest_stays_english(tmp_path: Path) -> None:
    text = with_after(english_health(), "      title: Get emergency help now\n", GROUP_DE)
    path = tmp_path / health.FILE_NAME
    path.write_text(text, encoding="utf-8")
    german = health.load(path, "de")
    assert german.red_flags[0].title == "Sofort Notfallhilfe holen"
    # the group's intro and signs have no German: English, never empty
    english = health.load(path, "en")
    assert german.red_flags[0].intro == english.red_flags[0].intro != ""
    assert german.red_flags[0].items == english.red_flags[0].items
    assert english.red_flags[0].title == "Get emergency help now"
    assert health.load(path, "fr").red_flags[0].title == "Get emergency help now"


def test_the_app_shows_the_active_language(tmp_path: Path, german: None) -> None:
    text = with_after(english_health(), "      title: Get emergency help now\n", GROUP_DE)
    (tmp_path / health.FILE_NAME).write_text(text, encoding="utf-8")
    assert health.content(tmp_path).red_flags[0].title == "Sofort Notfallhilfe holen"
    i18n.activate("en")
    assert health.content(tmp_path).red_flags[0].title == "Get emergency help now"


def test_a_translation_with_a_sign_missing_is_reported_with_file_and_line(tmp_path: Path) -> None:
    bad = """\
      translations:
        de:
          items:
            - hohes Fieber
"""
    text = with_after(english_health(), "      title: Contact a doctor today\n", bad)
    path = tmp_path / health.FILE_NAME
    path.write_text(text, encoding="utf-8")
    with pytest.raises(health.HealthFileError) as caught:
        health.load(path, "de")
    line = text.splitlines().index("          items:") + 1
    assert str(caught.value.problems[0]) == (
        f"{path}:{line}: red_flags.groups[2].translations.de.items: has 1 items; the English "
        "has 7 (one translated line for each English line)"
    )


def test_a_translated_id_or_url_is_refused(tmp_path: Path) -> None:
    bad = """\
      translations:
        de:
          id: schwangerschaft
"""
    text = with_after(english_health(), "    - id: pregnancy\n", bad)
    link = """\
      translations:
        es:
          url: https://example.org
"""
    cleveland = "      url: https://my.clevelandclinic.org/health/diseases/22881-back-spasms\n"
    text = with_after(text, cleveland, link)
    path = tmp_path / health.FILE_NAME
    path.write_text(text, encoding="utf-8")
    with pytest.raises(health.HealthFileError) as caught:
        health.load(path)
    problems = [str(p) for p in caught.value.problems]
    id_line = text.splitlines().index("          id: schwangerschaft") + 1
    url_line = text.splitlines().index("          url: https://example.org") + 1
    assert problems[0].startswith(
        f"{path}:{id_line}: precautions.items[1].translations.de.id: cannot be translated"
    )
    assert problems[1].startswith(
        f"{path}:{url_line}: about.links[1].translations.es.url: cannot be translated"
    )


def test_validate_reports_a_bad_translation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from stretchapp.cli import main

    bad = """\
  translations:
    de:
      title: Bevor Sie beginnen <b>jetzt</b>
"""
    text = with_after(english_health(), "  title: Before you start\n", bad)
    path = tmp_path / health.FILE_NAME
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    line = text.splitlines().index("      title: Bevor Sie beginnen <b>jetzt</b>") + 1
    out = capsys.readouterr().out
    assert out.startswith(f"{path}:{line}: safety_note.translations.de.title: holds HTML"), out


# ---- relief options and the clinic ----------------------------------------------------------

RELIEF = """\
version: 1
intro: Exercise comes first.
translations:
  fr:
    intro: L'exercice passe en premier.
options:
  - id: yoga
    title: Yoga
    text: Slow postures with steady breathing.
    translations:
      fr:
        text: Des postures lentes et une respiration régulière.
      de:
        title: Yoga <i>sanft</i>
    links:
      - title: "Yoga: what you need to know (NCCIH)"
        url: https://www.nccih.nih.gov/health/yoga-what-you-need-to-know
        translations:
          fr:
            title: "Le yoga : ce qu'il faut savoir (NCCIH, en anglais)"
"""


def relief_paths(tmp_path: Path) -> Paths:
    assets = tmp_path / "assets"
    assets.mkdir()
    (assets / settings.RELIEF_FILE_NAME).write_text(RELIEF, encoding="utf-8")
    return Paths(tmp_path / "c", tmp_path / "d", tmp_path)


def test_relief_options_come_in_the_language_english_per_text(tmp_path: Path) -> None:
    paths = relief_paths(tmp_path)
    relief, messages = settings.load_relief(paths, "fr")
    assert relief.intro == "L'exercice passe en premier."
    (yoga,) = relief.options
    assert (yoga.title, yoga.text) == ("Yoga", "Des postures lentes et une respiration régulière.")
    assert yoga.links[0].title == "Le yoga : ce qu'il faut savoir (NCCIH, en anglais)"
    assert yoga.links[0].url == "https://www.nccih.nih.gov/health/yoga-what-you-need-to-know"
    # the bad German title is reported with its line and the English one shown
    line = RELIEF.splitlines().index("        title: Yoga <i>sanft</i>") + 1
    path = paths.assets_dir / settings.RELIEF_FILE_NAME
    assert len(messages) == 1
    assert messages[0].startswith(f"{path}:{line}: options[1].translations.de.title: holds HTML")
    german, _ = settings.load_relief(paths, "de")
    assert german.options[0].title == "Yoga"
    assert german.options[0].text == "Slow postures with steady breathing."


CLINIC = """\
version: 1
name: Riverside Back Care
phone: "+1 555 0100"
offer: a free first visit
hours:
  - Mon–Fri 8:00–18:00
translations:
  de:
    offer: Kostenloser Ersttermin
    hours:
      - Mo–Fr 8:00–18:00
  es:
    phone: "+34 555"
"""


def test_a_clinic_file_may_carry_translations_of_its_texts(tmp_path: Path, german: None) -> None:
    path = tmp_path / "clinic.yaml"
    path.write_text(CLINIC, encoding="utf-8")
    from stretchapp.core import yamlfile

    data = yamlfile.load(path)
    details, problems = settings.check_clinic(data, str(path), 1)
    assert details.name == "Riverside Back Care"  # not translated: as written
    assert details.hours == ("Mo–Fr 8:00–18:00",)
    assert details.phone == "+1 555 0100"
    assert details.book_text == "Kostenloser Ersttermin buchen"
    line = CLINIC.splitlines().index('    phone: "+34 555"') + 1
    assert [str(p) for p in problems] == [
        f"{path}:{line}: translations.es.phone: kann nicht übersetzt werden; es ist in jeder "
        "Sprache gleich (übersetzbare Felder: name, address, hours, note, offer)"
    ]
    english, _ = settings.check_clinic(data, str(path), 1, language="en")
    assert english.offer == "a free first visit"
    i18n.activate("en")
    assert english.book_text == "Book a free first visit"


def test_the_booking_button_without_an_offer_is_translated(german: None) -> None:
    assert settings.ClinicDetails(phone="555 0100").book_text == "Termin buchen"


# ---- the bundled files: complete in German, French and Spanish ------------------------------

LANGS = ("de", "fr", "es")


def test_every_bundled_health_relief_and_clinic_text_has_german_french_and_spanish() -> None:
    from stretchapp.core.paths import Paths

    paths = Paths(REPO, REPO, REPO)
    found = {
        "health.yaml": health.coverage(HEALTH),
        "relief-options.yaml": settings.read_relief(settings.relief_file(paths), "en")[2],
        "clinic.yaml": settings.clinic_coverage(paths.bundled_clinic_file),
    }
    assert len(found["health.yaml"]) > 30 and len(found["relief-options.yaml"]) > 30
    assert [c.path for c in found["clinic.yaml"]] == ["offer"]
    missing = [
        f"{name}:{c.line}: {c.path} has no {', '.join(sorted(set(LANGS) - c.languages))}"
        for name, texts in found.items()
        for c in texts
        if not set(LANGS) <= c.languages
    ]
    assert missing == []


@pytest.mark.parametrize("lang", LANGS)
def test_red_flags_and_precautions_are_the_same_items_in_every_language(lang: str) -> None:
    english = health.load(HEALTH, "en")
    translated = health.load(HEALTH, lang)
    # compared by id (and the number of signs in each group), never by text
    assert [g.id for g in translated.red_flags] == [g.id for g in english.red_flags]
    assert [len(g.items) for g in translated.red_flags] == [len(g.items) for g in english.red_flags]
    assert [p.id for p in translated.precautions] == [p.id for p in english.precautions]
    assert {g.id for g in translated.red_flags} >= set(health.REQUIRED_RED_FLAG_GROUPS)
    assert [link.url for link in translated.about.links] == [
        link.url for link in english.about.links
    ]
    # and really in that language: every red flag and precaution differs from the English
    for group, source in zip(translated.red_flags, english.red_flags, strict=True):
        assert group.title != source.title and group.intro != source.intro
        assert all(t != s for t, s in zip(group.items, source.items, strict=True)), group.id
    for precaution, source in zip(translated.precautions, english.precautions, strict=True):
        assert precaution.name != source.name and precaution.text != source.text
    assert translated.stop_rule != english.stop_rule
    assert all(translated.all_texts())


@pytest.mark.parametrize("lang", LANGS)
def test_relief_options_are_the_same_options_in_every_language(lang: str) -> None:
    paths = Paths(REPO, REPO, REPO)
    english, problems = settings.load_relief(paths, "en")
    translated, translated_problems = settings.load_relief(paths, lang)
    assert problems == translated_problems == []
    assert [o.id for o in translated.options] == [o.id for o in english.options]
    assert [[link.url for link in o.links] for o in translated.options] == [
        [link.url for link in o.links] for o in english.options
    ]
    assert translated.intro != english.intro
    assert all(t.text != e.text for t, e in zip(translated.options, english.options, strict=True))


def test_no_translation_names_an_emergency_number() -> None:
    """Emergency numbers differ by country: the translations, like the English, name none."""
    import re

    import yaml

    phone = re.compile(r"\+?\d[\d ().-]{5,}\d|\b(911|999|111|112|000|15|17|18|061|116 ?117)\b")
    for name in ("health.yaml", "relief-options.yaml", "clinic.yaml"):
        data = yaml.safe_load((REPO / "assets" / name).read_text(encoding="utf-8"))
        for text in _translated_texts(data):
            assert not phone.search(text), (name, text)


def _translated_texts(value: object, inside: bool = False) -> Iterator[str]:
    if isinstance(value, str) and inside:
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _translated_texts(item, inside or key == "translations")
    elif isinstance(value, list):
        for item in value:
            yield from _translated_texts(item, inside)


def test_validate_checks_relief_options_and_clinic_files_with_their_translations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from stretchapp.cli import main

    bundled = [REPO / "assets" / n for n in ("relief-options.yaml", "clinic.yaml", "health.yaml")]
    assert main(["validate", *map(str, bundled)]) == 0
    assert capsys.readouterr().out.count(": OK") == 3
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / settings.RELIEF_FILE_NAME).write_text(RELIEF, encoding="utf-8")
    (folder / "clinic.yaml").write_text(CLINIC, encoding="utf-8")
    files = [folder / settings.RELIEF_FILE_NAME, folder / "clinic.yaml"]
    assert main(["validate", *map(str, files)]) == 1
    out = capsys.readouterr().out.splitlines()
    relief_line = RELIEF.splitlines().index("        title: Yoga <i>sanft</i>") + 1
    clinic_line = CLINIC.splitlines().index('    phone: "+34 555"') + 1
    assert out[0].startswith(f"{files[0]}:{relief_line}: options[1].translations.de.title: ")
    assert out[1].startswith(f"{files[1]}:{clinic_line}: translations.es.phone: ")
    assert len(out) == 2
