"""gunicorn's settings for Kyodo: ``gunicorn -c python:kyodo.gunicorn_conf kyodo.wsgi …``.

gunicorn names itself in a ``Server`` header on every response (older releases add their
version), which tells a scanner which server's weaknesses to try; no setting turns it off. Its
HTTP/1.1 response writer builds that header in ``Response.default_headers``, so the
configuration, which the master reads before it forks the workers, drops the line there.
(HTTP/2, which would name the server in its own writer, is off unless asked for.)
"""

from gunicorn.http import wsgi

_default_headers = wsgi.Response.default_headers


def default_headers_without_server(response):
    return [line for line in _default_headers(response) if not line.startswith("Server:")]


wsgi.Response.default_headers = default_headers_without_server
