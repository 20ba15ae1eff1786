"""The views of mentorq, one module per resource; each path is listed in ../urls.py."""
