"""A WordPress site's export brought in: posts mapped to our types by the admin's rules,
their HTML cleaned, their attachments and linked uploads taken from the uploads ZIP,
permalinks redirected, drafts left out, and hostile XML refused."""

from urllib.parse import unquote

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.contrib.redirects.models import Redirect

from moit_wagtail.importer.bundle import read_zip
from moit_wagtail.importer.importing import import_rows
from moit_wagtail.importer.models import ImportBatch
from moit_wagtail.importer.rows import CREATE, REFUSED, UPDATE
from moit_wagtail.importer.wordpress import Rules, read_export, to_table
from moit_wagtail.pages import models as pages
from tests.wxr import SITE, wordpress_export

pytestmark = pytest.mark.django_db

NEWS = "ข่าวประชาสัมพันธ์ ข่าวสารทั่วไป หรือเรื่องแจ้งเตือน"
RULES = f"ข่าวประชาสัมพันธ์ = {NEWS}\nprocurement = {NEWS}\nกฎหมายที่เกี่ยวข้อง = กฎหมายหรือระเบียบ"


@pytest.fixture
def admin(unit, make_member):
    return make_member("webadmin", unit.admins)


@pytest.fixture
def writer(unit, make_member):
    return make_member("writer", unit.editors)


def imported(site, admin, count, apply=True, mode=ImportBatch.PUBLISHED_BEFORE):
    export, uploads, titles = wordpress_export(count)
    posts = read_export(ContentFile(export, name="wordpress.xml"))
    table = to_table(posts, Rules.parse(RULES, default=NEWS), "กลุ่มงานบริหารทั่วไป", "writer")
    files = read_zip(ContentFile(uploads, name="uploads.zip"), keep_paths=True)
    return import_rows(site, admin, table, files, mode, "wordpress.xml", apply), titles


def test_a_wordpress_site_comes_in_with_its_files_and_old_links(own_site, admin, writer, client):
    outcome, titles = imported(own_site, admin, 300)

    reasons = {row.title: row.reasons for row in outcome.refused}
    laws = [title for title, why in reasons.items() if any("ประเภท" in r for r in why)]
    assert len(outcome.rows) == len(titles)  # drafts are left out
    assert outcome.count(REFUSED) == len(laws) == 98  # laws lack issuer, date, source URL
    assert outcome.count(CREATE) == len(titles) - 98
    news = pages.NewsPage.objects.filter(live=True)
    assert news.count() == outcome.count(CREATE)
    procurement = news.get(title='รพ.สต.บ้านนา จัดกิจกรรมรณรงค์ "ลดเค็ม ลดโรค" ครั้งที่ 1')
    names = sorted(a.document.filename for a in procurement.attachments.all())
    assert names == ["ประกาศ-1.pdf", "สขร-1.pdf"]  # recorded under the post, and linked
    about = news.get(title="เกี่ยวกับหน่วยงาน")  # a page, by the default type
    assert "<h2" in about.body
    scripted = news.get(title__contains="(ลำดับ 7)")  # the post with a script and onclick
    assert "คลิก" in scripted.body
    assert "script" not in scripted.body and "onclick" not in scripted.body

    redirect = Redirect.objects.get(site=own_site, redirect_page=procurement)
    response = client.get(unquote(redirect.old_path), HTTP_HOST=own_site.hostname)
    assert response.status_code == 301
    assert unquote(redirect.old_path).startswith("/2024/")

    again, _titles = imported(own_site, admin, 300)  # the same export once more
    assert (again.count(CREATE), again.count(UPDATE)) == (0, outcome.count(CREATE))
    assert pages.NewsPage.objects.count() == outcome.count(CREATE)


def test_rules_name_a_type_per_line():
    rules = Rules.parse("# comment\nข่าว = 1.2\n\nNews=กฎหมายหรือระเบียบ", default=NEWS)
    assert rules.mapping == {"ข่าว": "1.2", "news": "กฎหมายหรือระเบียบ"}
    with pytest.raises(ValidationError):
        Rules.parse("ข่าว = ไม่มีประเภทนี้")


def test_hostile_xml_is_refused():
    bomb = b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><rss><channel><item>
<title>&lol2;</title></item></channel></rss>"""
    with pytest.raises(ValidationError):
        read_export(ContentFile(bomb, name="wordpress.xml"))
    external = b"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<rss><channel><item><title>&x;</title></item></channel></rss>"""
    with pytest.raises(ValidationError):
        read_export(ContentFile(external, name="wordpress.xml"))


def test_the_site_link_is_not_a_post(own_site):
    export, _uploads, titles = wordpress_export(3)
    posts = read_export(ContentFile(export, name="wordpress.xml"))
    assert {post.link for post in posts if post.kind == "post"} <= {
        link for link in (p.link for p in posts) if link.startswith(SITE)
    }
    assert len([p for p in posts if p.kind in ("post", "page") and p.status == "publish"]) == len(
        titles
    )


def test_the_command_previews_a_wordpress_export(own_site, admin, writer, tmp_path):
    import io

    from django.core.management import call_command

    export, uploads, titles = wordpress_export(6)
    (tmp_path / "wordpress.xml").write_bytes(export)
    (tmp_path / "uploads.zip").write_bytes(uploads)
    (tmp_path / "rules.txt").write_text(RULES, "utf-8")
    out = io.StringIO()
    call_command(
        "import_wordpress", str(tmp_path / "wordpress.xml"), "--site", own_site.hostname,
        "--user", admin.username, "--uploads", str(tmp_path / "uploads.zip"),
        "--rules", str(tmp_path / "rules.txt"), "--default", NEWS,
        "--owner-unit", "กลุ่มงานบริหารทั่วไป", "--person", "writer",
        stdout=out, stderr=io.StringIO(),
    )  # fmt: skip
    text = out.getvalue()
    assert f"{len(titles)} " in text.splitlines()[0]
    assert "ตัวอย่างก่อนนำเข้า" in text and not pages.NewsPage.objects.exists()
