"""File → Open from database: connect to a shared PostGIS project.

The connection (host, port, database, user, schema or a pg_service.conf entry) is remembered
without its password. A password typed here is used for this session only; to avoid typing it,
put it in ~/.pgpass (pgpass.conf on Windows), a pg_service.conf entry or the system keyring.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from landplanner import store
from landplanner.ui import app_settings

_KEY = "database/last"


class DatabaseDialog(QDialog):
    """Asks where the shared project is; :meth:`location` is the URI to open (no password)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("databaseDialog")
        self.setWindowTitle(self.tr("Open a project from a database"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.service = QLineEdit(self)
        self.service.setPlaceholderText(self.tr("optional: a pg_service.conf entry"))
        self.host = QLineEdit("localhost", self)
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.database = QLineEdit(self)
        self.user = QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("used for this session only, never saved"))
        self.schema = QComboBox(self)
        self.schema.setEditable(True)
        self.schema.setCurrentText("landplanner")
        self.list_button = QPushButton(self.tr("List projects"), self)
        self.list_button.clicked.connect(self.list_projects)
        form.addRow(self.tr("Service:"), self.service)
        form.addRow(self.tr("Host:"), self.host)
        form.addRow(self.tr("Port:"), self.port)
        form.addRow(self.tr("Database:"), self.database)
        form.addRow(self.tr("User:"), self.user)
        form.addRow(self.tr("Password:"), self.password)
        form.addRow(self.tr("Project (schema):"), self.schema)
        form.addRow("", self.list_button)
        layout.addLayout(form)
        note = QLabel(self.tr(
            "The password is not stored. To connect without typing it, put it in ~/.pgpass "
            "(%APPDATA%\\postgresql\\pgpass.conf on Windows) or a pg_service.conf entry."))
        note.setWordWrap(True)
        layout.addWidget(note)
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._restore()

    def _restore(self) -> None:
        last = str(app_settings.settings().value(_KEY, "") or "")
        if not last:
            return
        from urllib.parse import parse_qsl, unquote, urlsplit

        parts = urlsplit(last)
        query = dict(parse_qsl(parts.query))
        self.service.setText(query.get("service", ""))
        self.host.setText(parts.hostname or "")
        if parts.port:
            self.port.setValue(parts.port)
        self.database.setText(unquote(parts.path.lstrip("/")))
        self.user.setText(unquote(parts.username or ""))
        self.schema.setCurrentText(query.get("schema", "landplanner"))

    def location(self) -> str:
        """The project URI (without password)."""
        from landplanner.store.postgis_store import make_location

        service = self.service.text().strip()
        return make_location(
            host="" if service and not self.host.text().strip() else self.host.text().strip(),
            port=None if service else self.port.value(),
            dbname=self.database.text().strip(),
            user=self.user.text().strip(),
            schema=self.schema.currentText().strip() or "landplanner",
            service=service,
        )

    def _use_password(self) -> None:
        if self.password.text():
            _set_session_password(self.location(), self.password.text())

    def list_projects(self) -> None:
        """Fill the schema list with the projects found in the database."""
        self._use_password()
        try:
            found = store.list_projects(self.location())
        except Exception as error:  # shown in the dialog, in plain words
            self.status.setText(str(error))
            return
        from urllib.parse import parse_qsl, urlsplit

        schemas = [dict(parse_qsl(urlsplit(loc).query)).get("schema", "") for loc in found]
        current = self.schema.currentText()
        self.schema.clear()
        self.schema.addItems(schemas)
        self.schema.setCurrentText(current if current in schemas or not schemas else schemas[0])
        self.status.setText(self.tr("{0} projects found").format(len(schemas)))

    def accept(self) -> None:  # noqa: D102
        self._use_password()
        app_settings.put(_KEY, store.strip_password(self.location()))
        super().accept()


def _set_session_password(location: str, password: str) -> None:
    """Use ``password`` for ``location`` in this session only (never written anywhere)."""
    from landplanner.store import postgis_store

    postgis_store.set_session_password(location, password)
