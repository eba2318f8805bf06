"""StreamField blocks a trainer can use in a lesson."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt = blocks.CharBlock(
        label=_("Alt text"), max_length=250, help_text=_("Describe the picture for people who cannot see it.")
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Video link"))
    transcript = blocks.TextBlock(
        label=_("Transcript"), help_text=_("What is said and shown, for people who cannot play the video.")
    )
    low_data_note = blocks.CharBlock(
        label=_("Low-data note"),
        required=False,
        max_length=250,
        help_text=_("E.g. length and size: 3 minutes, about 20 MB."),
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video_block.html"


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Step"), max_length=200)
    text = blocks.RichTextBlock(label=_("Details"), features=RICH_TEXT_FEATURES, required=False)
    image = ImageChooserBlock(label=_("Screenshot"), required=False)
    image_alt = blocks.CharBlock(label=_("Screenshot alt text"), required=False, max_length=250)


class StepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    steps = blocks.ListBlock(StepBlock(), label=_("Steps"), min_num=1)

    class Meta:
        icon = "list-ol"
        label = _("Step-by-step instructions")
        template = "blocks/steps_block.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("tip", _("Tip")), ("warning", _("Warning")), ("safety", _("Safety"))], default="tip", label=_("Kind")
    )
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "blocks/callout_block.html"


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    items = blocks.ListBlock(blocks.CharBlock(max_length=300), label=_("Items"), min_num=1)

    class Meta:
        icon = "tasks"
        label = _("Checklist")
        template = "blocks/checklist_block.html"


class HandoutBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        label = _("Handout")
        template = "blocks/handout_block.html"


class ActivityBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    instructions = blocks.RichTextBlock(label=_("Instructions"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "pick"
        label = _("Try it yourself")
        template = "blocks/activity_block.html"


class LessonStreamBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=200, template="blocks/heading_block.html", icon="title")
    paragraph = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES, icon="pilcrow")
    image = ImageBlock()
    video = VideoBlock()
    steps = StepsBlock()
    callout = CalloutBlock()
    checklist = ChecklistBlock()
    handout = HandoutBlock()
    activity = ActivityBlock()
