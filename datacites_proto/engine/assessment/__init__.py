"""The self-assessment's arithmetic: theme levels, gaps, next steps and peer cells (pure)."""
