"""The package version: one place, read by the packaging and by the User-Agent of remote requests."""

__version__ = "0.1.0"
