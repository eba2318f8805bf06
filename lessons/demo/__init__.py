"""Demo site: the Thai home page with its English translation, the catalogue and the demo courses.

English versions are made through wagtail-localize (see ``translation.py``), so trainers can edit them in the
admin's translation editor.
"""

from django.utils.translation import override
from wagtail.models import Collection, Locale, Page, Site

from lessons.models import CatalogPage, HomePage

from .courses import course_data, ensure_topics, load_course
from .translation import translate


def ensure_locales():
    thai, _ = Locale.objects.get_or_create(language_code="th")
    english, _ = Locale.objects.get_or_create(language_code="en")
    return thai, english


def ensure_site():
    """The Thai home page as the default site root, with an English translation and catalogues."""
    thai, english = ensure_locales()
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=thai))
    if root.locale_id != thai.pk:
        Page.objects.filter(depth=1).update(locale=thai)
        root.refresh_from_db()
    home = HomePage.objects.filter(locale=thai).first()
    if home is None:
        # Wagtail's welcome page takes the "home" slug; the demo replaces it.
        for welcome in Page.objects.filter(depth=2, content_type__model="page"):
            welcome.delete()
    if home is None:
        home = root.add_child(
            instance=HomePage(
                title="ศูนย์ดิจิทัลชุมชน",
                slug="home",
                locale=thai,
                intro="<p>เรียนทักษะดิจิทัลสำหรับชีวิตประจำวันและการสร้างรายได้ ฟรี ทีละบทสั้น ๆ บนมือถือ</p>",
            )
        )
    Site.objects.exclude(root_page=home).filter(is_default_site=True).delete()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "ศูนย์ดิจิทัลชุมชน"},
    )
    translate(
        home,
        english,
        HomePage(
            title="Community Digital Centre",
            slug="home-en",
            intro="<p>Learn digital skills for daily life and income. Free, in short lessons, on your phone.</p>",
        ),
    )
    catalog = CatalogPage.objects.child_of(home).first()
    if catalog is None:
        catalog = home.add_child(
            instance=CatalogPage(title="หลักสูตรทั้งหมด", slug="courses", locale=thai, intro="<p>เลือกหลักสูตรที่อยากเรียน</p>")
        )
    with override("en"):
        translate(
            catalog, english, CatalogPage(title="All courses", slug="courses", intro="<p>Choose a course to learn.</p>")
        )
    return home, catalog


def load(stdout):
    home, catalog = ensure_site()
    stdout.write(f"Site: {home.title} / {catalog.title}")
    thai, english = ensure_locales()
    topics = ensure_topics(thai, english)
    for data in course_data():
        course = load_course(data, catalog, topics, english)
        stdout.write(f"  Course: {course.title} ({len(data['lessons'])} lessons, th + en)")
