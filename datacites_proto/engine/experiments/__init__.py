"""Experiments (issue 13): the series, the estimate and the honesty checks of an intervention."""
