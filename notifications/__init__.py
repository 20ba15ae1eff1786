"""Notifications: the outbox every outgoing email passes through, and the tasks that deliver it."""
