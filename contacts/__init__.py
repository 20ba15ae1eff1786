"""Contacts: each user's address book, and contact requests between users."""
