"""Validation: the SHACL shapes and the checks SHACL cannot express, one report."""
