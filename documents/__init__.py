"""Uploaded documents: checked by content, encrypted at rest, served only after a check."""
