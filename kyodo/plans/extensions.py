"""Sections other modules add to an action item's public page, so that plans never imports
them (市民会議's recommendations and evaluations of the item, for instance).

    extensions.register_item_section("councils/includes/item_section.html",
                                     queries.item_council_sections)

The callable gets the item and returns the template's ``section`` context; it must run a
fixed number of queries.
"""

_item_sections = []


def register_item_section(template_name, build):
    _item_sections.append((template_name, build))


def item_sections(item):
    return [(template_name, build(item)) for template_name, build in _item_sections]
