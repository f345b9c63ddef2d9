"""The register's values in plain words, in French or English (dates in the locale's format)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from datacites_proto.engine.register.model import AgreementRecord, DatasetRecord, Level, ViewUse
from datacites_proto.i18n import translate
from datacites_proto.i18n.formatting import Formatter


def _key(value: str) -> str:
    """A code's suffix from a value: `etalab-2.0` → `etalab_2_0`."""
    return value.replace("-", "_").replace(".", "_")


@dataclass(frozen=True)
class Words:
    """Plain words for one language."""

    lang: str

    def t(self, code: str, **params: object) -> str:
        return translate(code, self.lang, **params)

    def date(self, value: dt.date | None) -> str:
        return Formatter(self.lang).date(value, "long") if value is not None else "—"

    def number(self, value: int) -> str:
        return Formatter(self.lang).number(value)

    def yes_no(self, value: bool) -> str:
        return self.t("register_yes" if value else "register_no")

    def licence(self, licence: str) -> str:
        return self.t(f"register_licence_{_key(licence)}")

    def sector(self, sector: str) -> str:
        return self.t(f"register_sector_{sector}")

    def access(self, record: DatasetRecord) -> str:
        return self.t(f"register_access_{record.access}", size=self.number(record.threshold))

    def level(self, level: Level | None, *, download: bool = False) -> str:
        if level is None:
            return self.t("register_level_none")
        if level == "rows" and download:
            return self.t("register_level_rows_download")
        return self.t(f"register_level_{level}")

    def view_level(self, use: ViewUse) -> str:
        return self.level(use.level, download=use.download)

    def personal(self, record: DatasetRecord) -> str:
        return ", ".join(record.personal) if record.personal else self.t("register_none")

    def threshold(self, record: DatasetRecord) -> str:
        if record.threshold <= 1:
            return self.t("register_threshold_none")
        size = self.number(record.threshold)
        required = record.agreement.min_group_size if record.agreement else None
        if required:
            return self.t("register_threshold_agreement", size=size, required=self.number(required))
        return self.t("register_threshold_value", size=size)

    def threshold_origin(self, record: DatasetRecord) -> str:
        return self.t(f"register_threshold_origin_{record.threshold_origin}")

    def agreement(self, record: DatasetRecord) -> str:
        if record.agreement is not None:
            return record.agreement.path
        if record.agreement_path:
            return self.t("register_agreement_unread", path=record.agreement_path)
        return self.t("register_no_agreement")

    def parties(self, agreement: AgreementRecord) -> str:
        texts = []
        for party in agreement.parties:
            role = self.t(f"register_role_{party.role}")
            if party.siren:
                texts.append(
                    self.t("register_party_siren", name=party.name, siren=party.siren, role=role)
                )
            else:
                texts.append(self.t("register_party", name=party.name, role=role))
        return " ; ".join(texts) if self.lang == "fr" else "; ".join(texts)

    def end(self, agreement: AgreementRecord) -> str:
        if agreement.end is None or agreement.days_left is None:
            return self.t("register_end_none")
        date = self.date(agreement.end)
        if agreement.days_left < 0:
            return self.t("register_end_expired", date=date, days=self.number(-agreement.days_left))
        return self.t("register_end_left", date=date, days=self.number(agreement.days_left))

    def state(self, agreement: AgreementRecord) -> str:
        return self.t(f"register_state_{agreement.state}")

    def retention(self, agreement: AgreementRecord) -> str:
        if agreement.retention_days is None:
            return self.t("register_not_stated")
        return self.t("register_retention_days", days=self.number(agreement.retention_days))

    def publication(self, agreement: AgreementRecord) -> str:
        return self.t("register_allowed" if agreement.publication else "register_forbidden")

    def onward(self, agreement: AgreementRecord) -> str:
        code = (
            "register_onward_allowed" if agreement.onward_sharing else "register_onward_forbidden"
        )
        return self.t(code)

    def legal_basis(self, agreement: AgreementRecord) -> str:
        if agreement.legal_basis is None:
            return self.t("register_not_stated")
        return self.t(f"register_basis_{agreement.legal_basis}")

    def page_access(self, use: ViewUse) -> str:
        return self.t("register_page_public" if use.public else "register_page_team")

    def via(self, via: str) -> str:
        return self.t(f"register_via_{via}")

    def view_in_page(self, use: ViewUse) -> str:
        return self.t(
            "register_view_in_page", page=use.page, view=use.view, level=self.view_level(use)
        )
