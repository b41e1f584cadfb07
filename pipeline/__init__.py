"""reformtrace: mine Swedish reports on "God och nära vård" for evidence by region, goal and intervention."""

__version__ = "0.1.0"
