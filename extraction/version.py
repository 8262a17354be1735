"""The extractor's version: stored with each article's facts, so a change of rules re-runs them.

Its own module so that the apps can compare versions without loading spaCy.
"""

EXTRACTOR_VERSION = "2026.12.18"
