"""Translate demo content through wagtail-localize, as a trainer would in the admin.

The translated text is stored as wagtail-localize ``StringTranslation`` rows against the source's segments,
and wagtail-localize writes the translated page or snippet from them. So the translation opens in the admin's
translation editor (StreamField blocks included), exactly as if a trainer had typed it there.
"""

from collections import defaultdict

from wagtail.models import DraftStateMixin
from wagtail_localize.models import String, StringTranslation, Translation, TranslationContext, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments


class DemoDataError(ValueError):
    """The Thai and English versions of a demo text do not line up."""


def _strings_by_path(instance):
    strings = defaultdict(list)
    for segment in extract_segments(instance):
        if isinstance(segment, StringSegmentValue):
            strings[segment.path].append(segment.string)
    return strings


def translate(source_instance, locale, translated_instance, force=False):
    """Create or update the ``locale`` translation of ``source_instance`` (saved) from ``translated_instance``.

    ``translated_instance`` is an unsaved instance of the same model holding the translated text in the same
    structure (same StreamField block ids, same number of paragraphs and list items). Pages are published.
    Pass ``force=True`` when the source changed. Returns the translated instance; leaves it alone when its
    strings are unchanged and ``force`` is false.
    """
    source, _ = TranslationSource.update_or_create_from_instance(source_instance)
    source_strings = _strings_by_path(source_instance)
    translated_strings = _strings_by_path(translated_instance)
    contexts = {context.path: context for context in TranslationContext.objects.filter(object_id=source.object_id)}
    strings_changed = False
    for path, values in source_strings.items():
        targets = translated_strings.get(path, [])
        if len(targets) != len(values):
            raise DemoDataError(
                f"{source_instance!r} {path}: {len(values)} source strings but {len(targets)} translated ones"
            )
        for value, target in zip(values, targets, strict=True):
            string = String.from_value(source.locale, value)
            existing = StringTranslation.objects.filter(
                translation_of=string, locale=locale, context=contexts[path]
            ).first()
            if existing is None:
                StringTranslation.objects.create(
                    translation_of=string,
                    locale=locale,
                    context=contexts[path],
                    data=target.data,
                    translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
                )
                strings_changed = True
            elif existing.data != target.data:
                existing.data = target.data
                existing.has_error = False
                existing.save()
                strings_changed = True
    Translation.objects.get_or_create(source=source, target_locale=locale)
    target = (
        type(source_instance).objects.filter(translation_key=source_instance.translation_key, locale=locale).first()
    )
    up_to_date = target is not None and (not isinstance(target, DraftStateMixin) or target.live)
    if up_to_date and not (force or strings_changed):
        return target
    is_page_like = isinstance(source_instance, DraftStateMixin)
    target, _ = source.create_or_update_translation(locale, publish=not is_page_like, fallback=False)
    if is_page_like:
        target.get_latest_revision().publish()
        target.refresh_from_db()
    return target
