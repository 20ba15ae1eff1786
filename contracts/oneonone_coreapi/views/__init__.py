"""The views of oneonone_coreapi, one module per resource; each path is listed in ../urls.py."""
