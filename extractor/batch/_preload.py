"""Imported by the local engine's fork server (``set_forkserver_preload``), never by user code.

Importing it warms up the pipeline once in the fork server: the imports, jieba's dictionary and the
compiled rules are then inherited by every worker forked from it (shared copy-on-write), so a
worker starts in a fraction of a second instead of rebuilding them all.
"""

from extractor.batch.task import warm_up

try:
    warm_up()
except Exception:  # a broken pipeline is reported per document, not here
    pass
