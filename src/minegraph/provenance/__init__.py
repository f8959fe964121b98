"""Provenance: trace a statement, actor or decision back to its sources (resolve, cards, rendering)."""
