"""The views of oneonone_short, one module per resource; each path is listed in ../urls.py."""
