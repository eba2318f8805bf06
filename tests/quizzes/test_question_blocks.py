import pytest
from wagtail.blocks import StructBlockValidationError

from quizzes.blocks import MultipleChoiceBlock, SingleChoiceBlock


def _value(block, correct_flags):
    return block.to_python(
        {
            "text": "คำถาม",
            "explanation": "คำอธิบาย",
            "lesson": None,
            "options": [{"text": f"ตัวเลือก {n}", "correct": flag} for n, flag in enumerate(correct_flags)],
        }
    )


@pytest.mark.parametrize(
    ("block_class", "flags", "valid"),
    [
        (SingleChoiceBlock, [True, False], True),
        (SingleChoiceBlock, [True, True], False),
        (SingleChoiceBlock, [False, False], False),
        (MultipleChoiceBlock, [True, True, False], True),
        (MultipleChoiceBlock, [False, False], False),
    ],
)
def test_trainer_must_mark_the_right_number_of_correct_options(db, block_class, flags, valid):
    block = block_class()
    if valid:
        block.clean(_value(block, flags))
    else:
        with pytest.raises(StructBlockValidationError):
            block.clean(_value(block, flags))
