"""Masks the secrets in the traffic log rows written before the recorder masked them."""

from django.db import migrations

from moit_wagtail.traffic.masking import mask_stored_rows


def mask_existing_rows(apps, schema_editor):
    mask_stored_rows(apps.get_model("moit_traffic", "TrafficLogEntry"))


class Migration(migrations.Migration):
    atomic = False  # one transaction per batch: millions of rows must not hold one lock

    dependencies = [("moit_traffic", "0001_initial")]

    operations = [migrations.RunPython(mask_existing_rows, migrations.RunPython.noop)]
