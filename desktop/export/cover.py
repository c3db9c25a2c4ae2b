"""The cover page: who made the file, for whom, why, and how to check its signature."""
from __future__ import annotations

from reportlab.platypus import Spacer, Table

from desktop.export.bundle import ExportBundle, human_kst
from desktop.export.redaction import contact_labels
from desktop.export.strings import CONFIDENTIAL, t
from desktop.export.styles import ALERT, FRAME_W, GRID, SHADE, para, table_style
from forms.display_text import pick


def _box(flowables: list, color, background=None) -> Table:
    table = Table([[flowables]], colWidths=[FRAME_W])
    style = [("BOX", (0, 0), (-1, -1), 1.2, color),
             ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]
    if background is not None:
        style.append(("BACKGROUND", (0, 0), (-1, -1), background))
    table.setStyle(table_style(*style))
    return table


def _record_name(bundle: ExportBundle, record_id: str) -> str:
    """A record as the clerk finds it in the file ("2. 동의서 (2026년 3월 1일)"), not its id:
    ids are for machines and stay in the embedded manifest."""
    from desktop.export.records import record_title

    for i, r in enumerate(bundle.records):
        if r.meta.id == record_id:
            return record_title(bundle, i)
    return t("consent_record", bundle.lang)


def _contacts_row(bundle: ExportBundle) -> str:
    """What contact details the court profile withheld and why, or why they are included."""
    if not bundle.profile.redacts_contacts:
        return ""
    lang = bundle.lang
    if bundle.contacts_reason:
        return t("contacts_included", lang, reason=bundle.contacts_reason)
    labels = contact_labels([r.form for r in bundle.records], lang)
    if not labels:
        return ""
    return t("contacts_redacted", lang, fields=", ".join(labels))


def time_source(bundle: ExportBundle) -> str:
    """How the signing time is vouched for, in words (cover and signature page)."""
    lang = bundle.lang
    if bundle.time_mode == "ltv":
        return t("time_ltv", lang)
    if bundle.time_mode == "pending":
        from desktop.export.trusted_time import LTV_SUFFIX

        return t("time_pending", lang, suffix=LTV_SUFFIX)
    return t("time_stamped" if bundle.timestamped else "time_laptop", lang)


def cover(bundle: ExportBundle) -> list:
    lang = bundle.lang
    out: list = [
        para(t("doc_title", lang), "title"),
        para(f"{bundle.case_code} · {pick(bundle.profile.title, lang)}", "subtitle"),
        Spacer(1, 14),
        _box([para(CONFIDENTIAL, "notice")], ALERT),
        Spacer(1, 14),
    ]
    if bundle.override_reason:
        consent = f"{t('override', lang)}: {bundle.override_reason}"
    elif bundle.consent_record_id:
        consent = t("consent_ok", lang, record=_record_name(bundle, bundle.consent_record_id))
    else:
        consent = ""
    files = len(bundle.attachments)
    rows = [
        ("center", bundle.center_name),
        ("case", bundle.case_code),
        ("exported_at", human_kst(bundle.exported_at, lang)),
        # The laptop's clock is only its word; a timestamp (now, or at the next sync) is
        # the center's. The cover is signed, so it cannot print its own timestamp's time.
        ("time_source", time_source(bundle)),
        ("worker", bundle.worker),
        ("recipient", bundle.recipient),
        ("purpose", bundle.purpose),
        ("profile", pick(bundle.profile.title, lang)),  # the id stays in the manifest
        ("consent", consent),
        ("counts", t("counts_value", lang, records=len(bundle.records), files=files)),
    ]
    contacts = _contacts_row(bundle)
    if contacts:
        rows.append(("contacts", contacts))
    if bundle.signer is not None:
        rows.append(("signer", bundle.signer.name))
    alert = {"consent": bool(bundle.override_reason), "contacts": bool(bundle.contacts_reason)}
    table_rows = [[para(t(k, lang), "label"), para(v, "alert" if alert.get(k) else "cell")]
                  for k, v in rows]
    if bundle.signer is not None:
        table_rows.append([para(t("fingerprint", lang), "label"),
                           para(bundle.signer.fingerprint, "fingerprint")])
    table = Table(table_rows, colWidths=[130, FRAME_W - 130])
    table.setStyle(table_style(
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (0, -1), SHADE),
        ("GRID", (0, 0), (-1, -1), 0.25, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ))
    out.append(table)
    if bundle.signer is not None:
        note = "device_local" if bundle.signer.device_local else "org_issued"
        out += [Spacer(1, 10), para(t(note, lang), "meta")]
    if bundle.override_reason:
        out += [Spacer(1, 10),
                _box([para(f"{t('override', lang)}: {bundle.override_reason}", "alert")],
                     ALERT)]
    return out
