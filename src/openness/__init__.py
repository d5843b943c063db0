"""openness: how open is this AI model or project, with evidence."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("openness")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
