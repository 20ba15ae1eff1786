"""`runserver` (staticfiles' own) with a listen backlog that holds a burst of clients.

Django's development server listens with a backlog of 10 connections: fifty clients connecting
at the same moment got connection resets before their requests were read. The embedded default
is served by this command (`make run`), so it listens with a backlog of 128 instead.
"""

from django.contrib.staticfiles.management.commands.runserver import Command as StaticRunserver
from django.core.servers.basehttp import WSGIServer


class BurstTolerantWSGIServer(WSGIServer):
    request_queue_size = 128


class Command(StaticRunserver):
    server_cls = BurstTolerantWSGIServer
