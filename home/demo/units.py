"""The three fictional demo units: a provincial health office and two units under it.

Names, addresses and numbers are invented (the province of "สุขใจ" does not exist); only
the structure follows real Thai health offices.
"""

import os
from dataclasses import dataclass

DEFAULT_PORT = 8000

PROVINCE = "สุขใจ"
PHO_NAME = f"สำนักงานสาธารณสุขจังหวัด{PROVINCE}"


@dataclass(frozen=True)
class Person:
    username_suffix: str
    first_name: str
    last_name: str


@dataclass(frozen=True)
class Leader:
    name: str
    position: str
    phone: str


@dataclass(frozen=True)
class Unit:
    code: str  # also the username prefix
    hostname: str
    home_slug: str
    name_th: str
    name_en: str
    short_name: str
    unit_type: str
    parent_unit: str
    address: str
    phone: str
    fax: str
    email: str
    latitude: str
    longitude: str
    founded: str
    owners: dict  # role key -> the group (กลุ่มงาน) that owns that kind of information
    leaders: tuple
    staff: tuple  # admins 1-2, editors 1-2, approver, in that order
    is_provincial: bool = False

    @property
    def port(self):
        return demo_port()

    @property
    def url(self):
        return f"http://{self.hostname}:{self.port}/"

    def owner(self, key):
        return self.owners.get(key, self.owners["general"])


def demo_port():
    return int(os.environ.get("MOIT_DEMO_PORT") or DEFAULT_PORT)


def staff(*people):
    roles = ("admin1", "admin2", "editor1", "editor2", "approver")
    return tuple(
        Person(role, first, last) for role, (first, last) in zip(roles, people, strict=True)
    )


PHO = Unit(
    code="pho",
    hostname="localhost",
    home_slug="pho",
    name_th=PHO_NAME,
    name_en="Sukjai Provincial Public Health Office",
    short_name=f"สสจ.{PROVINCE}",
    unit_type="pho",
    parent_unit="สำนักงานปลัดกระทรวงสาธารณสุข",
    address=f"99 ถนนศรีสุขใจ ตำบลในเมือง อำเภอเมือง{PROVINCE} จังหวัด{PROVINCE} 99000",
    phone="0 4299 1000",
    fax="0 4299 1001",
    email="pho.sukjai@example.go.th",
    latitude="16.052300",
    longitude="103.652100",
    founded="2485",
    owners={
        "general": "กลุ่มงานบริหารทั่วไป",
        "strategy": "กลุ่มงานพัฒนายุทธศาสตร์สาธารณสุข",
        "disease": "กลุ่มงานควบคุมโรคติดต่อ",
        "ncd": "กลุ่มงานควบคุมโรคไม่ติดต่อ สุขภาพจิตและยาเสพติด",
        "promotion": "กลุ่มงานส่งเสริมสุขภาพ",
        "consumer": "กลุ่มงานคุ้มครองผู้บริโภคและเภสัชสาธารณสุข",
        "insurance": "กลุ่มงานประกันสุขภาพ",
        "hr": "กลุ่มงานบริหารทรัพยากรบุคคล",
        "law": "กลุ่มงานกฎหมาย",
        "digital": "กลุ่มงานสุขภาพดิจิทัล",
        "primary": "กลุ่มงานพัฒนาคุณภาพและรูปแบบบริการ",
    },
    leaders=(
        Leader("นายแพทย์ธนากร สุขประเสริฐ", f"นายแพทย์สาธารณสุขจังหวัด{PROVINCE}", "0 4299 1010"),
        Leader("นายแพทย์วีระพงษ์ ศรีสมบูรณ์", "รองนายแพทย์สาธารณสุขจังหวัด (ด้านเวชกรรมป้องกัน)", "0 4299 1011"),
        Leader("นางสาวกนกวรรณ ใจงาม", "รองนายแพทย์สาธารณสุขจังหวัด (ด้านบริหาร)", "0 4299 1012"),
        Leader("นายสุรชัย พรหมมา", "หัวหน้ากลุ่มงานบริหารทั่วไป", "0 4299 1020"),
        Leader("นางพิมพ์ใจ ทองคำ", "หัวหน้ากลุ่มงานพัฒนายุทธศาสตร์สาธารณสุข", "0 4299 1030"),
    ),
    staff=staff(
        ("สมศรี", "มีสุข"),
        ("ประเสริฐ", "ทองดี"),
        ("วราภรณ์", "แก้วใส"),
        ("ณัฐพล", "ศรีสุข"),
        ("พรทิพย์", "บุญมา"),
    ),
    is_provincial=True,
)

DHO = Unit(
    code="dho",
    hostname="dho.localhost",
    home_slug="dho",
    name_th="สำนักงานสาธารณสุขอำเภอนาสุขสันต์",
    name_en="Na Suksan District Public Health Office",
    short_name="สสอ.นาสุขสันต์",
    unit_type="dho",
    parent_unit=PHO_NAME,
    address=f"12 หมู่ 3 ตำบลนาสุขสันต์ อำเภอนาสุขสันต์ จังหวัด{PROVINCE} 99120",
    phone="0 4299 2100",
    fax="0 4299 2101",
    email="dho.nasuksan@example.go.th",
    latitude="16.181200",
    longitude="103.511800",
    founded="2519",
    owners={
        "general": "งานบริหารทั่วไป",
        "strategy": "งานยุทธศาสตร์และสารสนเทศ",
        "disease": "งานควบคุมโรค",
        "promotion": "งานส่งเสริมสุขภาพ",
        "consumer": "งานคุ้มครองผู้บริโภค",
        "primary": "งานปฐมภูมิและเครือข่ายสุขภาพ",
    },
    leaders=(
        Leader("นายวิชัย แสงทอง", "สาธารณสุขอำเภอนาสุขสันต์", "0 4299 2110"),
        Leader("นางสุภาพร คำดี", "ผู้ช่วยสาธารณสุขอำเภอ", "0 4299 2111"),
        Leader("นายอนุชา ศรีวงศ์", "นักวิชาการสาธารณสุขชำนาญการ", "0 4299 2112"),
    ),
    staff=staff(
        ("กิตติพงษ์", "ดวงแก้ว"),
        ("จันทร์เพ็ญ", "สายทอง"),
        ("ศิริพร", "ใจมั่น"),
        ("ธีรวัฒน์", "บุญเรือง"),
        ("สุภาพร", "คำดี"),
    ),
)

HOSPITAL = Unit(
    code="hosp",
    hostname="hospital.localhost",
    home_slug="hospital",
    name_th="โรงพยาบาลนาสุขสันต์",
    name_en="Na Suksan Hospital",
    short_name="รพ.นาสุขสันต์",
    unit_type="hospital",
    parent_unit=PHO_NAME,
    address=f"145 หมู่ 1 ตำบลนาสุขสันต์ อำเภอนาสุขสันต์ จังหวัด{PROVINCE} 99120",
    phone="0 4299 2200",
    fax="0 4299 2201",
    email="hospital.nasuksan@example.go.th",
    latitude="16.178600",
    longitude="103.508900",
    founded="2527",
    owners={
        "general": "กลุ่มงานบริหารทั่วไป",
        "strategy": "กลุ่มงานประกันสุขภาพ ยุทธศาสตร์และสารสนเทศทางการแพทย์",
        "disease": "กลุ่มงานบริการด้านปฐมภูมิและองค์รวม",
        "promotion": "กลุ่มงานบริการด้านปฐมภูมิและองค์รวม",
        "consumer": "กลุ่มงานเภสัชกรรมและคุ้มครองผู้บริโภค",
        "nursing": "กลุ่มงานการพยาบาล",
        "medical": "กลุ่มงานการแพทย์",
        "insurance": "กลุ่มงานประกันสุขภาพ ยุทธศาสตร์และสารสนเทศทางการแพทย์",
    },
    leaders=(
        Leader("นายแพทย์ภาคภูมิ รัตนชัย", "ผู้อำนวยการโรงพยาบาลนาสุขสันต์", "0 4299 2210"),
        Leader("นางรัตนา พูลสวัสดิ์", "หัวหน้ากลุ่มงานการพยาบาล", "0 4299 2220"),
        Leader("เภสัชกรหญิงอรอุมา ทองมี", "หัวหน้ากลุ่มงานเภสัชกรรมและคุ้มครองผู้บริโภค", "0 4299 2230"),
        Leader("นายสมบัติ ใจเย็น", "หัวหน้ากลุ่มงานบริหารทั่วไป", "0 4299 2240"),
    ),
    staff=staff(
        ("ชยพล", "มณีวงศ์"),
        ("อัญชลี", "ทรัพย์มาก"),
        ("ปิยะนุช", "แสนดี"),
        ("ธนวัฒน์", "พรหมสุวรรณ"),
        ("รัตนา", "พูลสวัสดิ์"),
    ),
)

UNITS = (PHO, DHO, HOSPITAL)


def siblings(unit):
    return [other for other in UNITS if other.code != unit.code]
