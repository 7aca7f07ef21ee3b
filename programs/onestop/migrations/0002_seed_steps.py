"""The office's first steps for each agency service (staff change them in admin)."""

from django.db import migrations

from programs.onestop.steps import seed_steps


def forwards(apps, schema_editor):
    seed_steps(apps.get_model("onestop", "AgencyStep"))


class Migration(migrations.Migration):
    dependencies = [("onestop", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
