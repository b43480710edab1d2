"""Cross-site request forgery checks for every state-changing form.

Two independent checks, both required on every POST from the browser:

- the request comes from our own pages: its ``Origin`` (or, when a browser sends none, its
  ``Referer``) names the host the request was sent to; neither header present is refused;
- the form carries the session's synchroniser token (compared in constant time). Before
  log-in there is no session, so the log-in form carries a token that must match a
  short-lived cookie set with the form (double submit).
"""

from __future__ import annotations

import hmac
import secrets
from urllib.parse import urlsplit

from starlette.requests import Request

FIELD = "csrf_token"
MAX_TOKEN_CHARS = 128
_MAX_HEADER_CHARS = 2048


class CsrfRefused(Exception):
    """A state-changing request that failed a CSRF check; the message says which."""


def new_token() -> str:
    """A fresh random token for the log-in form."""
    return secrets.token_urlsafe(32)


def _host_of(url: str) -> str | None:
    try:
        parts = urlsplit(url[:_MAX_HEADER_CHARS])
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return parts.netloc.lower()


def check_origin(request: Request) -> None:
    """Refuse a request whose Origin (else Referer) is not this host."""
    host = request.headers.get("host", "").lower()
    origin = request.headers.get("origin")
    if origin is not None:  # "null" (an opaque origin) names no host: refused
        source = _host_of(origin)
    else:
        referer = request.headers.get("referer")
        if referer is None:
            raise CsrfRefused("the request names no origin")
        source = _host_of(referer)
    if not host or source != host:
        raise CsrfRefused("the request comes from another site")


def check_token(expected: str, presented: str | None) -> None:
    """Refuse a form whose token is missing or differs from ``expected``."""
    if not expected or not presented or len(presented) > MAX_TOKEN_CHARS:
        raise CsrfRefused("the form's security token is missing")
    if not hmac.compare_digest(expected.encode(), presented.encode("utf-8", "surrogatepass")):
        raise CsrfRefused("the form's security token does not match")
