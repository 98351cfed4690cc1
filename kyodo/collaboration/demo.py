"""Demo data for 協働 (filled in below)."""


def load(world):
    pass
