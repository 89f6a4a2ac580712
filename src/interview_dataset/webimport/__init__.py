"""Saved web pages → source texts and draft sidecars (`interview-dataset import`)."""
