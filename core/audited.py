"""How two kinds of row are named, once each. The audit log reads `audit_type`, `audit_id`
and `audit_label` from any target (`audit.log`); a model keeps its own `audit_type` and takes
the rest from one of these mixins (plain classes: no fields, no migrations)."""


class CatalogueEntry:
    """An entry of a catalogue staff maintain (a role type, a participation type, an
    information system): known to the audit log by its `code`, called by its `name`."""

    code: str
    name: str

    @property
    def audit_id(self) -> str:
        return self.code

    @property
    def audit_label(self) -> str:
        return self.name


class TitledMessage:
    """A message from the operator (an announcement, a notice): known to the audit log by its id,
    called by its `title`."""

    pk: int
    title: str

    @property
    def audit_id(self) -> int:
        return self.pk

    @property
    def audit_label(self) -> str:
        return self.title[:200]
