"""Text that is safe to open in a spreadsheet, for every CSV or XLSX the platform writes."""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Make a text cell inert in spreadsheets: ``=SUM(A1)`` becomes ``'=SUM(A1)``; other values are unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
