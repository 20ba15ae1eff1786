"""Seed 001, the OneOnOne P2 back-end contract (scheduling rounds).

Docs: docs/contracts/001-oneonone-p2.md
"""
