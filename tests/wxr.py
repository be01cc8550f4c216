"""A WordPress export (WXR 1.2) and its uploads folder, made here rather than kept as a large
file: a Thai unit's site with news, procurement posts with their PDFs (as WordPress records
them and as links in the text), laws, pages, drafts, a post with a script, Thai permalinks."""

import io
import zipfile
from urllib.parse import quote
from xml.sax.saxutils import escape

from home.demo.files import pdf_bytes

SITE = "https://old.example.go.th"
CATEGORIES = [
    ("news", "ข่าวประชาสัมพันธ์"),
    ("procurement", "จัดซื้อจัดจ้าง"),
    ("law", "กฎหมายที่เกี่ยวข้อง"),
]
TITLES = [
    "ประกาศสำนักงานสาธารณสุขจังหวัด ฉบับที่ {n}/2567",
    'รพ.สต.บ้านนา จัดกิจกรรมรณรงค์ "ลดเค็ม ลดโรค" ครั้งที่ {n}',
    "สรุปผลการจัดซื้อจัดจ้าง ประจำเดือน มี.ค. ๒๕๖๗ (ลำดับ {n})",
    "แจ้งเตือน!! ไข้เลือดออกระบาด – ระวัง {n} พื้นที่",
    "คำสั่งที่ {n}/2566 เรื่อง แต่งตั้งคณะกรรมการ & คณะทำงาน",
]


def _item(post_id, kind, title, slug, day, content="", status="publish", terms=(), parent=0,
          attachment_url=""):  # fmt: skip
    link = f"{SITE}/{day[:4]}/{day[5:7]}/{quote(slug)}/" if kind != "attachment" else attachment_url
    categories = "".join(
        f'<category domain="{domain}" nicename="{nicename}"><![CDATA[{name}]]></category>'
        for domain, nicename, name in terms
    )
    extra = (
        f"<wp:attachment_url>{escape(attachment_url)}</wp:attachment_url>" if attachment_url else ""
    )
    return f"""<item>
<title>{escape(title)}</title><link>{escape(link)}</link>
<dc:creator><![CDATA[admin]]></dc:creator><guid isPermaLink="false">{SITE}/?p={post_id}</guid>
<content:encoded><![CDATA[{content}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>{post_id}</wp:post_id><wp:post_date><![CDATA[{day} 10:00:00]]></wp:post_date>
<wp:post_name><![CDATA[{slug}]]></wp:post_name><wp:status><![CDATA[{status}]]></wp:status>
<wp:post_parent>{parent}</wp:post_parent><wp:post_type><![CDATA[{kind}]]></wp:post_type>{extra}{categories}
</item>"""


def wordpress_export(count=300):
    """(WXR bytes, uploads ZIP bytes, {post id: title}) for ``count`` posts."""
    items, files, titles = [], {}, {}
    next_id = 1000
    for number in range(1, count + 1):
        nicename, category = CATEGORIES[number % len(CATEGORIES)]
        title = TITLES[number % len(TITLES)].format(n=number)
        day = f"2024-{number % 12 + 1:02d}-{number % 27 + 1:02d}"
        slug = f"ประกาศ-{number}"
        content = f"<p>{escape(title)}</p><p>รายละเอียดของประกาศ <strong>ลำดับ {number}</strong></p>"
        terms = [
            ("category", nicename, category),
            ("post_tag", f"tag{number % 4}", f"ป้าย{number % 4}"),
        ]
        post_id = next_id
        next_id += 1
        if nicename == "procurement":
            path = f"{day[:4]}/{day[5:7]}/สขร-{number}.pdf"
            files[path] = pdf_bytes(title, ["สรุปผลการจัดซื้อจัดจ้าง"])
            linked = f"{day[:4]}/{day[5:7]}/ประกาศ-{number}.pdf"
            files[linked] = pdf_bytes(title, ["ประกาศ"])
            content += f'<p><a href="{SITE}/wp-content/uploads/{quote(linked)}">ดาวน์โหลด</a></p>'
            url = f"{SITE}/wp-content/uploads/{path}"
            attachment = _item(next_id, "attachment", f"สขร {number}", f"skr-{number}", day,
                               parent=post_id, attachment_url=url)  # fmt: skip
            items.append(attachment)
            next_id += 1
        if number == 7:
            content += '<script>alert("old site")</script><p onclick="steal()">คลิก</p>'
        status = "draft" if number % 50 == 0 else "publish"
        items.append(_item(post_id, "post", title, slug, day, content, status, terms))
        if status == "publish":
            titles[post_id] = title
    items.append(_item(next_id, "page", "เกี่ยวกับหน่วยงาน", "about", "2023-05-01",
                       "<h2>ประวัติ</h2><p>ก่อตั้งเมื่อ พ.ศ. 2500</p>"))  # fmt: skip
    titles[next_id] = "เกี่ยวกับหน่วยงาน"
    export = f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>สำนักงานสาธารณสุขจังหวัดทดสอบ</title><link>{SITE}</link>
<wp:wxr_version>1.2</wp:wxr_version>
{"".join(items)}
</channel></rss>"""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as bundle:
        for path, data in files.items():
            bundle.writestr(f"wp-content/uploads/{path}", data)
    return export.encode("utf-8"), archive.getvalue(), titles
