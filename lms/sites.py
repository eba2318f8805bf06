"""The Wagtail site of a request and its root page in every language, from the cache.

Wagtail finds the ``Site`` (one query), the root page's specific object (one), the active ``Locale`` (one)
and the root's translation (one more outside Thai) on every page view. They change only when an editor
saves or publishes a page, a site or a locale, so they are cached under a version that those saves replace
(``invalidate``): after any such change the next request reads them afresh.
"""

import uuid

from django.core.cache import cache
from django.http.request import split_domain_port
from wagtail.models import Locale, Page, Site

VERSION_KEY = "lms:sites:version"
TIMEOUT = 60 * 60


def invalidate(**kwargs):
    """Signal receiver: forget every cached site (a page, site or locale changed)."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def _version():
    cache.add(VERSION_KEY, uuid.uuid4().hex, None)
    return cache.get(VERSION_KEY) or "none"


def _load(hostname, port):
    """The request's site with ``root_page`` specific and ``root_page.live_translations`` ({code: page})."""
    try:
        from wagtail.models.sites import get_site_for_hostname

        site = get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None
    locales = {locale.pk: locale for locale in Locale.objects.all()}
    root = Page.objects.get(pk=site.root_page_id).specific
    translations = list(Page.objects.live().filter(translation_key=root.translation_key).exclude(pk=root.pk).specific())
    for page in [root, *translations]:
        page.locale = locales[page.locale_id]
    root.live_translations = {page.locale.language_code: page for page in translations}
    if root.live:
        root.live_translations[root.locale.language_code] = root
    site.root_page = root
    return site


def connect():
    """Invalidate on every save or delete of a page, site or locale, and on publish, unpublish and move."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    def on_model_change(sender, **kwargs):
        if issubclass(sender, (Page, Site, Locale)):
            invalidate()

    post_save.connect(on_model_change, dispatch_uid="lms.sites.save", weak=False)
    post_delete.connect(on_model_change, dispatch_uid="lms.sites.delete", weak=False)
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(invalidate, dispatch_uid=f"lms.sites.{id(signal)}", weak=False)


def site_for_request(request):
    """``Site.find_for_request`` answered from the cache (None when no site matches, as Wagtail)."""
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    key = f"lms:sites:{_version()}:{hostname}:{port}"
    cached = cache.get(key)
    if cached is None:
        cached = (_load(hostname, port),)
        cache.set(key, cached, TIMEOUT)
    return cached[0]
