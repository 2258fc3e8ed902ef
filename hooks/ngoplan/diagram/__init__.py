"""The structure diagram's drawing, pure geometry with no plan knowledge: label text
(labels), records and moves (shapes), layering and ordering (ranks) and the layered
layout that places boxes and routes edges (layered)."""

from .labels import text_width, wrap
from .layered import layout
from .shapes import Box, Drawing, Part, Route, Spacing, pack, shifted

__all__ = ["Box", "Drawing", "Part", "Route", "Spacing", "layout", "pack", "shifted",
           "text_width", "wrap"]
