"""Seed 004, the OneOnOne API (short docs). Docs: docs/contracts/004-oneonone-short.md"""
