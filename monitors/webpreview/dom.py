"""Small helpers over selectolax nodes shared by the page, post and media readers."""

from __future__ import annotations

from selectolax.lexbor import LexborNode


def has_class(node: LexborNode, name: str) -> bool:
    """True when ``name`` is one of the node's classes (not a substring of one)."""
    return name in (node.attributes.get("class") or "").split()


def inside(node: LexborNode, root: LexborNode, classes: tuple[str, ...]) -> bool:
    """True when an ancestor of ``node`` below ``root`` carries one of ``classes``."""
    parent = node.parent
    while parent is not None and parent.mem_id != root.mem_id:
        if any(has_class(parent, name) for name in classes):
            return True
        parent = parent.parent
    return False


def children(node: LexborNode) -> list[LexborNode]:
    """The direct children of ``node``, text nodes included, in order."""
    found = []
    child = node.child
    while child is not None:
        found.append(child)
        child = child.next
    return found
