"""Load the service catalogue from `portal/catalogue/catalogue.yaml`.

The file is checked whole before anything is written, and written in one
transaction: a malformed file names the place that is wrong and changes nothing.
Rows are found by natural key (slug, or parent + key), so running the load again
updates in place and keeps ids. Fields the file does not mention (the rules staff
set: capacity, age range, application window) are left as staff set them.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models, transaction
from django.utils.module_loading import import_string

DEFAULT_PATH = Path(__file__).resolve().parent / "catalogue.yaml"
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


class SeedError(Exception):
    """The data file is malformed; the message names the place."""


@dataclass
class Spec:
    model: type[models.Model]
    key: tuple[str, ...]
    fields: tuple[str, ...] = ()
    translated: tuple[str, ...] = ()
    parent: str | None = None
    children: dict[str, "Spec"] = field(default_factory=dict)
    # Many-to-many fields given as a list of slugs: name -> related model.
    m2m: dict[str, type[models.Model]] = field(default_factory=dict)
    # Foreign keys given as a slug: name -> related model.
    refs: dict[str, type[models.Model]] = field(default_factory=dict)

    def allowed(self):
        return {*self.key, *self.fields, *self.translated, *self.children, *self.m2m, *self.refs}


def catalogue() -> dict[str, Spec]:
    """Every app's sections (`AppConfig.seed_sections`), in INSTALLED_APPS order.

    A section may refer to rows of an app listed before it (subsidy schemes to programmes).
    """
    sections: dict[str, Spec] = {}
    for config in apps.get_app_configs():
        if path := getattr(config, "seed_sections", None):
            for name, spec in import_string(path).items():
                if name in sections:
                    raise ImproperlyConfigured(f"seed section {name!r} is declared twice ({config.label})")
                sections[name] = spec
    return sections


def column(name: str, language: str) -> str:
    return f"{name}_{language.replace('-', '_')}"


# --- checking ---------------------------------------------------------------


def _clean_value(spec: Spec, name: str, value, where: str):
    """Turn a YAML scalar into the model field's type, or say what is wrong and where."""
    model_field = spec.model._meta.get_field(name)
    if value is None:
        if model_field.null:
            return None
        raise SeedError(f"{where}: a value is required")
    if isinstance(model_field, models.BooleanField):
        if not isinstance(value, bool):
            raise SeedError(f"{where}: expected true or false, got {value!r}")
        return value
    if isinstance(model_field, models.DecimalField):
        if isinstance(value, bool):
            raise SeedError(f"{where}: expected a number, got {value!r}")
        try:
            return Decimal(str(value)).quantize(Decimal(1).scaleb(-model_field.decimal_places))
        except InvalidOperation:
            raise SeedError(f"{where}: expected a number, got {value!r}") from None
    if isinstance(model_field, models.IntegerField):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise SeedError(f"{where}: expected a whole number of 0 or more, got {value!r}")
        return value
    if isinstance(model_field, models.DateField):
        if isinstance(value, datetime.date):
            return value
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            raise SeedError(f"{where}: expected a date YYYY-MM-DD, got {value!r}") from None
    if not isinstance(value, str) or not value.strip():
        raise SeedError(f"{where}: expected text, got {value!r}")
    if model_field.choices and value not in {c[0] for c in model_field.choices}:
        allowed = ", ".join(str(c[0]) for c in model_field.choices)
        raise SeedError(f"{where}: {value!r} is not one of {allowed}")
    if model_field.max_length and len(value) > model_field.max_length:
        raise SeedError(f"{where}: longer than {model_field.max_length} characters")
    return value


def _check_rows(spec: Spec, rows, where: str) -> list[dict]:
    if not isinstance(rows, list):
        raise SeedError(f"{where}: expected a list")
    checked, seen = [], set()
    for index, row in enumerate(rows):
        place = f"{where}[{index}]"
        if not isinstance(row, dict):
            raise SeedError(f"{place}: expected a mapping")
        unknown = set(row) - spec.allowed()
        if unknown:
            raise SeedError(f"{place}: unknown key(s) {', '.join(sorted(map(str, unknown)))}")
        values, translations, children, m2m, refs = {}, {}, {}, {}, {}
        for name in spec.key:
            if name not in row:
                raise SeedError(f"{place}: missing key '{name}'")
            values[name] = _clean_value(spec, name, row[name], f"{place}.{name}")
        natural_key = tuple(values[name] for name in spec.key)
        if natural_key in seen:
            raise SeedError(f"{place}: duplicate {'/'.join(spec.key)} {natural_key}")
        seen.add(natural_key)
        for name in spec.fields:
            if name in row:
                values[name] = _clean_value(spec, name, row[name], f"{place}.{name}")
        for name in spec.translated:
            model_field = spec.model._meta.get_field(name)
            if name not in row:
                if not model_field.blank:
                    raise SeedError(f"{place}: missing '{name}'")
                continue
            text = row[name]
            if not isinstance(text, dict):
                raise SeedError(f"{place}.{name}: expected a mapping of {', '.join(LANGUAGE_CODES)}")
            extra = set(text) - set(LANGUAGE_CODES)
            if extra:
                raise SeedError(f"{place}.{name}: unknown language(s) {', '.join(sorted(map(str, extra)))}")
            for language in LANGUAGE_CODES:
                if language not in text:
                    raise SeedError(f"{place}.{name}: missing translation '{language}'")
                translations[column(name, language)] = _clean_value(
                    spec, name, text[language], f"{place}.{name}.{language}"
                )
        for name in spec.m2m:
            slugs = row.get(name, [])
            if not isinstance(slugs, list) or not all(isinstance(s, str) for s in slugs):
                raise SeedError(f"{place}.{name}: expected a list of slugs")
            m2m[name] = slugs
        for name in spec.refs:
            if name in row:
                if not isinstance(row[name], str):
                    raise SeedError(f"{place}.{name}: expected a slug")
                refs[name] = row[name]
        for name, child_spec in spec.children.items():
            children[name] = _check_rows(child_spec, row.get(name, []), f"{place}.{name}")
        checked.append(
            {"place": place, "values": values | translations, "m2m": m2m, "refs": refs, "children": children}
        )
    return checked


def check(data) -> dict[str, list[dict]]:
    if not isinstance(data, dict):
        raise SeedError("top level: expected a mapping of sections")
    sections = catalogue()
    unknown = set(data) - set(sections)
    if unknown:
        raise SeedError(f"top level: unknown section(s) {', '.join(sorted(map(str, unknown)))}")
    checked = {
        section: _check_rows(spec, data.get(section, []), section) for section, spec in sections.items()
    }
    _check_references(checked, sections)
    return checked


def _check_references(checked, sections: dict[str, Spec]):
    """Every slug a row refers to must be defined in the file."""
    defined = {
        spec.model: {row["values"]["slug"] for row in checked[section]}
        for section, spec in sections.items()
        if "slug" in spec.key
    }
    for section, spec in sections.items():
        for row in checked[section]:
            for name, model in (spec.m2m | spec.refs).items():
                wanted = row["m2m"].get(name) or ([row["refs"][name]] if name in row["refs"] else [])
                for slug in wanted:
                    if slug not in defined.get(model, set()):
                        raise SeedError(
                            f"{row['place']}.{name}: no {model._meta.model_name} with slug {slug!r}"
                        )


# --- writing ----------------------------------------------------------------


class _DryRun(Exception):
    pass


def _validate(obj, place: str):
    """The model's own field rules (a slug's characters…), reported at the file's place."""
    try:
        obj.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        where = place if field == "__all__" else f"{place}.{field}"
        raise SeedError(f"{where}: {' '.join(messages)}") from None


def _write(spec: Spec, rows, counts: Counter, parent=None):
    for row in rows:
        lookup = {name: row["values"][name] for name in spec.key}
        if spec.parent:
            lookup[spec.parent] = parent
        wanted = {name: value for name, value in row["values"].items() if name not in spec.key}
        for name, slug in row["refs"].items():
            wanted[name] = spec.refs[name].objects.get(slug=slug)
        obj = spec.model.objects.filter(**lookup).first()
        label = spec.model._meta.verbose_name_plural
        created = obj is None
        if created:
            obj = spec.model(**lookup, **wanted)
            _validate(obj, row["place"])
            obj.save()
            counts[(label, "created")] += 1
        else:
            changed = [name for name, value in wanted.items() if getattr(obj, name) != value]
            for name in changed:
                setattr(obj, name, wanted[name])
            if changed:
                _validate(obj, row["place"])
                obj.save()
                counts[(label, "updated")] += 1
            else:
                counts[(label, "unchanged")] += 1
        for name, slugs in row["m2m"].items():
            related = list(spec.m2m[name].objects.filter(slug__in=slugs))
            manager = getattr(obj, name)
            if {r.pk for r in related} != set(manager.values_list("pk", flat=True)):
                manager.set(related)
                if not created:
                    counts[(label, "updated")] += 1
                    counts[(label, "unchanged")] -= 1
        for name, child_spec in spec.children.items():
            _write(child_spec, row["children"][name], counts, parent=obj)


def load(data, *, dry_run: bool = False) -> Counter:
    """Check and write the whole catalogue; returns counts keyed by (model, created|updated|unchanged)."""
    checked = check(data)
    counts: Counter = Counter()
    try:
        with transaction.atomic():
            for section, spec in catalogue().items():
                _write(spec, checked[section], counts)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return counts


def load_file(path: Path = DEFAULT_PATH, *, dry_run: bool = False) -> Counter:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown place"
        raise SeedError(f"{path}: not valid YAML at {where}: {getattr(exc, 'problem', exc)}") from None
    except OSError as exc:
        raise SeedError(f"{path}: {exc.strerror}") from None
    return load(data, dry_run=dry_run)
