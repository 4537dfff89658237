"""Named entities: PERSON, ORG, LOC and PRODUCT mentions, grouped into entities with canonical names.

``find_mentions`` (recognize.py) runs the shipped model and the Latin-name and alias rules;
``build_clusters`` (clusters.py) groups the mentions and names each entity once.
"""

from extractor.entities.clusters import Cluster, build_clusters
from extractor.entities.recognize import Mention, find_mentions

__all__ = ["Cluster", "Mention", "build_clusters", "find_mentions"]
