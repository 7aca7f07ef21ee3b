"""`seed_catalogue`: idempotent, atomic, precise about malformed files, respectful of staff edits."""

import copy
import datetime
from io import StringIO

import pytest
import yaml
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from incubators.models import Equipment, Facility, FieldOfWork, Incubator, Service, StatisticsSnapshot
from lodging.models import LodgingScheme
from portal.catalogue.seed import DEFAULT_PATH
from programs.models import Activity, Audience, CourseCategory, Feature, Figure, Programme
from subsidies.models import SubsidyScheme, SubsidyTier

CATALOGUE_MODELS = [
    FieldOfWork,
    Audience,
    Incubator,
    Service,
    Facility,
    Equipment,
    StatisticsSnapshot,
    Programme,
    Feature,
    Figure,
    CourseCategory,
    Activity,
    SubsidyScheme,
    SubsidyTier,
    LodgingScheme,
]
M2M_THROUGH = [Incubator.fields_of_work.through, Programme.audiences.through]
# libyaml when present: the copies written here are big enough for the pure-Python dumper to show.
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_catalogue", *args, stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in CATALOGUE_MODELS + M2M_THROUGH}


def ids_per_model() -> dict[str, list[int]]:
    return {
        model._meta.label: sorted(model.objects.values_list("pk", flat=True))
        for model in CATALOGUE_MODELS + M2M_THROUGH
    }


@pytest.fixture(scope="module")
def catalogue_data():
    return yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))


@pytest.fixture
def data_file(tmp_path, catalogue_data):
    """Write a (changed) copy of the real catalogue to a file and return its path."""

    def write(change=None, text=None):
        path = tmp_path / "catalogue.yaml"
        if text is None:
            data = copy.deepcopy(catalogue_data)
            if change:
                change(data)
            text = yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False)
        path.write_text(text, encoding="utf-8")
        return str(path)

    return write


def test_seed_loads_the_catalogue_into_an_empty_database(empty_catalogue):
    output = seed()

    assert Incubator.objects.count() == 2
    assert Programme.objects.count() == 6
    assert LodgingScheme.objects.count() == 3
    assert SubsidyTier.objects.count() == 4
    assert Service.objects.filter(incubator__slug="community-7plus").count() == 7
    assert "incubators: 2 created, 0 updated, 0 unchanged" in output
    assert "Done: " in output and " 0 updated, 0 unchanged." in output


def test_seeding_twice_changes_nothing(empty_catalogue):
    seed()
    counts, ids = row_counts(), ids_per_model()

    output = seed()

    assert row_counts() == counts
    assert ids_per_model() == ids
    assert output.strip().splitlines()[-1].startswith("Done: 0 created, 0 updated, ")
    assert "incubators: 0 created, 0 updated, 2 unchanged" in output


def test_dry_run_on_an_empty_database_writes_nothing_and_says_what_it_would_create(empty_catalogue):
    output = seed("--dry-run")

    assert all(count == 0 for count in row_counts().values()), row_counts()
    assert "Would incubators: 2 created, 0 updated, 0 unchanged" in output
    assert "Would programmes: 6 created, 0 updated, 0 unchanged" in output
    assert "Would lodging schemes: 3 created, 0 updated, 0 unchanged" in output
    assert "Dry run, nothing written: " in output


def test_dry_run_on_a_seeded_database_reports_a_change_without_writing_it(catalogue, data_file):
    def rename(data):
        data["programmes"][0]["name"]["en"] = "Renamed programme"

    output = seed("--file", data_file(rename), "--dry-run")

    assert "Would programmes: 0 created, 1 updated, 5 unchanged" in output
    programme = Programme.objects.get(slug="gba-entrepreneurship")
    assert programme.name_en == "Greater Bay Area Youth Entrepreneurship Programme"


def test_a_changed_text_updates_the_row_in_place(catalogue, data_file):
    programme = Programme.objects.get(slug="hk-special-internship")

    def change(data):
        data["programmes"][2]["summary"]["en"] = "New summary."

    output = seed("--file", data_file(change))

    programme_after = Programme.objects.get(slug="hk-special-internship")
    assert programme_after.pk == programme.pk
    assert programme_after.summary_en == "New summary."
    assert "programmes: 0 created, 1 updated, 5 unchanged" in output


def _remove(path):
    def change(data):
        *parents, last = path
        node = data
        for step in parents:
            node = node[step]
        del node[last]

    return change


def _set(path, value):
    def change(data):
        *parents, last = path
        node = data
        for step in parents:
            node = node[step]
        node[last] = value

    return change


def _append(path, value):
    def change(data):
        node = data
        for step in path:
            node = node[step]
        node.append(value)

    return change


MALFORMED = {
    "missing translation": (
        _remove(["incubators", 0, "name", "en"]),
        "incubators[0].name: missing translation 'en'",
    ),
    "missing nested translation": (
        _remove(["incubators", 1, "facilities", 0, "equipment", 1, "name", "zh-hant"]),
        "incubators[1].facilities[0].equipment[1].name: missing translation 'zh-hant'",
    ),
    "unknown key": (
        _set(["programmes", 2, "deadline"], "2021-07-01"),
        "programmes[2]: unknown key(s) deadline",
    ),
    "bad date": (
        _set(["incubators", 0, "opened_on"], "2018-13-01"),
        "incubators[0].opened_on: expected a date YYYY-MM-DD",
    ),
    "unknown audience": (
        _append(["programmes", 0, "audiences"], "mainland-youth"),
        "programmes[0].audiences: no audience with slug 'mainland-youth'",
    ),
    "error in the last section": (
        _remove(["lodging_schemes", 2, "who_for", "zh-hans"]),
        "lodging_schemes[2].who_for: missing translation 'zh-hans'",
    ),
    "a value the model refuses, in the last section": (
        _set(["lodging_schemes", 2, "slug"], "youth station"),
        "lodging_schemes[2].slug",
    ),
}


@pytest.mark.parametrize("change, place", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_file_names_the_place_and_writes_nothing(empty_catalogue, data_file, change, place):
    with pytest.raises(CommandError) as error:
        seed("--file", data_file(change))

    assert place in str(error.value)
    assert all(count == 0 for count in row_counts().values()), row_counts()


def test_invalid_yaml_names_the_line_and_writes_nothing(empty_catalogue, data_file):
    path = data_file(text="incubators:\n  - slug: workshop\n    name: [unclosed\n")

    with pytest.raises(CommandError, match=r"not valid YAML at line \d+, column \d+"):
        seed("--file", path)

    assert all(count == 0 for count in row_counts().values())


def test_a_missing_file_is_a_command_error(empty_catalogue, tmp_path):
    with pytest.raises(CommandError, match="nope.yaml"):
        seed("--file", str(tmp_path / "nope.yaml"))


def test_a_failure_while_writing_the_last_section_rolls_back_the_earlier_sections(catalogue, data_file):
    """Earlier sections are written before the bad row is reached: all of it must be undone."""
    counts = row_counts()

    def change(data):
        data["incubators"][0]["name"]["en"] = "Renamed workshop"
        data["lodging_schemes"].append(copy.deepcopy(data["lodging_schemes"][2]) | {"slug": "not a slug"})

    # Which exception is raised is checked above; here only that nothing stays written.
    with pytest.raises((CommandError, ValidationError)):
        seed("--file", data_file(change))

    assert row_counts() == counts
    assert Incubator.objects.get(slug="workshop").name_en == (
        "Guangdong-Hong Kong-Macao Youth Innovation and Entrepreneurship Workshop (Futian)"
    )


def test_staff_settings_not_in_the_file_survive_a_reseed(catalogue):
    programme = Programme.objects.get(slug="hk-special-internship")
    programme.capacity = 40
    programme.min_age, programme.max_age = 18, 35
    programme.save()
    scheme = SubsidyScheme.objects.get(slug="internship-subsidy")
    scheme.max_months = 6
    scheme.save()
    lodging = LodgingScheme.objects.get(slug="talent-apartment")
    lodging.capacity = 12
    lodging.save()
    Incubator.objects.filter(slug="community-7plus").update(is_published=False)

    output = seed()

    programme.refresh_from_db()
    scheme.refresh_from_db()
    lodging.refresh_from_db()
    assert (programme.capacity, programme.min_age, programme.max_age) == (40, 18, 35)
    assert scheme.max_months == 6
    assert lodging.capacity == 12
    assert Incubator.objects.get(slug="community-7plus").is_published is False
    assert "Done: 0 created, 0 updated, " in output


def test_a_staff_edit_to_a_field_the_file_gives_is_put_back(catalogue):
    Programme.objects.filter(slug="training").update(name_en="Typo in the name")

    output = seed()

    programme = Programme.objects.get(slug="training")
    assert programme.name_en == "Hong Kong Youth Branch of Futian CBD Youth College"
    assert "programmes: 0 created, 1 updated, 5 unchanged" in output


def test_a_removed_audience_link_is_removed_on_reseed(catalogue, data_file):
    def change(data):
        data["programmes"][0]["audiences"] = ["hk-teams"]

    output = seed("--file", data_file(change))

    programme = Programme.objects.get(slug="gba-entrepreneurship")
    assert list(programme.audiences.values_list("slug", flat=True)) == ["hk-teams"]
    assert "programmes: 0 created, 1 updated, 5 unchanged" in output


# --- The document's words, and only those ---------------------------------------------------


def translated_texts(language: str):
    """Every catalogue text in one language, with the row it belongs to."""
    from modeltranslation.translator import translator

    column = language.replace("-", "_")
    for model in translator.get_registered_models():
        if model not in CATALOGUE_MODELS:
            continue
        fields = translator.get_options_for_model(model).fields
        for row in model.objects.all():
            for name in fields:
                value = getattr(row, f"{name}_{column}")
                if value:
                    yield f"{model._meta.label}#{row.pk}.{name}", value


def test_reseeding_puts_right_what_an_older_catalogue_said(catalogue):
    # A database seeded before the catalogue followed the document: the overtime station's
    # invented "at most 1 night", "on application" where the document does not say it.
    overtime = LodgingScheme.objects.get(slug="overtime-station")
    LodgingScheme.objects.filter(slug__in=["overtime-station", "talent-apartment"]).update(
        max_free_nights=1, on_application=True
    )
    Facility.objects.filter(key="business-transit-station").update(
        description_en="Modelled on the service of Hong Kong Science Park."
    )

    seed()

    overtime.refresh_from_db()
    assert overtime.max_free_nights is None
    assert not overtime.on_application
    assert not LodgingScheme.objects.get(slug="talent-apartment").on_application
    assert LodgingScheme.objects.get(slug="youth-station").on_application  # 依申请, as the document says
    station = Facility.objects.get(key="business-transit-station")
    # The document reads 香港科学院; all three languages follow it until the office confirms.
    assert "香港科學院" in station.description_zh_hant
    assert "香港科学院" in station.description_zh_hans
    assert "Hong Kong Academy of Sciences" in station.description_en
    assert "Science Park" not in station.description_en


def test_traditional_chinese_content_uses_hong_kong_quotes_and_words(catalogue):
    texts = dict(translated_texts("zh-hant"))
    assert len(texts) > 100  # every translated field of every row was read

    assert not {place: text for place, text in texts.items() if "“" in text or "”" in text}
    assert "「7+」" in Incubator.objects.get(slug="community-7plus").name_zh_hant
    assert not {place: text for place, text in texts.items() if "卡位" in text or "投放" in text}
    assert "辦公座位" in Facility.objects.get(key="business-transit-station").description_zh_hant
    assert "提供實習職位" in Programme.objects.get(slug="hk-special-internship").summary_zh_hant


def test_financing_reads_as_each_language_writes_it(catalogue):
    workshop = Incubator.objects.get(slug="workshop")
    snapshot = workshop.snapshots.get()

    assert (
        "人民幣2.775億元" in workshop.description_zh_hant and "人民幣2.775億元" in snapshot.highlights_zh_hant
    )
    assert (
        "人民币2.775亿元" in workshop.description_zh_hans and "人民币2.775亿元" in snapshot.highlights_zh_hans
    )
    assert "RMB 277.5 million" in workshop.description_en and "RMB 277.5 million" in snapshot.highlights_en


def test_every_reported_figure_gives_its_date(catalogue):
    assert set(Figure.objects.values_list("as_of", flat=True)) == {datetime.date(2021, 4, 27)}
