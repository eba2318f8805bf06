"""Issue #12's page budgets, one place for bench.pages, bench.page_budgets and bench.page_weight."""

PAGES = {
    "home": "/{lang}/",
    "catalogue": "/{lang}/courses/",
    "course": "/{lang}/courses/online-selling/",
    "lesson": "/{lang}/courses/online-selling/set-your-price/",
}
QUERY_BUDGET = {"anonymous": 8, "signed-in": 12}  # SQL queries on a repeat view of each page
FIRST_BUDGET, REPEAT_BUDGET = 70 * 1024, 8 * 1024  # bytes over the wire of a text-only lesson, first / repeat visit
