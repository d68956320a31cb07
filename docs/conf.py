"""Sphinx configuration for govdeadline's documentation."""

from __future__ import annotations

import govdeadline

project = "govdeadline"
author = "govdeadline contributors"
copyright = "2026, govdeadline contributors"
release = govdeadline.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
]

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_format = "short"
autodoc_preserve_defaults = True
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = True

html_theme = "alabaster"
html_title = "govdeadline"
exclude_patterns = ["_build"]
nitpicky = True
# Names from the standard library and from attrs, which have no inventory without a network.
nitpick_ignore_regex = [
    (r"py:.*", r"(datetime|os|collections\.abc|typing|enum|attrs?)\..*"),
    (r"py:class", r"(Literal|Mapping|PathLike|Iterable|Any|NamedTuple|Enum|Warning|UserWarning)"),
    (r"py:class", r"(ValueError|Exception|TypeError|KeyError|str|int|bool|tuple|frozenset|range)"),
    (r"py:class", r"(date|datetime|timedelta|tzinfo|NoneType|object|type|dict|list)"),
    (r"py:class", r"govdeadline\.calendar\._Index"),
]
