"""Certification campaigns: organizations confirm their contacts, sections, members and access."""
