"""The views of team_production, one module per resource; each path is listed in ../urls.py."""
