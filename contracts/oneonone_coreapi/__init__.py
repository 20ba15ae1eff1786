"""Seed 003, the OneOnOne API (coreapi docs). Docs: docs/contracts/003-oneonone-coreapi.md"""
