"""The forward and mention graph as GEXF 1.3, the format Gephi opens."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from inbox.exports.writers import atomic_path

_NS = "http://gexf.net/1.3"


def write_gexf(edges: Iterable[dict[str, Any]], path: Path, *, today: date) -> int:
    """Write a directed, weighted graph from edge rows (source, target, kind, weight).

    Returns the number of edges. Labels are XML-escaped by ElementTree; handles come from
    hostile posts.
    """
    ET.register_namespace("", _NS)
    root = ET.Element(f"{{{_NS}}}gexf", version="1.3")
    meta = ET.SubElement(root, f"{{{_NS}}}meta", lastmodifieddate=today.isoformat())
    ET.SubElement(meta, f"{{{_NS}}}creator").text = "Meldpunt"
    ET.SubElement(meta, f"{{{_NS}}}description").text = "Forward and mention graph of channels"
    graph = ET.SubElement(root, f"{{{_NS}}}graph", defaultedgetype="directed")
    attrs = ET.SubElement(graph, f"{{{_NS}}}attributes", {"class": "edge"})
    ET.SubElement(attrs, f"{{{_NS}}}attribute", id="kind", title="kind", type="string")
    nodes_el = ET.SubElement(graph, f"{{{_NS}}}nodes")
    edges_el = ET.SubElement(graph, f"{{{_NS}}}edges")
    nodes: dict[str, str] = {}

    def node(label: str) -> str:
        if label not in nodes:
            nodes[label] = f"n{len(nodes)}"
            ET.SubElement(nodes_el, f"{{{_NS}}}node", id=nodes[label], label=label)
        return nodes[label]

    count = 0
    for count, edge in enumerate(edges, start=1):
        el = ET.SubElement(
            edges_el,
            f"{{{_NS}}}edge",
            id=f"e{count}",
            source=node(edge["source"]),
            target=node(edge["target"]),
            weight=str(edge["weight"]),
        )
        values = ET.SubElement(el, f"{{{_NS}}}attvalues")
        ET.SubElement(values, f"{{{_NS}}}attvalue", {"for": "kind", "value": edge["kind"]})
    with atomic_path(path) as tmp:
        ET.ElementTree(root).write(tmp, encoding="utf-8", xml_declaration=True)
    return count
