import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args, env=None):
    full_env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(("prefix", "lang"), [("/th/", "th"), ("/en/", "en")])
def test_home_page_in_each_language_has_the_right_lang_attribute(client, site, prefix, lang):
    response = client.get(prefix)
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.content.decode()


def test_thai_home_shows_thai_ui_and_english_home_shows_english_ui(client, site):
    thai = client.get("/th/").content.decode()
    english = client.get("/en/").content.decode()
    assert "เข้าสู่ระบบ" in thai and "ข้ามไปยังเนื้อหา" in thai
    assert "Sign in" in english and "Skip to content" in english


def test_root_redirects_to_thai_by_default(client, site):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/th/"


def test_language_switcher_links_to_the_translation_of_the_same_page(client, site):
    html = client.get("/th/courses/").content.decode()
    assert 'href="/en/courses/" hreflang="en"' in html
    html = client.get("/en/courses/").content.decode()
    assert 'href="/th/courses/" hreflang="th"' in html


def test_base_template_sends_csrf_token_with_htmx_and_ships_local_assets(client, site):
    html = client.get("/th/").content.decode()
    assert "hx-headers" in html and "X-CSRFToken" in html
    assert "/static/js/htmx.min.js" in html
    assert "/static/css/site.css" in html
    assert "https://" not in html.split("<body")[0]  # no CDN in <head>


def test_admin_login_is_reachable(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="username"' in html and 'name="password"' in html


def test_unknown_page_is_a_translated_404(client, site):
    response = client.get("/th/no-such-page/")
    assert response.status_code == 404
    assert "ไม่พบหน้านี้" in response.content.decode()


def test_no_missing_migrations(db):
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    from certificates.badges.keys import generate_key_file

    env = {
        "BADGES_SIGNING_KEY_FILE": str(generate_key_file(tmp_path)),  # production must be given a badge key
        "DJANGO_SETTINGS_MODULE": "lms.settings.production",
        "SECRET_KEY": "x" * 20 + "production-secret-for-the-deploy-check-only-0123456789",
        "ALLOWED_HOSTS": "cdc.example.org",
        "CSRF_TRUSTED_ORIGINS": "https://cdc.example.org",
        "DATABASE_URL": "sqlite:///tmp/deploy-check.sqlite3",
    }
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
    del env["BADGES_SIGNING_KEY_FILE"]
    env["BADGES_KEY_DIR"] = str(tmp_path / "empty")
    assert "certificates.E101" in _manage("check", "--deploy", env=env).stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {"DJANGO_SETTINGS_MODULE": "lms.settings.production", "SECRET_KEY": "", "DATABASE_URL": ""}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://u:p@localhost/x", "DATABASE_URL must start with postgres://"),
        ("postgres://localhost", "names no database"),
    ],
)
def test_bad_database_url_fails_fast_with_a_clear_message(url, message):
    result = _manage("check", env={"DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "lms.settings.dev"})
    assert result.returncode != 0
    last_lines = result.stderr.strip().splitlines()[-1]
    assert message in last_lines


def test_admin_404_is_not_redirected_into_the_site(admin_client):
    response = admin_client.get("/admin/no-such-admin-page/")
    assert response.status_code == 404


def test_load_demo_finds_each_apps_demo_module_lower_apps_first():
    from lms.management.commands.load_demo import demo_modules

    names = [module.__name__ for module in demo_modules()]
    assert names == ["learners.demo", "lessons.demo", "quizzes.demo", "practice.demo", "certificates.demo"]
