"""icscheck: check an integrated care system's governance against the law that made it."""

__version__ = "0.1.0"

INTERRUPTED = 130
"""The exit status for Ctrl-C, 128 + SIGINT, as shells report it."""
