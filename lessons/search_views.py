from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from lms.inputs import SearchField

from . import search as page_search

RESULTS_PER_PAGE = 20


class SearchForm(forms.Form):
    q = SearchField(max_length=None)  # the length is checked by ``page_search.search`` with its own message


@require_safe
def search(request):
    """Search courses and lessons in the reader's language.

    Permission: public — anyone may search, signed in or not (it only shows live pages, which are public too).
    An htmx request (the live search box) gets just the results fragment.
    """
    form = SearchForm(request.GET)
    valid = form.is_valid()
    query = form.cleaned_data["q"] if valid else ""
    context = {"query": query, "max_length": page_search.MAX_QUERY_LENGTH, "results": None, "error": None}
    status = 200
    if not valid:
        context["error"], status = form.errors["q"][0], 400
    elif query:
        try:
            found = page_search.search(query)
        except page_search.QueryTooLong:
            context["error"] = _("Please use a shorter search, at most %(max)d characters.") % {
                "max": page_search.MAX_QUERY_LENGTH
            }
            status = 400
        else:
            page_obj = Paginator(found or [], RESULTS_PER_PAGE).get_page(request.GET.get("page"))
            context["page_obj"] = page_obj
            context["results"] = page_search.describe(list(page_obj), query)
    template = "lessons/_search_results.html" if request.htmx else "lessons/search.html"
    return render(request, template, context, status=status)
