"""How a CKAN publication fails: the errors every step of it raises, with their codes."""

from __future__ import annotations

from moroccodigital.errors import RemoteError


class PublishError(RemoteError, RuntimeError):
    """Publishing stopped; the message names the step, the file and what the portal already has."""

    code = "publish-failed"


class TokenRejected(PublishError):
    """The API token is malformed, or the portal does not know it (unknown, revoked, expired)."""

    code = "token-rejected"
    exit_code = 7


class NotPermitted(PublishError):
    """The portal knows the token, but its user may not write datasets in the organization."""

    code = "not-permitted"
    exit_code = 8
