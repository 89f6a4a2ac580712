"""Source files → interviews: read safely, split into paragraphs, find markers, roles and speakers."""
