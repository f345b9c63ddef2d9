"""Citizens' feedback and anonymous usage events: SQLAlchemy, SQLite by default, PostgreSQL.

No Streamlit here: the app caches the opened `Store` (app/feedback_store.py), the CLI opens its own.
"""

from datacites_proto.store.assessments import Edition, PeerEdition
from datacites_proto.store.connection import STORE_ENV, store_url
from datacites_proto.store.errors import FeedbackLimited, FeedbackRejected, StoreError
from datacites_proto.store.limits import StoreLimits
from datacites_proto.store.store import PurgeResult, Store, Summary

__all__ = [
    "STORE_ENV",
    "Edition",
    "FeedbackLimited",
    "FeedbackRejected",
    "PeerEdition",
    "PurgeResult",
    "Store",
    "StoreError",
    "StoreLimits",
    "Summary",
    "store_url",
]
