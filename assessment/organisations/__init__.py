"""Organisations, their members and roles: the layer below the assessment (models and role rules, no views)."""
