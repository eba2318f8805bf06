"""Practice blocks a trainer adds to a lesson's body: safe simulations with nothing real at stake.

They reach ``LessonPage.body`` through the lessons seam ``LESSON_BODY_BLOCKS`` (``lesson_blocks``, registered in
``wagtail_hooks.py``). Keys survive translation: an activity's key is its StreamField block id, and a step,
choice, item, reason, field or marketplace key is its ListBlock item id. wagtail-localize keeps every id when it
translates a page, so a learner can switch language in the middle of an activity. Structure that decides grading
(outcomes, "go to step", fake or real, fees) is not text, so wagtail-localize copies it from the source page.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from lessons.answers import AnswerBlock

OUTCOMES = [("safe", _("Safe choice")), ("risky", _("Risky choice")), ("neutral", _("Neither safe nor risky"))]


class PracticeBlock(blocks.StructBlock):
    """A practice activity in a lesson: a title, then the fields of its kind. Rendered with the reader's state
    (``services.block_state``), found by the block id the lesson template passes as ``block_id``.

    Not in the search index (``search_index=False``, honoured by ``lessons.search``): a search excerpt must not
    show a consequence or an explanation before the learner chooses.
    """

    title = blocks.CharBlock(label=_("Title"), max_length=150)

    def __init__(self, local_blocks=None, search_index=False, **kwargs):
        super().__init__(local_blocks, search_index=search_index, **kwargs)

    def get_context(self, value, parent_context=None):
        from .services import block_state  # services imports the lessons models, which build this block

        context = super().get_context(value, parent_context=parent_context)
        request, page = context.get("request"), context.get("page")
        block_id = context.get("block_id")
        context["state"] = block_state(request, page, block_id) if request and page and block_id else None
        context["preview"] = bool(request and getattr(request, "is_preview", False))
        return context

    class Meta:
        template = "practice/_block.html"
        group = _("Practice")


class MessageBlock(blocks.StructBlock):
    sender = blocks.ChoiceBlock(
        label=_("Who says it"),
        choices=[("them", _("The other person")), ("me", _("The learner")), ("note", _("Narrator note"))],
        default="them",
    )
    text = blocks.TextBlock(
        label=_("Message"),
        max_length=600,
        help_text=_("Web addresses are shown as text that cannot be opened: nothing leaves the practice."),
    )

    class Meta:
        icon = "comment"
        label = _("Message")


class SimChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("What the learner can do"), max_length=200)
    outcome = blocks.ChoiceBlock(label=_("This choice is"), choices=OUTCOMES, default="risky")
    consequence = blocks.TextBlock(label=_("What happens next"), max_length=600)
    explanation = blocks.TextBlock(label=_("Why"), max_length=800)
    next_step = blocks.IntegerBlock(
        label=_("Go to step"),
        required=False,
        min_value=1,
        help_text=_("The number of a later step that follows this choice; leave empty to end the practice here."),
    )

    class Meta:
        icon = "radio-full"
        label = _("Choice")


class SimStepBlock(blocks.StructBlock):
    messages = blocks.ListBlock(MessageBlock(), label=_("Messages in this step"), min_num=1, max_num=8)
    question = blocks.CharBlock(label=_("Question to the learner"), max_length=200, default="")
    choices = blocks.ListBlock(SimChoiceBlock(), label=_("Choices"), min_num=2, max_num=5)

    class Meta:
        icon = "list-ol"
        label = _("Step")


class PhoneSimulatorBlock(PracticeBlock):
    channel = blocks.ChoiceBlock(
        label=_("Channel"),
        choices=[("sms", _("SMS")), ("chat", _("Chat app (e.g. LINE)")), ("call", _("Phone call"))],
        default="sms",
    )
    contact = blocks.CharBlock(label=_("Sender name or number"), max_length=80)
    steps = blocks.ListBlock(SimStepBlock(), label=_("Steps"), min_num=1, max_num=8)

    class Meta:
        icon = "mobile-alt"
        label = _("Phone message simulator")

    def clean(self, value):
        value = super().clean(value)
        count = len(value["steps"])
        for number, step in enumerate(value["steps"], start=1):
            for choice in step["choices"]:
                if choice["next_step"] and not number < choice["next_step"] <= count:
                    message = _("“Go to step” must be a later step: a number from %(first)s to %(count)s.") % {
                        "first": number + 1,
                        "count": count,
                    }
                    raise StructBlockValidationError(block_errors={"steps": ValidationError(message)})
        return value


class ReasonBlock(AnswerBlock):
    text_label = _("Reason")
    max_length = 200
    correct_label = _("A right reason for this item")

    class Meta:
        icon = "tick"
        label = _("Reason")


class SpotItemBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Drawn as"),
        choices=[
            ("message", _("Phone message")),
            ("post", _("Marketplace post")),
            ("web", _("Web page")),
            ("slip", _("QR payment slip")),
        ],
        default="message",
    )
    heading = blocks.CharBlock(label=_("Sender, shop or page name"), max_length=120)
    text = blocks.TextBlock(label=_("Text of the item"), max_length=600)
    detail = blocks.CharBlock(
        label=_("Detail"),
        max_length=120,
        required=False,
        help_text=_("E.g. the web address, the price or the amount on the slip. Shown as text, never a link."),
    )
    fake = blocks.BooleanBlock(label=_("This item is fake"), required=False)
    reasons = blocks.ListBlock(ReasonBlock(), label=_("Reasons to choose from"), min_num=2, max_num=5)
    explanation = blocks.TextBlock(label=_("Explanation"), max_length=800)

    class Meta:
        icon = "view"
        label = _("Item")

    def clean(self, value):
        value = super().clean(value)
        if not any(reason["correct"] for reason in value["reasons"]):
            message = _("Mark at least one reason as right.")
            raise StructBlockValidationError(block_errors={"reasons": ValidationError(message)})
        return value


class SpotTheFakeBlock(PracticeBlock):
    intro = blocks.TextBlock(label=_("Instructions"), max_length=400, required=False)
    items = blocks.ListBlock(SpotItemBlock(), label=_("Items"), min_num=1, max_num=8)

    class Meta:
        icon = "search"
        label = _("Spot the fake")


class FeeBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Fee"), max_length=100)
    percent = blocks.DecimalBlock(
        label=_("Percent of the price"), required=False, min_value=0, max_value=100, decimal_places=2
    )
    fixed = blocks.DecimalBlock(label=_("Fixed amount (baht)"), required=False, min_value=0, decimal_places=2)

    class Meta:
        icon = "form"
        label = _("Fee")


class MarketplaceBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Where it is sold"), max_length=100)
    shipping = blocks.DecimalBlock(
        label=_("Shipping paid by the seller (baht)"), required=False, min_value=0, decimal_places=2
    )
    fees = blocks.ListBlock(FeeBlock(), label=_("Fee table"), min_num=0, max_num=6)

    class Meta:
        icon = "site"
        label = _("Marketplace")


class PriceCalculatorBlock(PracticeBlock):
    product = blocks.CharBlock(label=_("Product"), max_length=150)
    intro = blocks.TextBlock(label=_("Instructions"), max_length=400, required=False)
    cost = blocks.DecimalBlock(label=_("Cost of the product (baht)"), min_value=0, decimal_places=2)
    packaging = blocks.DecimalBlock(label=_("Packaging (baht)"), required=False, min_value=0, decimal_places=2)
    target_profit = blocks.DecimalBlock(
        label=_("Profit to aim for per item (baht)"), required=False, min_value=0, decimal_places=2
    )
    marketplaces = blocks.ListBlock(MarketplaceBlock(), label=_("Marketplaces"), min_num=1, max_num=4)
    explanation = blocks.TextBlock(label=_("Advice shown with the result"), max_length=800, required=False)

    class Meta:
        icon = "order"
        label = _("Price calculator practice")


class FormFieldBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Field label"), max_length=120)
    safe = blocks.BooleanBlock(label=_("Safe to fill in"), required=False)
    explanation = blocks.TextBlock(label=_("Why"), max_length=600)

    class Meta:
        icon = "form"
        label = _("Form field")


class SafeFormBlock(PracticeBlock):
    story = blocks.TextBlock(label=_("How the learner meets this form"), max_length=600)
    form_heading = blocks.CharBlock(label=_("Heading of the fake form"), max_length=150)
    fields = blocks.ListBlock(FormFieldBlock(), label=_("Fields"), min_num=2, max_num=8)
    explanation = blocks.TextBlock(label=_("Advice shown with the result"), max_length=800, required=False)

    class Meta:
        icon = "doc-full"
        label = _("Safe form practice")


def lesson_blocks():
    """The practice blocks for the lesson body, named by their kind (``activities.KINDS``)."""
    return [
        ("simulator", PhoneSimulatorBlock()),
        ("spot_fake", SpotTheFakeBlock()),
        ("price", PriceCalculatorBlock()),
        ("safe_form", SafeFormBlock()),
    ]
