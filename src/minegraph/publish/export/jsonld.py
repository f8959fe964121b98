"""The JSON-LD dump: the union graph compacted with the release's ``@context``, in a stable order.

rdflib does the compaction (Oxigraph writes JSON-LD with prefixes only, not terms). rdflib's node
order follows Python hashing, so the result is put in order afterwards: nodes by ``id``, each
node's keys as ``id``, ``type``, then by name, and each array of values sorted (values of an RDF
property are a set, so their order carries no meaning). The ``@context`` is embedded, so the
document expands without loading anything from the network.
"""

from __future__ import annotations

import json
from typing import Any

from .inputs import Release

_FIRST_KEYS = ("@context", "id", "@id", "type", "@type")


def _key_order(key: str) -> tuple[int, str]:
    return (_FIRST_KEYS.index(key), "") if key in _FIRST_KEYS else (len(_FIRST_KEYS), key)


def _canonical(value: Any) -> Any:
    """The same JSON value with object keys ordered and arrays of values sorted."""
    if isinstance(value, dict):
        return {
            key: _canonical(value[key]) if key != "@context" else value[key] for key in sorted(value, key=_key_order)
        }
    if isinstance(value, list):
        items = [_canonical(item) for item in value]
        return sorted(items, key=_item_order)
    return value


def _item_order(item: Any) -> tuple[str, str]:
    """Nodes by their id first (a readable order), anything else by its JSON text."""
    node_id = item.get("id", item.get("@id", "")) if isinstance(item, dict) else ""
    return (str(node_id), json.dumps(item, sort_keys=True, ensure_ascii=False))


def jsonld(release: Release, context: dict) -> bytes:
    """The union graph as compacted JSON-LD (``{"@context": ..., "@graph": [...]}``), UTF-8."""
    text = release.rdflib_graph.serialize(format="json-ld", context=context["@context"], auto_compact=False)
    document = json.loads(text)
    if "@graph" not in document:  # a single node comes back without @graph; keep one shape always
        document = {"@context": document.pop("@context"), "@graph": [document]}
    document["@context"] = context["@context"]
    document["@graph"] = _canonical(document["@graph"])
    return (json.dumps(document, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
