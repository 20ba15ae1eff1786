"""Help queue: tickets opened by participants, claimed and closed by mentors."""
