"""The one base class of every error Hotline raises on purpose, so a front end can catch them all.

Format, engine, record and save errors each derive from `HotlineError` (and from the built-in
class that describes them, e.g. ValueError), so `except HotlineError` never hides a bug.
"""
from __future__ import annotations


class HotlineError(Exception):
    """An error Hotline reports to its user: a bad file, record, save, choice or command."""
