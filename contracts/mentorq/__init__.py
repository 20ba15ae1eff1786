"""Seed 002, the MentorQ contract (help queue). Docs: docs/contracts/002-mentorq.md"""
