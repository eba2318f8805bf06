"""Where media files and image renditions live: local disk by default, S3-compatible object storage when set."""


def media_storage(environ):
    """The ``STORAGES["default"]`` entry: django-storages' S3 backend when ``AWS_STORAGE_BUCKET_NAME`` is set.

    ``S3_ENDPOINT_URL`` points at a non-AWS server (MinIO, Ceph, moto); credentials come from
    ``AWS_ACCESS_KEY_ID`` / ``AWS_SECRET_ACCESS_KEY``, which boto3 reads from the environment itself.
    """
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": environ.get("S3_ENDPOINT_URL") or None,
            "region_name": environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            # Image URLs go into pages that are cached: plain URLs of a public-read bucket (or a CDN), not
            # signed ones that expire; Wagtail documents still go through the app for their privacy rules.
            "querystring_auth": False,
            "default_acl": environ.get("AWS_DEFAULT_ACL") or None,  # "public-read" unless the bucket policy is
            "file_overwrite": False,
        },
    }


def media_origin(environ):
    """The origin media URLs point at when they live on S3, for the pages' ``img-src``; None on local disk.

    A CDN (``AWS_S3_CUSTOM_DOMAIN``), else the S3-compatible server (``S3_ENDPOINT_URL``), else AWS itself."""
    if not environ.get("AWS_STORAGE_BUCKET_NAME", "").strip():
        return None
    if domain := environ.get("AWS_S3_CUSTOM_DOMAIN"):
        return f"https://{domain}"
    if endpoint := environ.get("S3_ENDPOINT_URL"):
        scheme, _, rest = endpoint.partition("://")
        return f"{scheme}://{rest.split('/', 1)[0]}"
    return "https://*.amazonaws.com"
