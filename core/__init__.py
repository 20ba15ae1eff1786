"""Small pieces every domain app shares: domain errors, the API exception handler, the clock."""
