import io

import pytest
from django.core.management import CommandError, call_command
from django.utils.translation import override

from learners.centres import CentreImportError, import_centres, search_centres
from learners.models import Centre
from tests.factories import CentreFactory

HEADER = "code,name_th,name_en,type,province,district\n"


def write(tmp_path, text, bom=False, name="centres.csv"):
    path = tmp_path / name
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


@pytest.mark.parametrize("bom", [False, True])
def test_import_loads_new_centres_and_updates_existing_by_code(db, tmp_path, bom):
    CentreFactory(code="CDC-X-1", name_th="ชื่อเก่า", province="ลำปาง")
    path = write(
        tmp_path,
        HEADER + "CDC-X-1,ศูนย์ใหม่,New name,temple,ลำพูน,เมืองลำพูน\nCDC-X-2,ศูนย์ดิจิทัลชุมชนมัสยิด,,mosque,ยะลา,เมืองยะลา\n",
        bom=bom,
    )
    out = io.StringIO()
    with override("en"):
        call_command("import_centres", str(path), stdout=out)
    assert "1 created, 1 updated, 0 unchanged" in out.getvalue()
    updated = Centre.objects.get(code="CDC-X-1")
    assert (updated.name_th, updated.name_en, updated.kind, updated.province) == (
        "ศูนย์ใหม่",
        "New name",
        "temple",
        "ลำพูน",
    )
    assert Centre.objects.get(code="CDC-X-2").kind == "mosque"


def test_import_with_one_bad_row_reports_line_numbers_and_changes_nothing(db, tmp_path):
    CentreFactory(code="CDC-X-1", name_th="ชื่อเดิม")
    path = write(
        tmp_path,
        HEADER
        + "CDC-X-1,เปลี่ยนแล้ว,,temple,เชียงราย,\n"  # line 2: fine
        + "CDC-X-3,,,temple,เชียงราย,\n"  # line 3: no Thai name
        + "CDC-X-4,ศูนย์,,castle,เชียงราย,\n"  # line 4: unknown type
        + "CDC-X-5,ศูนย์,,school,,\n"  # line 5: no province
        + "CDC-X-1,ซ้ำ,,school,ตาก,\n",  # line 6: code twice
    )
    err = io.StringIO()
    with override("en"), pytest.raises(CommandError, match="4 error.*nothing was changed"):
        call_command("import_centres", str(path), stderr=err)
    report = err.getvalue()
    for line in ("line 2:", "line 3:", "line 4:", "line 5:", "line 6:"):
        present = line in report
        assert present == (line != "line 2:"), (line, report)
    assert Centre.objects.get(code="CDC-X-1").name_th == "ชื่อเดิม"
    assert not Centre.objects.filter(code__in=["CDC-X-3", "CDC-X-4", "CDC-X-5"]).exists()


def test_import_rejects_missing_columns_and_non_utf8(db, tmp_path):
    with pytest.raises(CommandError):
        call_command("import_centres", str(write(tmp_path, "code,name_th\nA,B\n")))
    bad = tmp_path / "tis620.csv"
    bad.write_bytes((HEADER + "CDC-1,ศูนย์,,temple,ตาก,\n").encode("tis-620"))
    with pytest.raises(CommandError):
        call_command("import_centres", str(bad))
    assert Centre.objects.count() == 0


def test_import_overlong_value_is_reported_not_truncated(db):
    with pytest.raises(CentreImportError) as caught:
        import_centres((HEADER + f"CDC-1,{'ก' * 201},,temple,ตาก,\n").encode())
    assert caught.value.errors[0][0] == 2 and "name_th" in caught.value.errors[0][1]
    assert Centre.objects.count() == 0


def all_centres_csv(n=2281):
    provinces = ["เชียงใหม่", "ขอนแก่น", "ปัตตานี", "สงขลา", "น่าน", "ตาก", "ชลบุรี"]
    kinds = [k for k, _ in Centre.Kind.choices]
    rows = [
        f"CDC-{i:05d},ศูนย์ดิจิทัลชุมชนบ้าน{i},Ban {i} CDC,{kinds[i % len(kinds)]},"
        f"{provinces[i % len(provinces)]},อำเภอ{i % 50}"
        for i in range(n)
    ]
    return (HEADER + "\n".join(rows) + "\n").encode()


def test_all_2281_centres_import_and_a_second_run_changes_nothing(db):
    assert import_centres(all_centres_csv()) == {"created": 2281, "updated": 0, "unchanged": 0}
    assert import_centres(all_centres_csv()) == {"created": 0, "updated": 0, "unchanged": 2281}
    assert Centre.objects.count() == 2281


def test_centre_search_matches_name_or_province_and_is_capped(db):
    import_centres(all_centres_csv(200))
    found, more = search_centres("ขอนแก่น")
    assert len(found) == 20 and more
    assert all(c.province == "ขอนแก่น" for c in found)
    found, more = search_centres("บ้าน17 สงขลา")
    assert "CDC-00017" in {c.code for c in found} and all(c.province == "สงขลา" for c in found)
    assert search_centres("") == ([], False)
    assert search_centres("ไม่มีศูนย์นี้") == ([], False)


def test_centre_is_managed_in_the_wagtail_admin_with_search_and_filters(client, db):
    from learners.models import User

    admin = User.objects.create_superuser("boss", password="x-very-long-pass")
    client.force_login(admin)
    CentreFactory(code="CDC-A", name_th="ศูนย์วัดป่า", province="ลำปาง")
    CentreFactory(code="CDC-B", name_th="ศูนย์โรงเรียน", province="ตรัง", kind="school")
    listing = client.get("/admin/snippets/learners/centre/", {"q": "ลำปาง"})
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "ศูนย์วัดป่า" in html and "ศูนย์โรงเรียน" not in html
    filtered = client.get("/admin/snippets/learners/centre/", {"kind": "school"}).content.decode()
    assert "ศูนย์โรงเรียน" in filtered and "ศูนย์วัดป่า" not in filtered
