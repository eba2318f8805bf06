from wagtail import hooks

from lessons.hooks import COURSE_PAGE_EXTRAS, MY_LEARNING_EXTRAS


@hooks.register(COURSE_PAGE_EXTRAS)
def course_page_save():
    return "offline/_course_save.html"


@hooks.register(MY_LEARNING_EXTRAS)
def my_learning_saved():
    return "offline/_my_learning.html"
