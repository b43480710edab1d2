"""The web inbox (FastAPI, server-rendered pages) and the HTTP API for notices.

:func:`create_app` builds the application from the inbox services it is given.
"""

from inbox.web.app import WebConfig, WebServices, create_app
from inbox.web.exports_page import PseudonymisedDatasets
from inbox.web.ratelimit import Rate
from inbox.web.sessions import SqliteSessions

__all__ = [
    "PseudonymisedDatasets",
    "Rate",
    "SqliteSessions",
    "WebConfig",
    "WebServices",
    "create_app",
]
