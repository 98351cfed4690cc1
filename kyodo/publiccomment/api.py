"""The module's part of /api/v1/ (public data only)."""

from ninja import Router

router = Router(tags=["publiccomment"])
