"""icscheck: check an integrated care system's governance against the law that made it."""

__version__ = "0.1.0"
