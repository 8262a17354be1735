"""Reads of actors, places, meetings and mentions, each stating what it fetches (no N+1)."""
