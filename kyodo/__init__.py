"""Kyodo (協働): a platform for citizen participation and citizen–administration collaboration."""
