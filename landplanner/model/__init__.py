"""Records of the core model that several layers share (below the store)."""
