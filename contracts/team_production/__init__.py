"""Seed 000, the Team Production System contract (mentor booking).

Docs: docs/contracts/000-team-production.md
"""
