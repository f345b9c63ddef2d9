"""The governance register (`datacites governance report`): every dataset, its rules and its lineage."""
