"""Demo centres and accounts. Passwords are for the local demo only."""

from django.contrib.auth.models import Group

from .models import Centre, Membership, User

DEMO_CENTRES = [
    (
        "CDC-CMI-001",
        "ศูนย์ดิจิทัลชุมชนวัดพระสิงห์",
        "Wat Phra Singh Community Digital Centre",
        "temple",
        "เชียงใหม่",
        "เมืองเชียงใหม่",
    ),
    (
        "CDC-PTN-001",
        "ศูนย์ดิจิทัลชุมชนมัสยิดกลางปัตตานี",
        "Pattani Central Mosque Community Digital Centre",
        "mosque",
        "ปัตตานี",
        "เมืองปัตตานี",
    ),
    (
        "CDC-KKN-001",
        "ศูนย์ดิจิทัลชุมชนโรงเรียนบ้านโนนทัน",
        "Ban Non Than School Community Digital Centre",
        "school",
        "ขอนแก่น",
        "เมืองขอนแก่น",
    ),
    (
        "CDC-NST-001",
        "ศูนย์ดิจิทัลชุมชนสหกรณ์การเกษตรท่าศาลา",
        "Tha Sala Agricultural Co-op Community Digital Centre",
        "coop",
        "นครศรีธรรมราช",
        "ท่าศาลา",
    ),
    (
        "CDC-BKK-001",
        "ศูนย์ดิจิทัลชุมชนห้องสมุดประชาชนบางกอกน้อย",
        "Bangkok Noi Public Library Community Digital Centre",
        "library",
        "กรุงเทพมหานคร",
        "บางกอกน้อย",
    ),
    (
        "CDC-UBN-001",
        "ศูนย์ดิจิทัลชุมชนศาลาประชาคมบ้านหนองบัว",
        "Ban Nong Bua Village Hall Community Digital Centre",
        "village_hall",
        "อุบลราชธานี",
        "วารินชำราบ",
    ),
    (
        "CDC-NAN-001",
        "ศูนย์ดิจิทัลชุมชนค่ายสุริยพงษ์",
        "Suriyaphong Camp Community Digital Centre",
        "army_camp",
        "น่าน",
        "เมืองน่าน",
    ),
    (
        "CDC-SNI-001",
        "ศูนย์ดิจิทัลชุมชนองค์การบริหารส่วนตำบลเกาะพะงัน",
        "Ko Pha-ngan Subdistrict Administration Community Digital Centre",
        "local_government",
        "สุราษฎร์ธานี",
        "เกาะพะงัน",
    ),
]

# (username, password, display name, role, group, is_superuser)
DEMO_ACCOUNTS = [
    ("admin", "demo-admin-2569", "ผู้ดูแลระบบ", Membership.Role.STAFF, None, True),
    ("staff", "demo-staff-2569", "สมศรี ใจดี", Membership.Role.STAFF, "Centre staff", False),
    ("trainer", "demo-trainer-2569", "ครูสมชาย รักเรียน", Membership.Role.TRAINER, "Trainers", False),
    ("learner", "demo-learner-2569", "นางบุญมี ทองดี", Membership.Role.LEARNER, None, False),
]


def load(stdout):
    for code, name_th, name_en, kind, province, district in DEMO_CENTRES:
        Centre.objects.update_or_create(
            code=code,
            defaults={"name_th": name_th, "name_en": name_en, "kind": kind, "province": province, "district": district},
        )
    home = Centre.objects.get(code=DEMO_CENTRES[0][0])
    stdout.write("Demo logins (username / password):")
    for username, password, display_name, role, group_name, is_superuser in DEMO_ACCOUNTS:
        user, _ = User.objects.get_or_create(username=username)
        user.display_name = display_name
        user.home_centre = home
        user.is_staff = is_superuser or group_name is not None
        user.is_superuser = is_superuser
        user.set_password(password)
        user.save()
        Membership.objects.get_or_create(user=user, centre=home, role=role)
        if group_name:
            group = Group.objects.filter(name=group_name).first()
            if group:
                user.groups.add(group)
        stdout.write(f"  {role:8} {username} / {password}")
