"""Manage Participation: participation types, applications and their requirements."""
