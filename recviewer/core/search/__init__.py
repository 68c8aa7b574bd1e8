"""Full-text search across every recording of a folder (SQLite FTS5).

``fields.py`` says what is indexed and where it sits (``request.messages[2]``,
``response.text``, ``tool_call.arguments``...), ``query.py`` turns what a user
typed into a safe FTS5 MATCH expression, ``index.py`` keeps the index in the
user's cache folder (``core/cache_dir.py``), keyed by path + size + mtime, and
answers queries.
"""

from __future__ import annotations

from recviewer.core.search.index import BuildStats, Hit, SearchIndex, group_by_test
from recviewer.core.search.query import match_expression, query_terms

__all__ = ["BuildStats", "Hit", "SearchIndex", "group_by_test", "match_expression", "query_terms"]
