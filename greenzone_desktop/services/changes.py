"""What an operation changed, so each view decides for itself whether to refresh."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Changes:
    units: bool = False
    households: bool = False
    persons: bool = False
    organizations: bool = False
    commitments: bool = False
    health: bool = False
    testing: bool = False
    checkpoints: bool = False
    inspections: bool = False
    community: bool = False
    settings: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(**{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)})

    @classmethod
    def everything(cls) -> Changes:
        return cls(**{f.name: True for f in fields(cls)})

    def any(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))
