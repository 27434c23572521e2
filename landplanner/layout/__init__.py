"""Print layouts and the 一企一策 atlas: pages drawn with :mod:`landplanner.render`.

* :mod:`~landplanner.layout.model` — :class:`Layout` (paper, items), named templates saved
  in the project settings;
* :mod:`~landplanner.layout.data` — what a page shows, gathered once from the project;
* :mod:`~landplanner.layout.paint` — painting a layout on any paint device;
* :mod:`~landplanner.layout.export` — checks, vector PDF, PNG;
* :mod:`~landplanner.layout.atlas` — one page per enterprise, parcel or park.
"""
