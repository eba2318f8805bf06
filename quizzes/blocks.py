"""Question blocks a trainer puts in a quiz.

Grading keys are Wagtail block ids: a question's key is its StreamField block id, an option's key is its
ListBlock item id. wagtail-localize keeps both ids when it translates a page, so a question and its options
have the same keys in Thai and English and a learner can switch language in the middle of a quiz.
True / false questions have the fixed option keys ``true`` and ``false``.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from lessons.answers import AnswerBlock

TRUE_FALSE_KEYS = ("true", "false")


class OptionBlock(AnswerBlock):
    text_label = _("Answer option")
    max_length = 300
    correct_label = _("Correct")

    class Meta:
        icon = "radio-full"
        label = _("Option")


class BaseQuestionBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Question"), max_length=500)
    explanation = blocks.TextBlock(
        label=_("Explanation"), max_length=1000, help_text=_("Shown after the learner answers.")
    )
    lesson = blocks.PageChooserBlock(
        label=_("Lesson to review"),
        page_type="lessons.LessonPage",
        required=False,
        help_text=_("Suggested to learners who answer this question wrongly."),
    )


class ChoiceQuestionBlock(BaseQuestionBlock):
    options = blocks.ListBlock(OptionBlock(), label=_("Options"), min_num=2, max_num=8)

    def correct_count_error(self, count):
        """The message when ``count`` correct options break this question type's rule, else None."""
        return None if count >= 1 else _("Mark at least one option as correct.")

    def clean(self, value):
        value = super().clean(value)
        count = sum(1 for option in value["options"] if option["correct"])
        message = self.correct_count_error(count)
        if message:
            raise StructBlockValidationError(block_errors={"options": ValidationError(message)})
        return value


class SingleChoiceBlock(ChoiceQuestionBlock):
    def correct_count_error(self, count):
        return None if count == 1 else _("Mark exactly one option as correct.")

    class Meta:
        icon = "radio-empty"
        label = _("Single choice")


class MultipleChoiceBlock(ChoiceQuestionBlock):
    class Meta:
        icon = "tick"
        label = _("Multiple choice (all correct options needed)")


class TrueFalseBlock(BaseQuestionBlock):
    answer = blocks.ChoiceBlock(
        label=_("Correct answer"), choices=[("true", _("True")), ("false", _("False"))], default="true"
    )

    class Meta:
        icon = "help"
        label = _("True or false")


class QuestionStreamBlock(blocks.StreamBlock):
    single = SingleChoiceBlock()
    multiple = MultipleChoiceBlock()
    truefalse = TrueFalseBlock()

    class Meta:
        min_num = 1
