"""The lesson body field: lessons' own blocks plus the blocks higher apps contribute (``hooks.LESSON_BODY_BLOCKS``)."""

from django.apps import apps
from django.utils.functional import cached_property
from wagtail.fields import StreamField

from . import hooks


class LessonBodyField(StreamField):
    """A StreamField whose block list is completed from the ``LESSON_BODY_BLOCKS`` hook when first used.

    Wagtail builds a StreamField's block lazily (``stream_block``), so the hook is read after every app's
    ``wagtail_hooks`` can be imported. Migrations see only lessons' own blocks (``deconstruct``) and refer to
    the plain ``wagtail.fields.StreamField``: adding or changing a contributed block never changes lessons'
    migrations, and lessons' migrations import nothing from a higher app.
    """

    def __init__(self, block_class, **kwargs):
        self.own_block_class = block_class
        super().__init__(block_class, **kwargs)

    @cached_property
    def own_stream_block(self):
        block = self.own_block_class()
        block.set_meta_options(self.block_opts)
        return block

    @cached_property
    def stream_block(self):
        if not apps.ready:  # too early for the hooks: a block list without the contributed blocks, not cached
            raise RuntimeError("LessonPage.body was used before the app registry was ready")
        contributed = [
            (name, block)
            for name, block in hooks.contributed_body_blocks()
            if name not in self.own_block_class.base_blocks
        ]
        block = self.own_block_class(contributed)
        block.set_meta_options(self.block_opts)
        return block

    def deconstruct(self):
        own = self.__dict__.pop("stream_block", None)
        self.__dict__["stream_block"] = self.own_stream_block
        try:
            name, _path, args, kwargs = super().deconstruct()
        finally:
            if own is not None:
                self.__dict__["stream_block"] = own
            else:
                del self.__dict__["stream_block"]
        return name, "wagtail.fields.StreamField", args, kwargs

    def clone(self):
        kwargs = self.deconstruct()[3]
        kwargs.pop("block_lookup", None)
        return self.__class__(self.own_block_class, **kwargs)
