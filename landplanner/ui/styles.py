"""The map's thematic styles now live in :mod:`landplanner.render.styles` (the canvas, print
layouts and the atlas draw with the same colours and legends); importable from here too."""

from landplanner.render.styles import (  # noqa: F401
    NO_DATA_FILL,
    NO_DATA_OUTLINE,
    OVERDUE_COLOR,
    STYLE_NAMES,
    LegendEntry,
    ThematicStyle,
    class_colors,
    get_style,
    park_colors,
    style_titles,
)
