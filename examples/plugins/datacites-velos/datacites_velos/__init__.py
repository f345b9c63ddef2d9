"""Bike-share stations for DataCités Proto: the `gbfs` source, the `availability` view and
the `stations` map layer, declared as entry points in pyproject.toml."""
