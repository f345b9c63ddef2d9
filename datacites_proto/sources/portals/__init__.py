"""Open-data portals: how each one's API names, describes and exports a dataset."""
