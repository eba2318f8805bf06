"""A course with one lesson and a lesson holding one practice block of each kind, with fixed keys."""

from types import SimpleNamespace

import pytest

from tests.factories import UserFactory, make_course

FAKE_LINK = "http://thai-parcel.xyz/pay"


def item(key, value):
    return {"type": "item", "id": key, "value": value}


def simulator(key="sim", texts=None):
    """Step 1 (s1): tap the link (risky, go to step 2) or check the courier's app (safe, end).
    Step 2 (s2): pay 25 baht (risky, end) or stop and call 1441 (safe, end)."""
    t = texts or {}
    return {
        "type": "simulator",
        "id": key,
        "value": {
            "title": t.get("title", "SMS พัสดุปลอม"),
            "channel": "sms",
            "contact": "TH-Parcel",
            "steps": [
                item(
                    "s1",
                    {
                        "messages": [
                            item("s1-m1", {"sender": "them", "text": t.get("m1", f"พัสดุของคุณตกค้าง กดที่ {FAKE_LINK}")})
                        ],
                        "question": t.get("q1", "คุณจะทำอย่างไร"),
                        "choices": [
                            item(
                                "s1-tap",
                                {
                                    "text": t.get("tap", "กดลิงก์"),
                                    "outcome": "risky",
                                    "consequence": t.get("tap-c", "เปิดหน้าเว็บปลอม"),
                                    "explanation": t.get("tap-e", "ลิงก์มาจากเบอร์แปลก"),
                                    "next_step": 2,
                                },
                            ),
                            item(
                                "s1-app",
                                {
                                    "text": t.get("app", "เปิดแอปขนส่งเอง"),
                                    "outcome": "safe",
                                    "consequence": t.get("app-c", "ไม่มีพัสดุค้าง"),
                                    "explanation": t.get("app-e", "ตรวจจากช่องทางจริง"),
                                    "next_step": None,
                                },
                            ),
                        ],
                    },
                ),
                item(
                    "s2",
                    {
                        "messages": [item("s2-m1", {"sender": "them", "text": t.get("m2", "ชำระค่าส่ง 25 บาท")})],
                        "question": t.get("q2", "ต่อไปทำอย่างไร"),
                        "choices": [
                            item(
                                "s2-pay",
                                {
                                    "text": t.get("pay", "จ่ายด้วยบัตร"),
                                    "outcome": "risky",
                                    "consequence": t.get("pay-c", "ข้อมูลบัตรถูกขโมย"),
                                    "explanation": t.get("pay-e", "เว็บปลอม"),
                                    "next_step": None,
                                },
                            ),
                            item(
                                "s2-stop",
                                {
                                    "text": t.get("stop", "ปิดหน้าและโทร 1441"),
                                    "outcome": "safe",
                                    "consequence": t.get("stop-c", "ปลอดภัย"),
                                    "explanation": t.get("stop-e", "สายด่วน 1441"),
                                    "next_step": None,
                                },
                            ),
                        ],
                    },
                ),
            ],
        },
    }


def spot_fake(key="spot"):
    """Item i1 is fake (right reason r1), item i2 is real (right reason r2)."""
    return {
        "type": "spot_fake",
        "id": key,
        "value": {
            "title": "จับของปลอม",
            "intro": "ดูแต่ละอย่าง",
            "items": [
                item(
                    "i1",
                    {
                        "kind": "web",
                        "heading": "ธนาคารออมสุข",
                        "text": "กรอกรหัส OTP",
                        "detail": "omsook-bank.top/login",
                        "fake": True,
                        "reasons": [
                            item("i1-r1", {"text": "ที่อยู่เว็บแปลก", "correct": True}),
                            item("i1-r2", {"text": "มีโลโก้ธนาคาร", "correct": False}),
                        ],
                        "explanation": "ที่อยู่เว็บไม่ใช่ของธนาคาร",
                    },
                ),
                item(
                    "i2",
                    {
                        "kind": "slip",
                        "heading": "ร้านป้าแดง",
                        "text": "สแกนจ่ายพร้อมเพย์",
                        "detail": "120 บาท",
                        "fake": False,
                        "reasons": [
                            item("i2-r1", {"text": "ราคาถูกเกินไป", "correct": False}),
                            item("i2-r2", {"text": "ชื่อบัญชีตรงกับร้าน", "correct": True}),
                        ],
                        "explanation": "ชื่อบัญชีตรงกับร้าน",
                    },
                ),
            ],
        },
    }


def price(key="price"):
    """Cost 60 + packaging 5; Shopee: shipping 0, fees 10% + 2 baht; LINE shop: shipping 30, no fees. Aim 20."""
    return {
        "type": "price",
        "id": key,
        "value": {
            "title": "ตั้งราคาข้าวกล้อง",
            "product": "ข้าวกล้อง 1 กก.",
            "intro": "",
            "cost": "60",
            "packaging": "5",
            "target_profit": "20",
            "marketplaces": [
                item(
                    "shopee",
                    {
                        "name": "Shopee",
                        "shipping": "0",
                        "fees": [
                            item("f1", {"label": "ค่าธรรมเนียมการขาย", "percent": "10", "fixed": None}),
                            item("f2", {"label": "ค่าธรรมเนียมชำระเงิน", "percent": None, "fixed": "2"}),
                        ],
                    },
                ),
                item("line", {"name": "ร้านบน LINE", "shipping": "30", "fees": []}),
            ],
            "explanation": "คิดค่าธรรมเนียมทุกครั้ง",
        },
    }


def safe_form(key="form"):
    """Fields: name (safe), otp (not safe), pin (not safe)."""
    return {
        "type": "safe_form",
        "id": key,
        "value": {
            "title": "ฟอร์มรับรางวัล",
            "story": "มีข้อความบอกว่าคุณได้รางวัล",
            "form_heading": "ลงทะเบียนรับโทรศัพท์ฟรี",
            "fields": [
                item("name", {"label": "ชื่อเล่น", "safe": True, "explanation": "ชื่อเล่นไม่อันตราย"}),
                item("otp", {"label": "รหัส OTP", "safe": False, "explanation": "อย่าบอก OTP ใคร"}),
                item("pin", {"label": "รหัส ATM", "safe": False, "explanation": "ธนาคารไม่เคยถาม"}),
            ],
            "explanation": "ของฟรีที่ขอข้อมูลลับคือมิจฉาชีพ",
        },
    }


def make_practice(course, activities=None, slug=None, live=True, title="ฝึกปฏิบัติ"):
    """A lesson of ``course`` whose body is a paragraph followed by practice blocks (one of each kind by default)."""
    from lessons.models import LessonPage

    body = [{"type": "paragraph", "value": "<p>ลองทำดู</p>", "id": "intro"}]
    body += activities if activities is not None else [simulator(), spot_fake(), price(), safe_form()]
    page = LessonPage(title=title, slug=slug or f"{course.slug}-practice", locale=course.locale, body=body, live=live)
    course.add_child(instance=page)
    return page


@pytest.fixture
def course_practice(site):
    course, lessons = make_course(site["catalog"], slug="safety", lessons=1)
    practice = make_practice(course)
    return SimpleNamespace(course=course, lessons=lessons, practice=practice, url=practice.url)


@pytest.fixture
def learner(db):
    return UserFactory()


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client


def act_url(page, key, again=False):
    return f"/th/practice/{page.pk}/{key}/" + ("again/" if again else "")
