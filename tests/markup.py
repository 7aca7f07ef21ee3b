"""Read a rendered page the way a visitor does: find elements, read their text, follow their links.

A small tree built on the standard library's HTMLParser, so the tests need no extra package.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    parent: "Element | None" = None
    children: list["Element | str"] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    @property
    def text(self) -> str:
        """The visible text inside, with runs of whitespace collapsed."""
        parts = []
        for child in self.children:
            parts.append(child if isinstance(child, str) else f" {child.text} ")
        return " ".join("".join(parts).split())

    def iter(self):
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, *, cls: str | None = None, **attrs) -> list["Element"]:
        """Descendants by tag name, class and exact attribute values (`id_="x"` for id)."""
        wanted = {name.rstrip("_").replace("_", "-"): value for name, value in attrs.items()}
        return [
            element
            for element in self.iter()
            if (tag is None or element.tag == tag)
            and (cls is None or cls in element.classes)
            and all(element.attrs.get(name) == value for name, value in wanted.items())
        ]

    def find(self, tag: str | None = None, **kwargs) -> "Element":
        found = self.find_all(tag, **kwargs)
        assert found, f"no <{tag or '*'}> matching {kwargs}"
        return found[0]

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def links(self) -> list[str]:
        return [a.attrs["href"] for a in self.find_all("a") if "href" in a.attrs]


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs}, parent=self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(
            Element(tag, {name: value or "" for name, value in attrs}, parent=self.current)
        )

    def handle_endtag(self, tag):
        # Close up to the matching open element; a stray end tag is ignored.
        for node in [self.current, *self.current.ancestors()]:
            if node.tag == tag:
                self.current = node.parent or self.root
                return

    def handle_data(self, data):
        self.current.children.append(data)


def parse(content: bytes | str) -> Element:
    builder = _TreeBuilder()
    builder.feed(content.decode() if isinstance(content, bytes) else content)
    builder.close()
    return builder.root


def form_data(form: Element) -> dict:
    """What a browser would send for a rendered <form> left as it is (file inputs left out)."""
    data = {}
    for control in form.find_all("input"):
        name, kind = control.attrs.get("name"), control.attrs.get("type", "text")
        if not name or "__prefix__" in name or kind in {"file", "submit", "button", "image"}:
            continue
        if kind in {"checkbox", "radio"}:
            if "checked" in control.attrs:
                data.setdefault(name, []).append(control.attrs.get("value", "on"))
            continue
        data[name] = control.attrs.get("value", "")
    for area in form.find_all("textarea"):
        if "__prefix__" not in area.attrs.get("name", "__prefix__"):
            data[area.attrs["name"]] = "".join(
                child for child in area.children if isinstance(child, str)
            ).lstrip("\n")
    for select in form.find_all("select"):
        name = select.attrs.get("name")
        if not name or "__prefix__" in name:
            continue
        chosen = [
            option.attrs.get("value", option.text)
            for option in select.find_all("option")
            if "selected" in option.attrs
        ]
        if "multiple" in select.attrs:
            data[name] = chosen
        elif chosen:
            data[name] = chosen[0]
    return data
