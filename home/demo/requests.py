"""Publishing requests in each state (seed 2.2), so that whoever signs in has something real
to look at: one waiting for the approver, one refused with a reason, one approved through
the workflow (its request form has all three signatures), and one published urgently on a
verbal approval that still waits for the approver's confirmation.
"""

import datetime

from django.utils import timezone

from moit_wagtail.pages.models import KnowledgePage, NewsPage, ProcurementResultPage
from moit_wagtail.workflow.urgent import publish_urgently

from .builder import _inline_rows, child_by_slug, metadata
from .specs import Doc, Item, days_ago, html


def requests_for(unit):
    owner = unit.owner("general")
    return {
        "pending": Item(
            NewsPage, "request-health-fair", f"ขอเชิญร่วมงานมหกรรมสุขภาพ {unit.short_name}",
            "ขอประชาสัมพันธ์งานมหกรรมสุขภาพประจำปี เปิดให้ประชาชนตรวจสุขภาพฟรี", owner,
            fields={"kind": "1.8.1", "body": html("ขอเชิญประชาชนร่วมงานมหกรรมสุขภาพประจำปี")},
        ),
        "refused": Item(
            KnowledgePage, "request-dengue-article", "บทความ: วิธีป้องกันไข้เลือดออกในบ้าน",
            "บทความความรู้เรื่องการป้องกันโรคไข้เลือดออก", owner,
            source="กรมควบคุมโรค",
            fields={"kind": "1.3.1", "source_date": days_ago(40),
                    "body": html("ทำลายแหล่งเพาะพันธุ์ยุงลาย")},
        ),
        "approved": Item(
            ProcurementResultPage, "request-winner-printer",
            "ประกาศผู้ชนะการเสนอราคา ซื้อเครื่องพิมพ์ จำนวน 5 เครื่อง",
            "ผลการคัดเลือกผู้ขายเครื่องพิมพ์ด้วยวิธีเฉพาะเจาะจง", owner,
            fields={"result_kind": "winner", "winner": "ห้างหุ้นส่วนจำกัด สุขใจคอมพิวเตอร์",
                    "contract_amount": "42500.00"},
            attachments=(Doc("ประกาศผู้ชนะ ซื้อเครื่องพิมพ์", "winner-printer.pdf"),),
        ),
        "urgent": Item(
            NewsPage, "request-flood-alert", "แจ้งเตือนด่วน: งดใช้น้ำประปาชั่วคราวเนื่องจากน้ำท่วม",
            "แจ้งเตือนประชาชนงดใช้น้ำประปาในพื้นที่น้ำท่วมจนกว่าจะมีประกาศ", owner,
            fields={"kind": "1.8.4", "body": html("งดใช้น้ำประปาเพื่อบริโภคชั่วคราว")},
        ),
    }  # fmt: skip


def draft(ctx, parent, item, author):
    page = item.model(
        title=item.title, slug=item.slug, live=False, **metadata(item, author, 0),
        **item.fields, **_inline_rows(ctx, parent, item),
    )  # fmt: skip
    parent.add_child(instance=page)
    page.save_revision(user=author)
    return page


def build_requests(ctx, indexes, web_admin):
    """Create the four requests of one unit, unless they exist already."""
    editor, approver = ctx.editors[0], ctx.approver
    parents = {"pending": "1.8", "refused": "1.3", "approved": "1.8", "urgent": "1.8"}
    for state, item in requests_for(ctx.unit).items():
        parent = indexes[parents[state]]
        if child_by_slug(parent, item.slug):
            continue
        page = draft(ctx, parent, item, editor)
        if state == "urgent":
            approved_at = timezone.now() - datetime.timedelta(hours=2)
            publish_urgently(page, web_admin, approver, approved_at, "น้ำท่วมฉับพลันช่วงกลางคืน")
            continue
        page.get_workflow().start(page, editor)
        task, task_state = page.current_workflow_task, page.current_workflow_task_state
        if state == "refused":
            task.on_action(
                task_state, approver, "reject", rejection_reason="inaccurate",
                comment="โปรดอ้างอิงเอกสารกรมควบคุมโรคฉบับล่าสุด และระบุวันที่ของแหล่งข้อมูล",
            )  # fmt: skip
        elif state == "approved":
            task.on_action(task_state, approver, "approve", comment="อนุญาตให้เผยแพร่")
