"""natasha's navec news embedding, loaded once per process for the entity tagger and the topic suggester."""

from __future__ import annotations

from functools import cache


@cache
def news_embedding():
    """natasha's NewsEmbedding (navec news vectors, shipped inside the natasha package; about a second to load)."""
    from natasha import NewsEmbedding

    return NewsEmbedding()
