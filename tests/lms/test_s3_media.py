"""Media on S3-compatible object storage (django-storages) against moto's S3 server on loopback.

The storage entry comes from the same function the settings use (``lms.settings.storage.media_storage``).
An image uploaded through Wagtail's admin lands in the bucket, the lesson page's renditions are made there, and
the page's image URLs serve the rendition bytes from the S3 server."""

import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.conf import settings
from django.test import override_settings

from lms.settings.storage import media_storage
from tests.factories import UserFactory, make_course, make_lesson

BUCKET = "lms-media"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_server():
    pytest.importorskip("moto.server")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("moto's S3 server did not start") from None
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.fixture
def s3_media(s3_server, monkeypatch):
    import boto3

    for name, value in {"AWS_ACCESS_KEY_ID": "cluster", "AWS_SECRET_ACCESS_KEY": "cluster-secret"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    client = boto3.client("s3", endpoint_url=s3_server)
    client.create_bucket(Bucket=BUCKET)
    storage = media_storage(
        {"AWS_STORAGE_BUCKET_NAME": BUCKET, "S3_ENDPOINT_URL": s3_server, "AWS_DEFAULT_ACL": "public-read"}
    )
    with override_settings(STORAGES={**settings.STORAGES, "default": storage}):
        yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def _png(width=900, height=600):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (11, 94, 138)).save(buffer, "PNG")
    return buffer.getvalue()


def test_local_disk_stays_the_default_without_a_bucket():
    assert media_storage({})["BACKEND"] == "django.core.files.storage.FileSystemStorage"


def test_image_uploaded_in_wagtail_and_its_renditions_are_served_from_s3(client, site, s3_media, s3_server):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.images import get_image_model

    admin = UserFactory(username="s3-admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    upload = SimpleUploadedFile("ตลาด.png", _png(), content_type="image/png")
    response = client.post("/admin/images/add/", {"title": "ตลาดชุมชน", "file": upload})
    assert response.status_code == 302, response.content[:500]
    image = get_image_model().objects.get(title="ตลาดชุมชน")
    keys = {item["Key"] for item in s3_media.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert image.file.name in keys and image.file.name.startswith("original_images/")

    course, _lessons = make_course(site["catalog"], slug="s3-course", lessons=0)
    lesson = make_lesson(
        course, "s3-lesson", body=[{"type": "image", "value": {"image": image.pk, "alt": "ตลาด", "caption": ""}}]
    )
    html = client.get(lesson.url).content.decode()
    urls = re.findall(rf"({re.escape(s3_server)}/{BUCKET}/images/[^\s\"']+)", html)
    assert urls, "the lesson page shows no image URL on the S3 server"
    with urllib.request.urlopen(urls[0], timeout=10) as response:
        body = response.read()
    assert body[:4] == b"RIFF" and body[8:12] == b"WEBP"  # the webp rendition, from the bucket
    rendition_keys = {item["Key"] for item in s3_media.list_objects_v2(Bucket=BUCKET)["Contents"]} - keys
    assert urls[0].split(f"/{BUCKET}/", 1)[1] in rendition_keys


def test_pages_may_show_images_from_the_bucket_server_and_only_then():
    from lms.settings.storage import media_origin

    assert media_origin({}) is None
    bucket = {"AWS_STORAGE_BUCKET_NAME": BUCKET}
    assert media_origin({**bucket, "S3_ENDPOINT_URL": "http://127.0.0.1:9000/"}) == "http://127.0.0.1:9000"
    assert media_origin({**bucket, "AWS_S3_CUSTOM_DOMAIN": "media.example.go.th"}) == "https://media.example.go.th"
    assert media_origin(bucket) == "https://*.amazonaws.com"
