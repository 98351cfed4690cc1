"""``{% shared_fragment "name" arg… %}…{% endshared_fragment %}``: a part of the page rendered
once per content version and shared by every visitor, signed in or not (``core/fragments.py``
says what may go inside)."""

from django import template

from kyodo.core import fragments

register = template.Library()


class SharedFragmentNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist, name, parts):
        self.nodelist, self.name, self.parts = nodelist, name, parts

    def render(self, context):
        name = self.name.resolve(context)
        parts = [part.resolve(context) for part in self.parts]
        return fragments.render(context.get("request"), name, parts,
                                lambda: self.nodelist.render(context))


@register.tag
def shared_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError('{% shared_fragment "name" [arg …] %} needs a name')
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(nodelist, parser.compile_filter(bits[1]),
                              [parser.compile_filter(bit) for bit in bits[2:]])
