"""Accounts: the one user model behind all five contracts, its settings, login and identity."""
