"""Factories shared by the test suite. Each app adds its own below its heading."""

import factory
from django.contrib.auth import get_user_model

from learners.models import Centre, Membership

DEFAULT_PASSWORD = "a-good-test-passw0rd"


class CentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Centre
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"CDC-T-{n:04d}")
    name_th = factory.Sequence(lambda n: f"ศูนย์ดิจิทัลชุมชนทดสอบ {n}")
    name_en = factory.Sequence(lambda n: f"Test Community Digital Centre {n}")
    kind = Centre.Kind.TEMPLE
    province = "เชียงใหม่"
    district = "เมืองเชียงใหม่"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"learner{n}")
    display_name = factory.Sequence(lambda n: f"สมหญิง ทดสอบ{n}")
    home_centre = factory.SubFactory(CentreFactory)
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def save_password(self, create, extracted, **kwargs):
        if create:
            self.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    centre = factory.SubFactory(CentreFactory)
    role = Membership.Role.LEARNER


# ---------------------------------------------------------------------------------------------------------
# quizzes: a course with lessons and a quiz built from real pages (no lessons factory needed)
# ---------------------------------------------------------------------------------------------------------
def quiz_question(kind="single", text="คำถาม", correct=("a",), options=("a", "b", "c"), lesson=None, key=None):
    """Raw StreamField data for one question; option ``k`` gets the item id ``<key>-<k>``."""
    import uuid

    key = key or str(uuid.uuid4())
    value = {"text": text, "explanation": f"คำอธิบาย: {text}", "lesson": lesson.pk if lesson else None}
    if kind == "truefalse":
        value["answer"] = "true" if "true" in correct else "false"
    else:
        value["options"] = [
            {
                "type": "item",
                "id": f"{key}-{opt}",
                "value": {"text": f"ตัวเลือก {opt} ของ {text}", "correct": opt in correct},
            }
            for opt in options
        ]
    return {"type": kind, "id": key, "value": value}


def quiz_questions(count=5, lesson=None):
    """``count`` questions cycling single / multiple / true-false, keys ``q1``, ``q2``, ..."""
    kinds = [("single", ("a",)), ("multiple", ("a", "c")), ("truefalse", ("false",))]
    return [
        quiz_question(kinds[i % 3][0], f"คำถามที่ {i + 1}", kinds[i % 3][1], lesson=lesson, key=f"q{i + 1}")
        for i in range(count)
    ]


def make_course(
    catalog,
    slug="quiz-course",
    lessons=1,
    title="หลักสูตรทดสอบ",
    *,
    summary="สรุป",
    lesson_title="บทเรียนที่ {n}",
    lesson_slug="{slug}-lesson-{n}",
    lesson_intro="",
    first=1,
):
    """A live course under ``catalog`` (in its language) with ``lessons`` live lessons.

    Lesson titles and slugs are ``lesson_title`` / ``lesson_slug`` formatted with ``title``, ``slug`` and the
    lesson number ``n`` (counting from ``first``). The one course builder of the suite: the helpers below
    (``build_course``, ``add_course``, ``make_course_with_lessons``) are this with other defaults.
    """
    from lessons.models import CoursePage, LessonPage

    course = catalog.add_child(instance=CoursePage(title=title, slug=slug, summary=summary, locale=catalog.locale))
    pages = [
        course.add_child(
            instance=LessonPage(
                title=lesson_title.format(title=title, slug=slug, n=n),
                slug=lesson_slug.format(title=title, slug=slug, n=n),
                intro=lesson_intro,
                locale=catalog.locale,
            )
        )
        for n in range(first, first + lessons)
    ]
    return course, pages


def make_course_with_lessons(catalog, slug="course", lessons=3, title="หลักสูตรทดสอบ"):
    """A course whose lessons read "<course title> บทที่ n" (the learners' and progress tests' course)."""
    return make_course(
        catalog,
        slug,
        lessons,
        title,
        summary="สรุปหลักสูตร",
        lesson_title="{title} บทที่ {n}",
        lesson_slug="{slug}-{n}",
        lesson_intro="บทนำ",
    )


def make_quiz(course, questions=None, count=5, pass_mark=70, required=True, live=True, slug=None, title="แบบทดสอบ"):
    """A quiz page at the end of ``course``; ``questions`` is raw StreamField data (default: ``quiz_questions``)."""
    from quizzes.models import QuizPage

    quiz = QuizPage(
        title=title,
        slug=slug or f"{course.slug}-quiz",
        locale=course.locale,
        intro="ตอบคำถามให้ถูก",
        pass_mark=pass_mark,
        required=required,
        questions=questions if questions is not None else quiz_questions(count),
        live=live,
    )
    course.add_child(instance=quiz)
    return quiz


def translate_page(page, language="en", **fields):
    """A published translation of ``page`` (parents must be translated) with ``fields`` set."""
    from wagtail.models import Locale

    locale, _ = Locale.objects.get_or_create(language_code=language)
    translation = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation


def translate(page, language="en", title=None):
    """A published translation of ``page`` titled ``title`` (default: the source title and the language)."""
    return translate_page(page, language, title=title or f"{page.title} ({language})")


# ---------------------------------------------------------------------------------------------------------
# lessons: lesson pages with content, and the real demo courses (Thai with English made by wagtail-localize)
# ---------------------------------------------------------------------------------------------------------
def make_lesson(course, slug, title=None, minutes=5, body=None, intro="", live=True):
    """A Thai lesson at the end of ``course``; ``body`` is raw StreamField data (default: one paragraph)."""
    from lessons.models import LessonPage

    lesson = LessonPage(
        title=title or slug,
        slug=slug,
        locale=course.locale,
        intro=intro,
        minutes=minutes,
        body=body if body is not None else [{"type": "paragraph", "value": f"<p>เนื้อหาของ {title or slug}</p>"}],
        live=live,
    )
    course.add_child(instance=lesson)
    return lesson


def steps_block(title, steps):
    """A lesson body's steps block; ``steps`` maps a step's key to its ``(title, text)``."""
    steps = [item(key, {"title": name, "text": text}) for key, (name, text) in steps.items()]
    return {"type": "steps", "value": {"title": title, "steps": steps}}


def make_image(title="test-image.png", width=1200, height=800):
    """A real PNG image in the Wagtail image library."""
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (11, 94, 138)).save(buffer, "PNG")
    buffer.seek(0)
    image = get_image_model()(title=title, file=ImageFile(buffer, name=title))
    image._set_image_file_metadata()
    image.save()
    return image


def site_pages():
    """The Thai home page and catalogue of the site skeleton (``django_db_setup`` builds it; see ``site``)."""
    from wagtail.models import Locale

    from lessons.models import CatalogPage, HomePage

    thai = Locale.objects.get(language_code="th")
    home = HomePage.objects.get(locale=thai, depth=2)
    return {"home": home, "catalog": CatalogPage.objects.child_of(home).get(locale=thai)}


def load_demo_course(catalog, slug="online-selling"):
    """One demo course from lessons/demo/courses/<slug>.json: Thai pages and their English translations."""
    from lessons.demo import ensure_locales
    from lessons.demo.courses import course_data, ensure_topics, load_course

    thai, english = ensure_locales()
    data = next(data for data in course_data() if data["slug"] == slug)
    return load_course(data, catalog, ensure_topics(thai, english), english)


# ---------------------------------------------------------------------------------------------------------
# certificates: a course with its certificate setting and English title; completing it
# ---------------------------------------------------------------------------------------------------------
COURSE_TH = "ขายของออนไลน์อย่างปลอดภัยสำหรับร้านค้าชุมชน"
COURSE_EN = "Selling Online Safely for Community Shops"


def build_course(catalog, slug="safe-selling", title=COURSE_TH, title_en=COURSE_EN, lessons=2, auto_issue=True):
    """A live Thai course with an English translation, ``lessons`` live lessons and its certificate setting."""
    from certificates.models import CourseCertificateSettings

    course, pages = make_course(catalog, slug, lessons, title, lesson_slug="{slug}-{n}")
    CourseCertificateSettings.objects.create(course=course, auto_issue=auto_issue)
    translate_page(course, "en", title=title_en)
    return course, pages


def complete(user, lessons):
    """``user`` marks every lesson of ``lessons`` done, as the lesson page's button does."""
    from lessons.services import mark_done

    for lesson in lessons:
        mark_done(user, lesson)


def grant_admin_access(user):
    """Centre staff and trainers work in the Wagtail admin: they hold ``wagtailadmin.access_admin``."""
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    return user


def make_staff(centre, username):
    """A centre staff member: a staff membership and the "Centre staff" group (from migrations)."""
    from django.contrib.auth.models import Group

    user = UserFactory(username=username, home_centre=centre, display_name=f"เจ้าหน้าที่ {username}")
    user.groups.add(Group.objects.get(name="Centre staff"))
    MembershipFactory(user=user, centre=centre, role=Membership.Role.STAFF)
    return user


# ---------------------------------------------------------------------------------------------------------
# reports: courses, enrolments and progress back-dated to chosen moments
# ---------------------------------------------------------------------------------------------------------
def aware(year, month, day):
    """10:00 on that day in the project's time zone."""
    import datetime

    from django.utils import timezone

    return timezone.make_aware(datetime.datetime(year, month, day, 10, 0))


def add_course(catalog, title, slug, lessons=3):
    """A course with lessons "<title> 0", "<title> 1", ... (the reports tests' course)."""
    return make_course(
        catalog, slug, lessons, title, summary=title, lesson_title="{title} {n}", lesson_slug="{slug}-{n}", first=0
    )


def enrol(user, course, started, completed=None, visited=None):
    """An enrolment started (and maybe completed) at the given moments."""
    from lessons.models import Enrolment

    enrolment = Enrolment.objects.create(user=user, course=course)
    Enrolment.objects.filter(pk=enrolment.pk).update(
        started_at=started, completed_at=completed, last_visited_at=visited or started
    )
    return enrolment


def progress(user, course, lessons, done_at):
    """``lessons`` of ``course`` done by ``user`` at ``done_at``."""
    from lessons.models import LessonProgress

    for lesson in lessons:
        row = LessonProgress.objects.create(user=user, lesson=lesson, course=course)
        LessonProgress.objects.filter(pk=row.pk).update(started_at=done_at, completed_at=done_at)


# ---------------------------------------------------------------------------------------------------------
# practice: one block of each kind (with fixed keys) in a lesson
# ---------------------------------------------------------------------------------------------------------
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
    body = [{"type": "paragraph", "value": "<p>ลองทำดู</p>", "id": "intro"}]
    body += activities if activities is not None else [simulator(), spot_fake(), price(), safe_form()]
    return make_lesson(course, slug or f"{course.slug}-practice", title=title, body=body, live=live)
