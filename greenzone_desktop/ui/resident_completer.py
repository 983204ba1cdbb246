"""Autocomplete of residents from the register under a line edit: a service search on the
database worker as the user types (accents optional), a popup of "name – birth – CCCD –
address", and `picked(ResidentHit)` when one is chosen."""

from __future__ import annotations

from PySide6.QtCore import QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit

from greenzone_desktop.services import gate_log
from greenzone_desktop.ui.context import AppContext


class ResidentCompleter(QObject):
    picked = Signal(object)  # gate_log.ResidentHit

    def __init__(self, ctx: AppContext, edit: QLineEdit, *, delay_ms: int = 150):
        super().__init__(edit)
        self.ctx, self.edit = ctx, edit
        self.hits: list[gate_log.ResidentHit] = []
        self.model = QStringListModel(self)
        self.completer = QCompleter(self.model, self)
        # The service already matched accent-insensitively: show its answer as it is.
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(10)
        self.completer.setWidget(edit)
        self.completer.activated[str].connect(self._activated)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.search_now)
        self._generation = 0
        self.enabled = True
        edit.textEdited.connect(self._edited)

    def _edited(self, _text: str) -> None:
        if self.enabled:
            self.timer.start()

    def search_now(self) -> None:
        """Search for what is typed now (the timer calls this; tests may too)."""
        self.timer.stop()
        text = self.edit.text()
        self._generation += 1
        gen = self._generation
        self.ctx.run(lambda: gate_log.find_residents(self.ctx.db, text),
                     lambda hits: self._show(gen, hits), parent=self.edit)

    def _show(self, gen: int, hits: list[gate_log.ResidentHit]) -> None:
        if gen != self._generation:
            return  # an older answer: the user typed on
        self.hits = hits
        self.model.setStringList([h.text for h in hits])
        if hits and self.edit.hasFocus():
            self.completer.complete()
        elif not hits:
            self.completer.popup().hide()

    def _activated(self, text: str) -> None:
        hit = next((h for h in self.hits if h.text == text), None)
        if hit is None:
            return
        self.pick(hit)

    def pick(self, hit: gate_log.ResidentHit) -> None:
        # QCompleter writes the whole popup line into the edit after this signal: put the
        # name back once it has.
        QTimer.singleShot(0, lambda: self.edit.setText(hit.full_name))
        self.completer.popup().hide()
        self.edit.setText(hit.full_name)
        self.picked.emit(hit)
