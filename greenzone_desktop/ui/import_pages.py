"""The first steps of the import wizard: choose the file, the sheet and header row, the columns,
and how people are grouped into households."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from greenzone_desktop.exchange.excel_reader import column_letter
from greenzone_desktop.exchange.person_columns import FIELD_LABELS
from greenzone_desktop.services.importing import GROUPINGS
from greenzone_desktop.ui.import_models import SheetRowsModel

if TYPE_CHECKING:
    from greenzone_desktop.ui.import_wizard import ImportWizard

SPREADSHEETS = "Bảng tính (*.xlsx *.xlsm *.xls *.ods);;Tất cả các tệp (*)"
NOT_USED = "(không dùng)"
# Fields the mapping step offers, in the order a person list shows them ("STT" is not stored).
MAPPED_FIELDS = [f for f in FIELD_LABELS if f != "seq"]


class _Page(QWizardPage):
    def wiz(self) -> ImportWizard:
        return self.wizard()  # type: ignore[return-value]


class FilePage(_Page):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Bước 1: Chọn tệp Excel")
        self.setSubTitle("Danh sách nhân khẩu dạng .xlsx, .xls (Excel cũ) hoặc .ods.")
        self.path = QLineEdit()
        self.path.setPlaceholderText("Đường dẫn tệp bảng tính")
        browse = QPushButton("Chọn tệp…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        hint = QLabel("Tệp có thể có các dòng tiêu đề (UBND…, DANH SÁCH…) phía trên, ô gộp, "
                      "ngày sinh gõ dạng chữ, số CCCD mất số 0 đầu và dòng Tổng cộng ở cuối: "
                      "chương trình tự nhận biết.")  # fmt: skip
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addStretch(1)
        self.path.textChanged.connect(self.completeChanged)
        self._ready_for = ""

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Chọn tệp Excel", self.path.text(), SPREADSHEETS)
        if path:
            self.path.setText(path)

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        path = self.path.text().strip()
        if self._ready_for == path and self.wiz().choice is not None:
            return True
        self.wiz().inspect(path, None, lambda: self._go(path))
        return False

    def _go(self, path: str) -> None:
        self._ready_for = path
        self.wiz().advance()


class SheetPage(_Page):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Bước 2: Trang tính và dòng tiêu đề")
        self.sheet = QComboBox()
        self.header = QSpinBox()
        self.header.setRange(1, 30)
        self.found = QLabel()
        self.found.setWordWrap(True)
        self.model = SheetRowsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        form = QFormLayout()
        form.addRow("Trang tính:", self.sheet)
        form.addRow("Dòng tiêu đề cột:", self.header)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.found)
        layout.addWidget(self.table, 1)
        self.sheet.activated.connect(self._sheet_chosen)
        self.header.valueChanged.connect(self.model.set_header_row)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        self.show_choice()

    def show_choice(self) -> None:
        choice = self.wiz().choice
        if choice is None:
            return
        self.sheet.blockSignals(True)
        self.sheet.clear()
        self.sheet.addItems(choice.sheets)
        self.sheet.setCurrentText(choice.sheet)
        self.sheet.blockSignals(False)
        self.header.setValue(choice.header_row or 1)
        self.model.set_rows(choice.first_rows, choice.header_row)
        self.table.resizeColumnsToContents()
        if choice.header_row is None:
            self.found.setText("Không tự tìm thấy dòng tiêu đề: hãy chọn dòng tiêu đề và ghép "
                               "cột ở bước sau.")  # fmt: skip
        else:
            self.found.setText(f"Tìm thấy dòng tiêu đề ở dòng {choice.header_row} của trang "
                               f"«{choice.sheet}» ({len(choice.detected)} cột nhận ra).")  # fmt: skip

    def _sheet_chosen(self) -> None:
        choice = self.wiz().choice
        if choice is not None and self.sheet.currentText() != choice.sheet:
            self.wiz().inspect(choice.path, self.sheet.currentText(), self.show_choice)


class MappingPage(_Page):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Bước 3: Ghép cột với thông tin nhân khẩu")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.combos: dict[str, QComboBox] = {}
        inner = QWidget()
        form = QFormLayout(inner)
        for name in MAPPED_FIELDS:
            combo = QComboBox()
            combo.setObjectName(f"map_{name}")
            self.combos[name] = combo
            form.addRow(f"{FIELD_LABELS[name]}:", combo)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        self.remember = QCheckBox("Ghi nhớ cách ghép này cho các tệp có cùng tiêu đề cột")
        self.remember.setChecked(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.remember)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        choice = self.wiz().choice
        if choice is None:
            return
        header_row = self.wiz().sheet_page.header.value()
        rows = choice.first_rows
        texts = rows[header_row - 1] if 0 < header_row <= len(rows) else []
        headers = list(choice.headers) if header_row == choice.header_row else [
            "" if c is None else str(c) for c in texts]  # fmt: skip
        width = max(len(headers), max((len(r) for r in rows), default=0))
        for name, combo in self.combos.items():
            combo.clear()
            combo.addItem(NOT_USED, -1)
            for i in range(width):
                shown = headers[i] if i < len(headers) and headers[i] else ""
                combo.addItem(f"{column_letter(i)} — {shown}" if shown else column_letter(i), i)
            combo.setCurrentIndex(combo.findData(choice.columns.get(name, -1)))
        self.note.setText(
            "Dùng cách ghép cột đã lưu cho bảng có cùng tiêu đề." if choice.remembered
            else "Các cột đã được nhận ra theo tiêu đề; chọn lại ô nào chưa đúng."
        )  # fmt: skip

    def columns(self) -> dict[str, int]:
        chosen = {name: int(c.currentData()) for name, c in self.combos.items()}
        return {name: i for name, i in chosen.items() if i >= 0}

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        if "full_name" not in self.columns():
            self.note.setText("Cần chọn cột «Họ và tên».")
            return False
        return True


class GroupingPage(_Page):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Bước 4: Nhóm nhân khẩu thành hộ")
        self.group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        self.buttons: dict[str, QRadioButton] = {}
        for code, label in GROUPINGS.items():
            if code == "auto":
                continue  # the page shows what "auto" would choose instead
            button = QRadioButton(label)
            button.setObjectName(f"group_{code}")
            self.buttons[code] = button
            self.group.addButton(button)
            layout.addWidget(button)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self._ready = False

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        choice = self.wiz().choice
        grouping = choice.grouping if choice is not None else "auto"
        columns = self.wiz().mapping_page.columns()
        has_number = "household_no" in columns
        self.buttons["number"].setEnabled(has_number)
        if grouping == "auto" or grouping == "number" and not has_number:
            grouping = "number" if has_number else "head" if (
                "relation" in columns or "is_head" in columns) else "single"  # fmt: skip
        self.buttons[grouping].setChecked(True)
        self.note.setText("Bấm «Tiếp» để đọc toàn bộ các dòng và kiểm tra.")
        self._ready = False

    def grouping(self) -> str:
        return next((c for c, b in self.buttons.items() if b.isChecked()), "single")

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        if self._ready:
            self._ready = False
            return True
        self.wiz().make_plan(self._go)
        return False

    def _go(self) -> None:
        self._ready = True
        self.wiz().advance()
