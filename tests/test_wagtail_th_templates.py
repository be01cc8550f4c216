"""Wagtail's English literals in its admin templates, translated by generated overrides."""

import pytest
from django.test import Client

from moit_wagtail.wagtail_th import template_fixes


def test_the_overrides_are_in_step_with_the_installed_wagtail():
    assert template_fixes.stale() == [], "run: make wagtail-th"


def test_a_wagtail_template_without_the_literal_is_reported(tmp_path):
    name = "wagtailadmin/home.html"
    (tmp_path / name).parent.mkdir(parents=True)
    (tmp_path / name).write_text('{% extends "x.html" %}\n<input value="Find">', encoding="utf-8")
    with pytest.raises(ValueError, match="no longer has"):
        template_fixes.fixed(name, source_dir=tmp_path)


@pytest.mark.django_db
def test_screen_readers_hear_thai_on_the_dashboard_and_the_explorer(unit_people, unit_pages):
    editor = unit_people[0]
    client = Client(HTTP_ACCEPT_LANGUAGE="th")
    client.force_login(editor)
    explorer = f"/admin/pages/{unit_pages['index'].pk}/"
    for url in ("/admin/", explorer):
        html = client.get(url).content.decode()
        assert 'value="Search"' not in html and 'aria-label="Actions"' not in html, url
    assert 'value="ค้นหา"' in client.get("/admin/").content.decode()
