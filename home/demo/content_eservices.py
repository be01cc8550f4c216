"""Seed 1.9 demo: each unit's complaint and information-request forms, and a few
submissions in every status so the staff listing, tracking pages and monthly statistics
have something to show.

Forms are keyed by slug under the unit's 1.9 index, submissions by (site, subject):
running the demo again creates nothing. Names and emails are fictitious
(``example.com``); no email is sent for demo replies.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from moit_wagtail.eservices.codes import assign_code
from moit_wagtail.eservices.models import (
    ComplaintFormPage,
    InformationRequestFormPage,
    Kind,
    Status,
    Submission,
    SubmissionReply,
)

from .builder import build_items
from .specs import Item, html

PRIVACY = html(
    "หน่วยงานใช้ข้อมูลส่วนบุคคลที่ท่านให้ไว้เพื่อดำเนินการเรื่องนี้และติดต่อกลับเท่านั้น "
    "ตามพระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562",
    "เฉพาะเจ้าหน้าที่ผู้รับผิดชอบเรื่องร้องเรียนเท่านั้นที่เห็นข้อมูลของท่าน ข้อมูลจะไม่ถูกเผยแพร่",
)


def form_items(unit):
    return [
        Item(
            ComplaintFormPage,
            "complaint-form",
            "แจ้งเรื่องร้องเรียน ข้อเสนอแนะ และแจ้งเบาะแสการทุจริต",
            "ส่งเรื่องร้องเรียนหรือข้อเสนอแนะออนไลน์ รับเลขติดตามเรื่องและคำตอบจากหน่วยงาน",
            unit.owner("general"),
            fields={
                "intro": html(
                    "หน่วยงานจะตอบรับภายใน 1 วันทำการ และแจ้งผลภายใน 15 วันทำการ",
                    "ไม่ประสงค์ออกนามได้ แต่โปรดเก็บลิงก์ติดตามเรื่องไว้",
                ),
                "privacy_notice": PRIVACY,
            },
            published_days_ago=200,
        ),
        Item(
            InformationRequestFormPage,
            "information-request-form",
            "คำขอข้อมูลข่าวสารของราชการ (มาตรา 11)",
            "ยื่นคำขอข้อมูลข่าวสารตามพระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540 ทางออนไลน์",
            unit.owner("general"),
            fields={
                "intro": html(
                    "ระบุข้อมูลที่ต้องการให้ชัดเจนที่สุด หน่วยงานจะแจ้งผลภายใน 15 วัน",
                    "สำเนาที่มีคำรับรองถูกต้องอาจมีค่าธรรมเนียมตามประกาศของหน่วยงาน",
                ),
                "privacy_notice": PRIVACY,
            },
            published_days_ago=180,
        ),
    ]


# (kind, days ago, status, answered after days, subject, details, reply)
SUBMISSIONS = [
    (Kind.COMPLAINT, 150, Status.CLOSED, 2, "ที่จอดรถผู้ป่วยไม่เพียงพอ",
     "ช่วงเช้าไม่มีที่จอดรถสำหรับผู้สูงอายุ", "ได้จัดที่จอดรถสำรองสำหรับผู้สูงอายุและผู้พิการแล้ว"),
    (Kind.COMPLAINT, 95, Status.ANSWERED, 5, "ขอบคุณเจ้าหน้าที่ห้องฉุกเฉิน",
     "เจ้าหน้าที่ดูแลดีมาก", "ขอบคุณสำหรับกำลังใจ ได้แจ้งทีมงานแล้ว"),
    (Kind.INFORMATION_REQUEST, 60, Status.ANSWERED, 9, "สำเนาประกาศผลการจัดซื้อเครื่องปั่นเหวี่ยง",
     "สำเนาประกาศผู้ชนะการเสนอราคาเครื่องปั่นเหวี่ยงตกตะกอน ปีงบประมาณปัจจุบัน",
     "จัดส่งสำเนาที่มีคำรับรองถูกต้องทางไปรษณีย์แล้ว"),
    (Kind.COMPLAINT, 20, Status.IN_PROGRESS, None, "รอคิวรับยานานเกินไป",
     "วันจันทร์รอรับยาเกินสามชั่วโมง", ""),
    (Kind.COMPLAINT, 3, Status.RECEIVED, None, "ขอให้เพิ่มป้ายบอกทางภาษาอังกฤษ",
     "ผู้ป่วยต่างชาติหาห้องตรวจไม่พบ", ""),
]  # fmt: skip


def build_submission(site, staff, kind, days, status, answered_after, subject, details, reply):
    created = timezone.now() - datetime.timedelta(days=days, hours=3)
    submission = Submission(
        site=site,
        kind=kind,
        subject=subject,
        details=details,
        created_at=created,
        consent_at=created,
        name="ประชาชน ตัวอย่าง",
        email="citizen@example.com",
        topic="complaint" if kind == Kind.COMPLAINT else "",
        purpose="ติดตามการใช้งบประมาณ" if kind == Kind.INFORMATION_REQUEST else "",
        preferred_format="certified_copy" if kind == Kind.INFORMATION_REQUEST else "",
        address="99 หมู่ 1 ตำบลนาสุข" if kind == Kind.INFORMATION_REQUEST else "",
    )
    assign_code(submission)
    if answered_after is not None:
        submission.first_answered_at = created + datetime.timedelta(days=answered_after)
    submission.status = status
    submission.save()
    if reply:
        SubmissionReply.objects.create(
            submission=submission,
            author=staff,
            created_at=submission.first_answered_at,
            status=Status.ANSWERED,
            message=reply,
        )
    if status in (Status.IN_PROGRESS, Status.CLOSED):
        SubmissionReply.objects.create(
            submission=submission,
            author=staff,
            created_at=created + datetime.timedelta(days=(answered_after or 0) + 1),
            status=status,
            internal_note="ส่งต่อกลุ่มงานที่เกี่ยวข้อง" if status == Status.IN_PROGRESS else "ปิดเรื่อง",
        )
    return submission


@transaction.atomic
def build_eservices(ctx, index, site, staff):
    """Form pages under ``index`` (the unit's 1.9 index) and demo submissions on ``site``,
    answered by ``staff`` (a website admin of the unit). Returns the two form pages."""
    forms = build_items(ctx, index, form_items(ctx.unit))
    existing = set(Submission.objects.filter(site=site).values_list("subject", flat=True))
    for kind, days, status, after, subject, details, reply in SUBMISSIONS:
        if subject not in existing:
            build_submission(site, staff, kind, days, status, after, subject, details, reply)
    return forms
