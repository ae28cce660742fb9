"""Uploaded documents: checked by content, encrypted at rest, served only through an access check."""
