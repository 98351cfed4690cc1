"""``{% capture name %}…{% endcapture %}``: render a part of a template into a variable.

The base layout captures the page's ``{% block title %}`` so that the document title reads
「ページ名 | Kyodo 協働ポータル」 when a page has a title and just the site name when it has none
(Django has no ``self.title``, so ``{% if self.title %}`` was always false).
"""

from django import template

register = template.Library()


class CaptureNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        context[self.name] = " ".join(self.nodelist.render(context).split())
        return ""


@register.tag
def capture(parser, token):
    try:
        _tag, name = token.split_contents()
    except ValueError:
        raise template.TemplateSyntaxError("{% capture name %} takes one argument") from None
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, name)
