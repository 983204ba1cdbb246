"""The search state behind the roster auto-fill (see ``roster_solver`` for the method)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import timedelta
from typing import TYPE_CHECKING

from greenzone_desktop.services.shift_patterns import ShiftSlot

if TYPE_CHECKING:
    from greenzone_desktop.services.roster_solver import Rules, Staff

_SKIP = -1


def fmt_hours(x: float) -> str:
    """Hours the Vietnamese way: 48, 7,5."""
    return f"{x:g}".replace(".", ",")


def iso_week(s: ShiftSlot) -> tuple[int, int]:
    """(ISO year, ISO week) of the shift's start: the week its hours count in."""
    year, week, _ = s.start.isocalendar()
    return year, week


class SearchBoard:
    """Who stands where, hours per ISO week, and how many people could still take each shift."""

    def __init__(
        self,
        shifts: Sequence[ShiftSlot],
        fill: Sequence[bool],
        staff: Sequence[Staff],
        rules: Rules,
    ) -> None:
        n, m = len(shifts), len(staff)
        self.shifts, self.staff, self.fill, self.m = shifts, staff, fill, m
        self.dur = [s.minutes for s in shifts]
        weeks: dict[tuple[int, int], int] = {}
        self.week = [weeks.setdefault(iso_week(s), len(weeks)) for s in shifts]
        self.week_fill: list[list[int]] = [[] for _ in weeks]
        self.week_maxdur = [0] * len(weeks)
        for i in range(n):
            if fill[i]:
                w = self.week[i]
                self.week_fill[w].append(i)
                self.week_maxdur[w] = max(self.week_maxdur[w], self.dur[i])
        # Shifts sorted by start: j after i clashes with i iff it starts before i's end + rest.
        rest = timedelta(hours=rules.min_rest_hours)
        self.nbrs: list[list[int]] = [[] for _ in range(n)]
        for i in range(n):
            limit = shifts[i].end + rest
            for j in range(i + 1, n):
                if shifts[j].start >= limit:
                    break
                self.nbrs[i].append(j)
                self.nbrs[j].append(i)
        self.nbrs_fill = [[t for t in ts if fill[t]] for ts in self.nbrs]
        self.cap = [rules.cap_minutes(p) for p in staff]
        self.unary = [
            [
                p.vaccinated_doses >= rules.min_doses and p.busy(s.start, s.end) is None
                for s in shifts
            ]
            for p in staff
        ]
        self.blocked = [[0] * n for _ in range(m)]
        self.hrs = [[0] * len(weeks) for _ in range(m)]
        self.total = [0] * m
        self.on: list[set[int]] = [set() for _ in range(n)]
        self.need = [0] * n
        self.cand = [0] * n
        self.bound = 0  # sum over shifts of min(need, cand): seats that might still be filled
        self.fill_idx = [i for i in range(n) if fill[i]]

    def ok(self, p: int, t: int) -> bool:
        return (
            self.unary[p][t]
            and not self.blocked[p][t]
            and p not in self.on[t]
            and self.hrs[p][self.week[t]] + self.dur[t] <= self.cap[p]
        )

    def _set(self, t: int, need: int | None = None, cand: int | None = None) -> None:
        self.bound -= min(self.need[t], self.cand[t])
        if need is not None:
            self.need[t] = need
        if cand is not None:
            self.cand[t] = cand
        self.bound += min(self.need[t], self.cand[t])

    def reset_counts(self) -> None:
        for t in self.fill_idx:
            need = max(0, self.shifts[t].min_staff - len(self.on[t]))
            self._set(t, need, sum(self.ok(p, t) for p in range(self.m)))

    def toggle(self, p: int, s: int, add: bool) -> None:
        """Put `p` on shift `s` (or take them off), keeping candidate counts exact."""
        w, d = self.week[s], self.dur[s]
        old = self.hrs[p][w]
        new = old + d if add else old - d
        affected = [s] if self.fill[s] else []
        affected += self.nbrs_fill[s]
        if max(old, new) + self.week_maxdur[w] > self.cap[p]:
            affected = list(dict.fromkeys(affected + self.week_fill[w]))
        unary, blocked, hrs, cap = self.unary[p], self.blocked[p], self.hrs[p], self.cap[p]
        on, week, dur = self.on, self.week, self.dur
        # ok(p, t) inlined: this loop is the solver's hot path.
        before = [
            unary[t] and not blocked[t] and p not in on[t] and hrs[week[t]] + dur[t] <= cap
            for t in affected
        ]
        step = 1 if add else -1
        if add:
            on[s].add(p)
        else:
            on[s].discard(p)
        for t in self.nbrs[s]:
            blocked[t] += step
        hrs[w] = new
        if self.fill[s]:
            self.total[p] += step * d
        for t, was in zip(affected, before, strict=True):
            now = unary[t] and not blocked[t] and p not in on[t] and hrs[week[t]] + dur[t] <= cap
            if now != was:
                self._set(t, cand=self.cand[t] + (1 if now else -1))

    def fairness(self, p: int, s: int) -> tuple[int, int, int]:
        return (self.total[p], self.hrs[p][self.week[s]], p)

    def candidates(self, s: int, excluded: Iterable[int] = ()) -> list[int]:
        skip = set(excluded)
        people = [p for p in range(self.m) if p not in skip and self.ok(p, s)]
        return sorted(people, key=lambda p: self.fairness(p, s))

    def pick(self) -> int:
        """The open shift with the least slack (candidates minus seats), earliest first."""
        best, best_key = -1, 0
        need, cand = self.need, self.cand
        for t in self.fill_idx:
            if need[t]:
                key = cand[t] - need[t]
                if best < 0 or key < best_key:
                    best, best_key = t, key
        return best

    def capacity_bound(self) -> int:
        """Most seats the staff could still fill, from each person's weekly hours left."""
        total = 0
        for w, week_shifts in enumerate(self.week_fill):
            open_w = [t for t in week_shifts if self.need[t]]
            if not open_w:
                continue
            shortest = min(self.dur[t] for t in open_w)
            supply = 0
            for p in range(self.m):
                takes = sum(1 for t in open_w if self.ok(p, t))
                if takes:
                    supply += min(takes, (self.cap[p] - self.hrs[p][w]) // shortest)
            total += min(supply, sum(self.need[t] for t in open_w))
        return total

    def search(
        self, floor: int, limit: int, ceiling: int
    ) -> tuple[list[tuple[int, int]] | None, int]:
        """Depth-first search for more than `floor` seats filled; returns (best, nodes used).

        Stops early on reaching `ceiling`, a known upper bound on the seats that can be filled.
        """
        best: list[tuple[int, int]] | None = None
        stack: list[list] = []  # [shift, options, next option, applied option, need before]
        excluded: dict[int, list[int]] = {}
        filled = nodes = 0
        goal = min(ceiling, sum(self.need[t] for t in self.fill_idx))
        descend = True
        while True:
            if descend:
                nodes += 1
                if filled + self.bound > floor:
                    s = self.pick()
                    if s < 0:
                        floor = filled
                        best = [(f[0], f[3]) for f in stack if f[3] != _SKIP]
                    else:
                        options = self.candidates(s, excluded.get(s, ()))
                        stack.append([s, [*options, _SKIP], 0, None, self.need[s]])
                if nodes >= limit or floor >= goal:
                    break
            if not stack:
                break
            frame = stack[-1]
            s, options, i, applied, need = frame
            if applied is not None:
                if applied == _SKIP:
                    self._set(s, need=need)
                else:
                    self._set(s, need=self.need[s] + 1)
                    self.toggle(applied, s, False)
                    filled -= 1
                    excluded.setdefault(s, []).append(applied)
                frame[3] = None
            if i == len(options):
                stack.pop()
                tried = len(options) - 1
                if tried:
                    del excluded[s][-tried:]
                descend = False
                continue
            choice = options[i]
            frame[2], frame[3] = i + 1, choice
            if choice == _SKIP:
                self._set(s, need=0)
            else:
                self.toggle(choice, s, True)
                self._set(s, need=self.need[s] - 1)
                filled += 1
            descend = True
        self._unwind(stack)
        return best, nodes

    def _unwind(self, stack: list[list]) -> None:
        for s, _options, _i, applied, need in reversed(stack):
            if applied == _SKIP:
                self._set(s, need=need)
            elif applied is not None:
                self._set(s, need=self.need[s] + 1)
                self.toggle(applied, s, False)

    # --- after the search: repair, balance, explain ------------------------------------------

    def add(self, p: int, s: int) -> None:
        self.toggle(p, s, True)
        self._set(s, need=max(0, self.need[s] - 1))

    def fill_open(self) -> None:
        for s in self.fill_idx:
            while self.need[s] and (people := self.candidates(s)):
                self.add(people[0], s)

    def augment(self, locked: set[tuple[int, int]]) -> None:
        """Free seats on open shifts: move one person there and refill the shift they left."""
        mine: list[list[int]] = [[] for _ in range(self.m)]
        for t in self.fill_idx:
            for p in self.on[t]:
                if (t, p) not in locked:
                    mine[p].append(t)
        for s in self.fill_idx:
            while self.need[s] and self._augment_one(s, mine):
                pass

    def _augment_one(self, s: int, mine: list[list[int]]) -> bool:
        w, near = self.week[s], set(self.nbrs[s])
        for p in range(self.m):
            if not self.unary[p][s] or p in self.on[s]:
                continue
            for t in sorted(mine[p]):
                # Would p be free for s once off t? (blocked counts clashing shifts p is on.)
                if self.blocked[p][s] - (t in near):
                    continue
                hours = self.hrs[p][w] - (self.dur[t] if self.week[t] == w else 0)
                if hours + self.dur[s] > self.cap[p]:
                    continue
                if not self.cand[t]:  # nobody else could take t (p's move changes only p)
                    continue
                q = self.candidates(t)[0]
                self.toggle(p, t, False)
                self.toggle(p, s, True)
                self.toggle(q, t, True)
                self._set(s, need=self.need[s] - 1)
                mine[p].remove(t)
                mine[p].append(s)
                mine[q].append(t)
                return True
        return False

    def balance(self, locked: set[tuple[int, int]], passes: int = 3) -> None:
        """Hand a shift to someone with fewer hours while that lowers the busier person's load."""
        for _ in range(passes):
            moved = False
            for s in self.fill_idx:
                for p in sorted(self.on[s]):
                    if (s, p) in locked:
                        continue
                    top = self.total[p]
                    self.toggle(p, s, False)
                    people = self.candidates(s)
                    better = bool(people) and self.total[people[0]] + self.dur[s] < top
                    self.toggle(people[0] if better else p, s, True)
                    moved = moved or better
            if not moved:
                break

    def reasons(self, s: int, rules: Rules) -> tuple[str, ...]:
        """Why each person not on shift `s` cannot take it, counted by reason."""
        shift = self.shifts[s]
        counts: Counter[tuple[int, str]] = Counter()
        for p, person in enumerate(self.staff):
            if p in self.on[s]:
                continue
            if person.vaccinated_doses < rules.min_doses:
                n = rules.min_doses
                key = (0, "chưa tiêm vắc xin" if n == 1 else f"chưa tiêm đủ {n} mũi vắc xin")
            elif not self.unary[p][s]:
                key = (1, "báo bận")
            elif self.blocked[p][s]:
                mine = [self.shifts[t] for t in self.nbrs[s] if p in self.on[t]]
                overlap = [t for t in mine if t.start < shift.end and shift.start < t.end]
                if any(t.checkpoint_id != shift.checkpoint_id for t in overlap):
                    key = (2, "trùng ca tại chốt khác")
                elif overlap:
                    key = (3, "trùng ca khác tại chốt này")
                else:
                    key = (4, f"chưa nghỉ đủ {fmt_hours(rules.min_rest_hours)} giờ giữa hai ca")
            elif self.hrs[p][self.week[s]] + self.dur[s] > self.cap[p]:
                key = (5, f"vượt {fmt_hours(self.cap[p] / 60)} giờ/tuần")
            else:
                key = (6, "còn rảnh nhưng chưa được xếp")
            counts[key] += 1
        if not counts:
            return (
                (f"danh sách trực chỉ có {self.m} người",)
                if self.m
                else ("chưa có ai trong danh sách trực",)
            )
        return tuple(f"{n} người {text}" for (_, text), n in sorted(counts.items()))
