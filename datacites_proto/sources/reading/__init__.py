"""File readers and the typed-table helpers a local source builds on."""
