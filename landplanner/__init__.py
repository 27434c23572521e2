"""landplanner: desktop GIS for revitalizing idle and low-efficiency land (资源资产盘活)."""

__version__ = "0.1.0"

#: 1 mu (亩) in square metres: 15 mu = 1 ha.
M2_PER_MU = 10000.0 / 15.0
