"""personalroi: does website personalization pay off, with honest statistics."""

__version__ = "0.1.0"
