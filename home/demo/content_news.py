"""Seed 1.8 demo content, part one: press releases, general news, alerts and activity photos.

One alert ended long ago: it carries an end of publication in the past, and Wagtail's own
``publish_scheduled`` takes it down at the end of the load.
"""

from moit_wagtail.pages.models import ActivityPage, NewsPage

from .specs import Img, Item, days_ago, html


def news(unit, slug, kind, title, summary, owner, published, body, image=True, **extra):
    fields = {"kind": kind, "body": body}
    if image:
        fields["image"] = Img(f"ภาพข่าว: {title}", "illustration")
    return Item(
        NewsPage,
        slug,
        title,
        summary,
        unit.owner(owner),
        fields=fields,
        published_days_ago=published,
        period=(days_ago(published), days_ago(published - 90)),
        **extra,
    )


def news_items(unit):
    name = unit.name_th
    result = [
        news(
            unit, "press-vaccination-week", "1.8.1",
            "เชิญชวนผู้สูงอายุรับวัคซีนป้องกันไข้หวัดใหญ่ฟรี",
            f"{name} เชิญชวนผู้มีอายุ 65 ปีขึ้นไปและผู้ป่วยโรคเรื้อรังรับวัคซีนไข้หวัดใหญ่โดยไม่เสียค่าใช้จ่าย",
            "disease", 35,
            html("รับบริการได้ที่โรงพยาบาลและโรงพยาบาลส่งเสริมสุขภาพตำบลทุกแห่ง ตั้งแต่วันนี้ถึงสิ้นเดือนหน้า",
                 "กรุณานำบัตรประจำตัวประชาชนมาด้วย"),
        ),
        news(
            unit, "general-integrity-pledge", "1.8.2",
            "ผู้บริหารและเจ้าหน้าที่ร่วมประกาศเจตจำนงสุจริตในการบริหารงาน",
            "กิจกรรมประกาศเจตจำนงสุจริตประจำปี เพื่อเสริมสร้างวัฒนธรรมองค์กรที่โปร่งใส",
            "general", 380,
            html("ผู้บริหารประกาศเจตจำนงสุจริต พร้อมมอบนโยบายไม่รับของขวัญ (No Gift Policy) แก่บุคลากรทุกระดับ"),
        ),
        news(
            unit, "alert-heat-wave", "1.8.4",
            "แจ้งเตือนภัยสุขภาพจากอากาศร้อนจัด",
            "ช่วงอุณหภูมิสูงเกิน 40 องศาเซลเซียส ให้ดื่มน้ำบ่อย หลีกเลี่ยงกิจกรรมกลางแจ้ง และสังเกตอาการโรคลมแดด",
            "promotion", 220,
            html("กลุ่มเสี่ยง ได้แก่ เด็กเล็ก ผู้สูงอายุ และผู้มีโรคประจำตัว หากมีอาการตัวร้อน ซึม สับสน "
                 "ให้รีบนำส่งโรงพยาบาลหรือโทร 1669"),
            image=False,
            expired_days_ago=150,
        ),
    ]  # fmt: skip
    if unit.is_provincial:
        result += [
            news(
                unit, "press-dengue-campaign", "1.8.1",
                "รณรงค์กำจัดลูกน้ำยุงลายพร้อมกันทั้งจังหวัด",
                "นายแพทย์สาธารณสุขจังหวัดเปิดสัปดาห์รณรงค์กำจัดแหล่งเพาะพันธุ์ยุงลายก่อนฤดูฝน",
                "disease", 180,
                html("ทุกอำเภอร่วมกับ อสม. และองค์กรปกครองส่วนท้องถิ่น สำรวจและทำลายแหล่งเพาะพันธุ์ยุงลาย"),
            ),
            news(
                unit, "general-moit-result", "1.8.2",
                "ผลการประเมินคุณธรรมและความโปร่งใส (MOIT) ของหน่วยงานในจังหวัด",
                "สรุปผลการประเมิน MOIT ของหน่วยงานในสังกัดรอบที่ผ่านมา และแนวทางพัฒนา",
                "strategy", 60,
                html("หน่วยงานในสังกัดผ่านเกณฑ์การประเมินทุกแห่ง โดยจะติดตามหลักฐานการเผยแพร่ข้อมูลรายไตรมาส"),
                image=False,
            ),
            news(
                unit, "alert-pm25", "1.8.4",
                "เตือนค่าฝุ่น PM2.5 เกินมาตรฐานในหลายอำเภอ",
                "งดกิจกรรมกลางแจ้ง สวมหน้ากาก N95 และติดตามค่าฝุ่นรายวัน",
                "promotion", 12,
                html("ติดตามค่าฝุ่นได้จากแอปพลิเคชันและเว็บไซต์ของกรมควบคุมมลพิษ"),
            ),
        ]  # fmt: skip
    return result


def gallery(unit, slug, title, place, published, captions, summary):
    photos = [
        {"image": Img(f"{title} ภาพที่ {number}", "photo"), "caption": caption}
        for number, caption in enumerate(captions, start=1)
    ]
    return Item(
        ActivityPage,
        slug,
        title,
        summary,
        unit.owner("general"),
        fields={
            "event_date": days_ago(published + 2),
            "location": place,
            "body": html(summary),
        },
        inlines={"photos": photos},
        published_days_ago=published,
        period=(days_ago(published + 2), days_ago(published + 2)),
    )


def activity_items(unit):
    result = [
        gallery(
            unit, "activity-big-cleaning-day", "กิจกรรม Big Cleaning Day ร่วมกับชุมชน",
            f"ชุมชนรอบ{unit.name_th}", 95,
            ("เจ้าหน้าที่และ อสม. ร่วมทำความสะอาดถนนในชุมชน",
             "เก็บขยะและภาชนะที่อาจเป็นแหล่งเพาะพันธุ์ยุงลาย",
             "ผู้บริหารมอบอุปกรณ์ทำความสะอาดแก่ตัวแทนชุมชน"),
            "ร่วมกับชุมชนทำความสะอาดและกำจัดแหล่งเพาะพันธุ์ยุงลาย",
        ),
    ]  # fmt: skip
    if unit.unit_type != "dho":
        result.append(
            gallery(
                unit, "activity-health-screening", "ออกหน่วยคัดกรองเบาหวานและความดันโลหิตสูง",
                "ศาลาประชาคมหมู่บ้าน", 48,
                ("ประชาชนลงทะเบียนรับการคัดกรอง", "พยาบาลวัดความดันโลหิต",
                 "เจาะเลือดปลายนิ้วตรวจระดับน้ำตาล", "ให้คำแนะนำการปรับพฤติกรรมสุขภาพ"),
                "คัดกรองประชาชนอายุ 35 ปีขึ้นไปเชิงรุกในชุมชน",
            )
        )  # fmt: skip
    if unit.is_provincial:
        result.append(
            gallery(
                unit, "activity-ethics-training", "อบรมเสริมสร้างคุณธรรม จริยธรรม และวินัยข้าราชการ",
                "ห้องประชุมสำนักงานสาธารณสุขจังหวัด", 140,
                ("ผู้บริหารกล่าวเปิดการอบรม", "วิทยากรบรรยายเรื่องผลประโยชน์ทับซ้อน"),
                "อบรมบุคลากรเรื่องการป้องกันผลประโยชน์ทับซ้อนและประมวลจริยธรรม",
            )
        )  # fmt: skip
    return result


def items(unit):
    return news_items(unit) + activity_items(unit)
