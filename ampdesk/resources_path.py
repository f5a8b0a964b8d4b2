"""Where the app's bundled resources (content, icons, fonts, web pages) live."""

from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    """Return the resources folder of an installed wheel, or of the source tree."""
    package_dir = Path(__file__).resolve().parent
    installed = package_dir / "resources"
    if installed.is_dir():
        return installed
    source_tree = package_dir.parent / "resources"
    if source_tree.is_dir():
        return source_tree
    raise FileNotFoundError(f"ampdesk resources not found next to {package_dir}")
