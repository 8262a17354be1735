"""Writes to actors, places, meetings and mentions. Only this package writes those tables."""
