"""Reads of articles, each stating what it fetches (no N+1)."""
