"""interview-dataset: press interviews as typed, validated, citable datasets."""

__version__ = "0.1.0"
