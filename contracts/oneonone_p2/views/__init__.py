"""The views of oneonone_p2, one module per resource; each path is listed in ../urls.py."""
