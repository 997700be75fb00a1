"""Settings, clinic details and relief options: declaration, loading, saving, hostile files."""

from __future__ import annotations

import os
import re
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml

from stretchapp.core import settings as s
from stretchapp.core.paths import Paths
from stretchapp.core.routines import Timing
from stretchapp.core.schema import Checker
from stretchapp.core.settings import (
    CLINIC_FIELDS,
    SETTINGS_FIELDS,
    ClinicDetails,
    Settings,
    SettingsStore,
    clear_user_clinic,
    defaults,
    load_clinic,
    load_relief_options,
    read_settings,
    save_user_clinic,
)

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus" / "yaml-test-suite"
_SOURCES = [b / "shared" / "docs" / "content-sources.md" for b in (REPO.parent, REPO.parent.parent)]
CONTENT_SOURCES = next((p for p in _SOURCES if p.is_file()), _SOURCES[0])  # main or a worktree


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.yaml")) if CORPUS.is_dir() else []


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def baks(paths: Paths, name: str = "settings.yaml") -> list[Path]:
    return sorted(paths.config_dir.glob(f"{name}*.bak"))


# ---- the declaration --------------------------------------------------------------------------


def test_declaration_matches_the_settings_model() -> None:
    names = [f.name for f in SETTINGS_FIELDS]
    assert names == list(Settings.__dataclass_fields__)
    assert len(set(names)) == len(names)
    types = typing.get_type_hints(Settings)
    kinds = {"int": int, "bool": bool, "choice": str, "id": str, "time": str, "text": str}
    for f in SETTINGS_FIELDS:
        assert f.doc and f.label, f.name
        assert getattr(Settings(), f.name) == f.default, f.name
        # The model's type is the one the declaration's kind gives (lists: tuples of text).
        expected = tuple[str, ...] if isinstance(f, s.ListField) else kinds[f.kind]
        assert types[f.name] == expected, f.name
        assert isinstance(f.default, tuple if isinstance(f, s.ListField) else kinds[f.kind])


@pytest.mark.parametrize("f", SETTINGS_FIELDS + CLINIC_FIELDS, ids=lambda f: f.name)
def test_every_default_passes_its_own_check(f: Any) -> None:
    checker = Checker("defaults")
    value = list(f.default) if isinstance(f.default, tuple) else f.default
    checker.value(value, f, f.name, 0)
    assert checker.problems == []


def test_defaults_are_the_documented_ones() -> None:
    d = defaults()
    assert (d.get_ready_seconds, d.rest_seconds, d.volume) == (5, 10, 70)
    assert d.sound and d.ticks and not d.voice and d.checkin_before and d.checkin_after
    assert d.theme == "system" and not d.start_full_screen and not d.safety_note_seen
    assert d.default_routine == "daily-back-care"


def test_replace_checks_values() -> None:
    assert defaults().replace(volume=30).volume == 30
    with pytest.raises(ValueError, match="out of range"):
        defaults().replace(volume=140)
    with pytest.raises(ValueError, match="unknown setting"):
        defaults().replace(volumn=3)


# ---- loading and saving -------------------------------------------------------------------------


def test_missing_file_gives_defaults_and_no_message(paths: Paths) -> None:
    store = SettingsStore(paths)
    assert store.load() == (defaults(), [])
    assert store.save(defaults())  # nothing changed: nothing written
    assert not paths.settings_file.exists()


def changed_value(f: Any) -> Any:
    if f.kind == "bool":
        return not f.default
    if f.kind == "int":
        return f.maximum if f.default != f.maximum else f.minimum
    if f.kind == "choice":
        return next(c for c in f.choices if c != f.default)
    if f.kind == "id":
        return "yes"  # an id that plain YAML would read as true: must be quoted
    if f.kind == "time":
        return "23:59"  # unquoted, YAML 1.1 would read this as a number
    if f.kind == "text":
        return "Zoë O'Brien: 12"  # a colon, a quote and a digit: quoted as YAML needs
    if f.extras.get("items") == "time":
        return ("07:30", "12:00", "18:15")
    if f.extras.get("items") == "weekday":
        return ("mon", "sun")
    raise AssertionError(f.kind)


@pytest.mark.parametrize("f", SETTINGS_FIELDS, ids=lambda f: f.name)
def test_every_setting_round_trips(paths: Paths, f: Any) -> None:
    if f.name == "version":
        pytest.skip("only one version exists yet")
    value = changed_value(f)
    store = SettingsStore(paths)
    store.load()
    assert store.save(defaults().replace(**{f.name: value}))
    loaded, messages = SettingsStore(paths).load()
    assert messages == []
    assert getattr(loaded, f.name) == value
    assert loaded == defaults().replace(**{f.name: value})


def test_saved_file_has_header_and_keys_in_declaration_order(paths: Paths) -> None:
    store = SettingsStore(paths)
    store.load()
    store.save(defaults().replace(volume=40))
    text = paths.settings_file.read_text(encoding="utf-8")
    assert text.startswith("# StretchApp settings")
    keys = re.findall(r"^(\w+):", text, re.MULTILINE)
    assert keys == [f.name for f in SETTINGS_FIELDS]
    assert "volume: 40" in text


def test_save_only_when_something_changed(paths: Paths) -> None:
    store = SettingsStore(paths)
    store.load()
    assert store.save(defaults().replace(volume=40))
    past = 1_000_000_000
    os.utime(paths.settings_file, (past, past))
    assert store.save(defaults().replace(volume=40))
    assert paths.settings_file.stat().st_mtime == past
    again = SettingsStore(paths)
    loaded, _ = again.load()
    assert again.save(loaded)
    assert paths.settings_file.stat().st_mtime == past
    assert again.save(loaded.replace(volume=41))
    assert paths.settings_file.stat().st_mtime != past


def test_save_is_atomic_and_leaves_no_temporary_files(paths: Paths) -> None:
    store = SettingsStore(paths)
    store.load()
    for volume in range(0, 100, 10):
        assert store.save(defaults().replace(volume=volume))
    assert [p.name for p in paths.config_dir.iterdir()] == ["settings.yaml"]


def test_failed_save_returns_false_with_a_message(paths: Paths, tmp_path: Path) -> None:
    blocker = write(tmp_path / "not-a-folder", "a file where the config folder should be")
    store = SettingsStore(Paths(blocker / "config", paths.data_dir, paths.bundled_root))
    store.load()
    assert store.save(defaults().replace(volume=10)) is False
    assert "could not be saved" in store.last_error


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions")
def test_read_only_folder_save_fails_softly(paths: Paths) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.config_dir.chmod(0o500)
    try:
        store = SettingsStore(paths)
        store.load()
        assert store.save(defaults().replace(volume=10)) is False
        assert str(paths.settings_file) in store.last_error
    finally:
        paths.config_dir.chmod(0o700)


def test_bad_values_reset_with_a_message_each_and_a_bak(paths: Paths) -> None:
    original = "version: 1\nsound: false\nrest_seconds: 30\nvolume: 140\ntheme: blue\nticks: 3\n"
    write(paths.settings_file, original)
    settings, messages = SettingsStore(paths).load()
    assert settings == defaults().replace(sound=False, rest_seconds=30)
    assert (
        "settings.yaml:4: volume: 140 is out of range (a whole number from 0 to 100) — using 70"
        in messages
    )
    assert any(
        m.startswith("settings.yaml:5: theme: 'blue'") and "using system" in m for m in messages
    )
    assert any(m.startswith("settings.yaml:6: ticks:") and "using true" in m for m in messages)
    assert "settings.yaml.bak" in messages[0]
    assert (paths.config_dir / "settings.yaml.bak").read_text(encoding="utf-8") == original
    # the file itself is repaired, so the next start is quiet
    assert SettingsStore(paths).load() == (settings, [])


def test_unknown_key_gets_did_you_mean(paths: Paths) -> None:
    write(paths.settings_file, "version: 1\nvolumn: 30\n")
    settings, messages = SettingsStore(paths).load()
    assert settings == defaults()
    assert any(
        "settings.yaml:2: volumn: is not a known field; did you mean 'volume'?" in m
        for m in messages
    )


def test_an_existing_bak_is_never_overwritten(paths: Paths) -> None:
    write(paths.config_dir / "settings.yaml.bak", "my precious old copy\n")
    write(paths.settings_file, "volume: 140\n")
    SettingsStore(paths).load()
    assert (paths.config_dir / "settings.yaml.bak").read_text() == "my precious old copy\n"
    kept = baks(paths)
    assert len(kept) == 2
    assert any(p.read_text() == "volume: 140\n" for p in kept)


def test_a_file_that_stays_broken_is_kept_once(paths: Paths) -> None:
    for _ in range(3):
        write(paths.settings_file, "volume: [\n")
        SettingsStore(paths).load()
    assert len(baks(paths)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "volume: [\n",
        "just text\n",
        "- a\n- list\n",
        "",
        "a: &a [*a]\n",
        'a: &a ["lol","lol"]\nb: &b [*a,*a,*a]\nc: [*b,*b,*b]\n',
        "volume: !!python/object/apply:os.system ['echo hi']\n",
        "volume: 1\nvolume: 2\n",
        "---\nvolume: 1\n---\nvolume: 2\n",
        "[" * 5000,
        "\x00\x01binary",
        "volume: !!binary aGVsbG8=\n",
        "<<: {volume: 3}\n",
    ],
)
def test_hostile_settings_end_as_defaults_and_a_message(paths: Paths, text: str) -> None:
    write(paths.settings_file, text)
    settings, messages = SettingsStore(paths).load()
    assert settings == defaults()
    assert messages and "settings" in messages[0]
    assert len(baks(paths)) == 1


def test_non_utf8_settings(paths: Paths) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.settings_file.write_bytes(b"volume: \xff\xfe\n")
    settings, messages = SettingsStore(paths).load()
    assert settings == defaults()
    assert any("not UTF-8" in m for m in messages)


def test_huge_settings_file(paths: Paths) -> None:
    write(paths.settings_file, "# " + "x" * (s.MAX_SETTINGS_BYTES + 10) + "\n")
    settings, messages = SettingsStore(paths).load()
    assert settings == defaults()
    assert any("bytes" in m for m in messages)


@pytest.mark.skipif(
    not corpus_files(), reason="shared/corpus/yaml-test-suite is not beside the repo"
)
def test_whole_yaml_test_suite_as_settings_and_clinic(paths: Paths) -> None:
    for corpus in corpus_files():
        data = corpus.read_bytes()
        paths.config_dir.mkdir(parents=True, exist_ok=True)
        paths.settings_file.write_bytes(data)
        store = SettingsStore(paths)
        settings, messages = store.load()  # never raises
        assert isinstance(settings, Settings), corpus.name
        assert all(isinstance(m, str) and m for m in messages), corpus.name
        if messages:
            assert not store.read_only or "newer" in messages[0], corpus.name
        paths.user_clinic_file.write_bytes(data)
        details, clinic_messages = load_clinic(paths)
        assert details is None or isinstance(details, ClinicDetails), corpus.name
        assert all(isinstance(m, str) for m in clinic_messages)
        for bak in baks(paths):
            bak.unlink()


def test_newer_version_is_refused_and_never_overwritten(paths: Paths) -> None:
    text = "version: 99\nvolume: 20\nsome_future_thing: true\n"
    write(paths.settings_file, text)
    store = SettingsStore(paths)
    settings, messages = store.load()
    assert settings == defaults()
    assert store.read_only
    assert len(messages) == 1 and "newer version of StretchApp" in messages[0]
    assert "left untouched" in messages[0]
    assert store.save(defaults().replace(volume=5)) is False
    assert "newer" in store.last_error
    assert paths.settings_file.read_text() == text
    assert baks(paths) == []


# ---- the clinic ---------------------------------------------------------------------------------

GOOD_CLINIC = """\
version: 1
name: Riverside Back Care
phone: "+1 555 0100"
email: hello@example.org
address: 12 High Street, Springfield
website: https://example.org
booking_url: https://example.org/book
hours:
  - "Mon–Fri 8:00–18:00"
  - "Sat 9:00–12:00"
note: Ask for a free first assessment.
"""


def test_bundled_clinic_has_no_made_up_details(paths: Paths) -> None:
    details, messages = load_clinic(paths)
    assert details is None and messages == []
    text = paths.bundled_clinic_file.read_text(encoding="utf-8")
    assert not re.search(r"^\s*(phone|email|address|website|booking_url):\s*\S*[\w@]", text, re.M)


def test_user_clinic_wins_and_has_actions(paths: Paths) -> None:
    write(paths.user_clinic_file, GOOD_CLINIC)
    details, messages = load_clinic(paths)
    assert messages == []
    assert details is not None and details.source == "user"
    assert details.name == "Riverside Back Care"
    assert details.hours == ("Mon–Fri 8:00–18:00", "Sat 9:00–12:00")
    assert details.tel_url == "tel:+15550100"
    assert details.mailto_url == "mailto:hello@example.org"
    assert details.map_url == (
        "https://www.openstreetmap.org/search?query=12+High+Street%2C+Springfield"
    )
    assert details.booking_target == "https://example.org/book"


@pytest.mark.parametrize(
    ("phone", "tel"),
    [
        ("+1 555 0100 ext. 2", "tel:+15550100;ext=2"),
        ("+1 (555) 0100 x 12", "tel:+15550100;ext=12"),
        ("030 1234567 Durchwahl 12", "tel:0301234567;ext=12"),
        ("01 23 45 67 89 poste 4", "tel:0123456789;ext=4"),
        ("555 0100, ext. 7", "tel:5550100;ext=7"),
        ("+49 30 123-45", "tel:+493012345"),
    ],
)
def test_a_clinic_phone_may_have_an_extension(phone: str, tel: str) -> None:
    """Clinics give an extension with their number; the call dials it (RFC 3966)."""
    details, problems = s.check_clinic({"phone": phone}, "clinic.yaml")
    assert problems == [] and details.phone == phone
    assert details.tel_url == tel


@pytest.mark.parametrize("phone", ["555 0100 ext", "ext 5", "555 0100 ext. two", "call me"])
def test_a_phone_that_is_not_a_number_is_refused(phone: str) -> None:
    details, problems = s.check_clinic({"phone": phone}, "clinic.yaml")
    assert details.phone == "" and [p.field for p in problems] == ["phone"]
    assert "ext. 12" in problems[0].valid


def test_booking_falls_back_to_the_phone() -> None:
    assert ClinicDetails(phone="555 0100").booking_target == "tel:5550100"
    assert ClinicDetails(email="a@b.org").booking_target == ""


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,<b>hi</b>",
        "ftp://example.org",
        "vbscript:msgbox",
        "example.org",
        "https://",
        "http://exa mple.org",
    ],
)
def test_links_are_checked_by_scheme(paths: Paths, link: str) -> None:
    write(
        paths.user_clinic_file,
        f'name: Clinic\nphone: "555 0100"\nwebsite: "{link}"\nbooking_url: "{link}"\n',
    )
    details, messages = load_clinic(paths)
    assert details is not None and details.website == "" and details.booking_url == ""
    assert details.booking_target == "tel:5550100"
    assert any(m.startswith(f"{paths.user_clinic_file}:3: website:") for m in messages)
    assert any(f"{paths.user_clinic_file}:4: booking_url:" in m for m in messages)


@pytest.mark.parametrize("link", ["https://example.org", "http://example.org/a?b=c", "tel:+1555"])
def test_safe_links_are_kept(paths: Paths, link: str) -> None:
    write(paths.user_clinic_file, f'email: a@b.org\nbooking_url: "{link}"\n')
    details, messages = load_clinic(paths)
    assert messages == [] and details is not None and details.booking_url == link


def test_bad_clinic_values_named_with_file_and_line(paths: Paths) -> None:
    write(
        paths.user_clinic_file,
        'name: "<b>Clinic</b>"\nphone: call me\nemail: "not an email"\naddress: Main St 1\n'
        "hours: 5\nfax: 123\n",
    )
    details, messages = load_clinic(paths)
    assert details is not None and details.address == "Main St 1"
    assert (details.name, details.phone, details.email, details.hours) == ("", "", "", ())
    f = paths.user_clinic_file
    for line, key in ((1, "name"), (2, "phone"), (3, "email"), (5, "hours"), (6, "fax")):
        assert any(m.startswith(f"{f}:{line}: {key}:") for m in messages), (key, messages)


def test_broken_user_clinic_falls_back_to_the_bundled_one(paths: Paths, tmp_path: Path) -> None:
    bundled = tmp_path / "bundle"
    (bundled / "assets").mkdir(parents=True)
    write(bundled / "assets" / "clinic.yaml", GOOD_CLINIC)
    p = Paths(paths.config_dir, paths.data_dir, bundled)
    write(p.user_clinic_file, "name: [unclosed\n")
    details, messages = load_clinic(p)
    assert details is not None and details.source == "bundled"
    assert any("not valid YAML" in m for m in messages)
    assert any("came with StretchApp" in m for m in messages)


@pytest.mark.parametrize(
    "text", ["a: &a [*a]\n", "version: 7\nphone: '1234'\n", "- list\n", "\t\tbad: [\n", ""]
)
def test_hostile_clinic_files_give_no_clinic_and_a_message(paths: Paths, text: str) -> None:
    write(paths.user_clinic_file, text)
    details, messages = load_clinic(paths)
    assert details is None
    assert bool(messages) == (text != "")  # an empty file is simply no clinic


def test_save_and_clear_user_clinic(paths: Paths) -> None:
    details = ClinicDetails(
        name="Riverside: Back & Care",
        phone="+1 555 0100",
        email="hello@example.org",
        address="12 High Street\nSpringfield",
        booking_url="https://example.org/book?x=1&y=2",
        hours=("Mon–Fri 8:00–18:00", "yes"),
        note="#1 in town — 'free' first visit",
    )
    assert save_user_clinic(paths, details) == (True, "")
    loaded, messages = load_clinic(paths)
    assert messages == []
    assert loaded is not None
    assert loaded == ClinicDetails(
        **{**details.__dict__, "source": "user", "file": paths.user_clinic_file}
    )
    ok, message = clear_user_clinic(paths)
    assert ok and "copy is kept" in message
    assert not paths.user_clinic_file.exists()
    assert baks(paths, "clinic.yaml")
    assert load_clinic(paths) == (None, [])


def test_save_user_clinic_refuses_bad_links(paths: Paths) -> None:
    ok, message = save_user_clinic(paths, ClinicDetails(website="javascript:alert(1)"))
    assert not ok and "website" in message
    assert not paths.user_clinic_file.exists()


# ---- relief options -----------------------------------------------------------------------------

REQUIRED_OPTIONS = {  # in the order shown: exercise first (NICE NG59)
    "physical-therapy": "physical therapy",
    "heat-and-cold": "heat and cold",
    "yoga": "yoga",
    "tai-chi": "tai chi",
    "foam-rolling": "foam",
    "mbsr": "mindfulness",
    "biofeedback": "biofeedback",
    "massage": "massage",
    "chiropractic": "chiropractic",
    "acupuncture": "acupuncture",
}


def test_relief_options_load_cleanly_with_every_option(paths: Paths) -> None:
    options, messages = load_relief_options(paths)
    assert messages == []
    assert [o.id for o in options] == list(REQUIRED_OPTIONS)
    for option in options:
        assert REQUIRED_OPTIONS[option.id] in option.title.lower()
        sentences = [x for x in re.split(r"(?<=[.!?])\s+", option.text) if x]
        assert 2 <= len(sentences) <= 3, option.id
        assert option.links, option.id
    chiro = next(o for o in options if o.id == "chiropractic").text.lower()
    assert "manipulation" in chiro and "laser" in chiro and "work" in chiro
    assert "injury" in next(o for o in options if o.id == "physical-therapy").text


def test_relief_options_are_balanced_as_the_guidance_is(paths: Paths) -> None:
    relief, _ = s.load_relief(paths)
    text = {o.id: " ".join(o.text.split()).lower() for o in relief.options}
    intro = relief.intro.lower()
    assert "exercise" in intro and "come first" in intro and "alongside" in intro
    assert "exercise" in text["physical-therapy"] and "nice" in text["physical-therapy"]
    # NICE NG59: massage and manual therapy only alongside exercise; acupuncture not recommended
    for option in ("massage", "chiropractic"):
        assert "exercise" in text[option] and "nice" in text[option], option
    assert "does not recommend" in text["acupuncture"]
    # Mayo Clinic's contraindications to spinal manipulation, said plainly
    chiro = text["chiropractic"]
    assert "advises against spinal manipulation" in chiro
    for condition in ("severe osteoporosis", "arm or leg", "cancer in the spine", "stroke"):
        assert condition in chiro, condition
    assert "other hands-on treatments, as well as laser therapy" in chiro  # laser is not hands-on
    everything = " ".join([intro, *text.values()])
    assert "licensed" not in everything and "qualified" in text["massage"]


@pytest.mark.skipif(not CONTENT_SOURCES.is_file(), reason="shared/docs is not beside the repo")
def test_relief_links_come_only_from_content_sources(paths: Paths) -> None:
    vetted = set(re.findall(r"https?://[^\s|)`,]+", CONTENT_SOURCES.read_text(encoding="utf-8")))
    options, _ = load_relief_options(paths)
    links = [link.url for option in options for link in option.links]
    assert links and set(links) <= vetted, set(links) - vetted


def test_relief_file_problems_leave_out_only_the_bad_option(paths: Paths, tmp_path: Path) -> None:
    bundle = tmp_path / "bundle"
    write(
        bundle / "assets" / s.RELIEF_FILE_NAME,
        "version: 1\noptions:\n"
        "  - id: good\n    title: Good\n    text: Fine. Really.\n"
        "    links:\n      - {title: Site, url: 'javascript:alert(1)'}\n"
        "      - {title: Real, url: 'https://example.org'}\n"
        "  - id: bad\n    title: <i>Bad</i>\n    text: x\n",
    )
    options, messages = load_relief_options(Paths(paths.config_dir, paths.data_dir, bundle))
    assert [o.id for o in options] == ["good"]
    assert [link.url for link in options[0].links] == ["https://example.org"]
    assert any(":7: options[1].links[1].url:" in m for m in messages)
    assert any(":10: options[2].title:" in m for m in messages)


def test_reminder_times_and_days_are_checked(paths: Paths) -> None:
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    # Unquoted, YAML 1.1 reads 18:00 as 1080 and 7:30 as 450: both are taken as meant.
    paths.settings_file.write_text(
        "version: 1\nreminder_times: [18:00, 7:30]\nreminder_from: 08:15\n"
        "reminder_days: [sun, mon]\n"
    )
    loaded, messages = SettingsStore(paths).load()
    assert messages == []
    assert loaded.reminder_times == ("07:30", "18:00")
    assert loaded.reminder_from == "08:15"
    assert loaded.reminder_days == ("mon", "sun")
    paths.settings_file.write_text(
        "version: 1\nreminder_times: ['25:00']\nreminder_days: [mon, funday]\n"
    )
    loaded, messages = SettingsStore(paths).load()
    assert loaded.reminder_times == ("18:00",) and len(loaded.reminder_days) == 7
    text = "\n".join(messages)
    assert "reminder_times: '25:00' is not a time" in text
    assert "reminder_days: 'funday' is not a day" in text
    with pytest.raises(ValueError, match="appears twice"):
        defaults().replace(reminder_times=("08:00", "08:00"))
    assert defaults().replace(reminder_times=["18:00", "08:00"]).reminder_times == (
        "08:00",
        "18:00",
    )


# ---- the clinic's offer -------------------------------------------------------------------------


def test_the_booking_button_offers_only_what_the_clinic_states() -> None:
    assert ClinicDetails(phone="555 0100").book_text == "Book an appointment"
    offered = ClinicDetails(phone="555 0100", offer="a free personalized treatment plan")
    assert offered.book_text == "Book a free personalized treatment plan"


def test_the_bundled_clinic_file_carries_the_articles_offer(paths: Paths) -> None:
    data = yaml.safe_load(paths.bundled_clinic_file.read_text(encoding="utf-8"))
    details, problems = s.check_clinic(data, "clinic.yaml")
    assert problems == []
    assert details.offer == "a free personalized treatment plan"
    assert details.is_empty()  # an offer is not a way to reach a clinic: no card until filled in


def test_a_clinic_typed_in_has_no_offer(paths: Paths) -> None:
    ok, _ = s.save_user_clinic(paths, ClinicDetails(phone="555 0100"))
    assert ok
    details, _ = s.load_clinic(paths)
    assert details is not None and details.source == "user"
    assert details.offer == "" and details.book_text == "Book an appointment"


def test_the_timing_of_every_routine_total_comes_from_the_settings() -> None:
    assert defaults().timing == Timing(5, 10) == Timing()
    assert defaults().replace(get_ready_seconds=0, rest_seconds=30).timing == Timing(0, 30)


def test_read_settings_for_the_command_line_writes_nothing(paths: Paths) -> None:
    assert read_settings(paths) == defaults()  # no file yet
    text = "version: 1\nget_ready_seconds: 900\nrest_seconds: 20\n"
    write(paths.settings_file, text)
    settings = read_settings(paths)
    assert settings.timing == Timing(5, 20)  # the bad value as the app would use it
    assert paths.settings_file.read_text(encoding="utf-8") == text and baks(paths) == []
    write(paths.settings_file, "version: 9\nrest_seconds: 20\n")
    assert read_settings(paths) == defaults()  # a newer file: the app uses the defaults too
    write(paths.settings_file, "[not, settings]\n")
    assert read_settings(paths) == defaults()
