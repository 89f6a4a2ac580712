"""Interviews + sidecars → the rows of every config: speakers, topics, ids and entity mentions."""
