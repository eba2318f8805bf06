"""Reading a StreamField's raw data (``.raw_data``: JSON, no database queries)."""


def list_items(values):
    """``[(key, value)]`` of a ListBlock's raw data: the key is the item's id, or its position in data saved
    before ListBlock items had ids."""
    items = []
    for index, item in enumerate(values or []):
        if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
            items.append((str(item.get("id") or index), item["value"] or {}))
        else:
            items.append((str(index), item or {}))
    return items
