"""The plans module's part of /api/v1/ (published data only)."""

from ninja import Router

router = Router(tags=["plans"])
