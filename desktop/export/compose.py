"""The whole document from an ExportBundle: cover, contents, records, companion activity,
evidence manifest, image pages and the signature page. Returns unsigned PDF bytes."""
from __future__ import annotations

from reportlab.platypus import CondPageBreak, PageBreak, Spacer

from desktop.export.activity import SESSION_FORM, activity_table
from desktop.export.bundle import AttachmentEntry, ExportBundle, human_kst
from desktop.export.cover import cover
from desktop.export.document import Heading, PageNumbers, TocEntry, build, toc_table
from desktop.export.images import DisplayImage, ImageFlowable
from desktop.export.manifest import manifest_table
from desktop.export.records import RecordRenderer, record_title
from desktop.export.strings import t
from desktop.export.styles import FRAME_H, FRAME_W, para
from forms.display_text import pick
from forms.field_types import field_type

IMAGE_MAX_H = FRAME_H - 120


def _images(bundle: ExportBundle, displays: dict) -> list:
    return [a for a in bundle.attachments if a.label in displays]


def signature_label(bundle: ExportBundle, a: AttachmentEntry) -> str | None:
    """"동의서 — 본인 서명" for the file of a signature field; None for evidence. A consent's
    signature is not image evidence and must not be presented as such."""
    entry = next((r for r in bundle.records if r.meta.id == a.record_id), None)
    f = entry.form.field_at(a.field) if entry is not None and a.field else None
    if entry is None or f is None or not field_type(f).one_file:
        return None
    return f"{pick(entry.form.title, bundle.lang)} — {pick(f.label, bundle.lang)}"


def _image_groups(bundle: ExportBundle, displays: dict) -> list[tuple[str, list]]:
    """(section key, [(attachment, heading)]): signatures first, then image evidence."""
    sigs, evidence = [], []
    for a in _images(bundle, displays):
        label = signature_label(bundle, a)
        if label is not None:
            sigs.append((a, f"{a.label} · {label}"))
        else:
            evidence.append((a, f"{a.label} · {a.name}"))
    return [(k, items) for k, items in (("signatures", sigs), ("images", evidence)) if items]


def toc_entries(bundle: ExportBundle, displays: dict) -> list[TocEntry]:
    lang = bundle.lang
    out = [TocEntry("records", t("records", lang), 0)]
    out += [TocEntry(f"rec{i}", record_title(bundle, i), 1) for i in range(len(bundle.records))]
    if bundle.profile.includes_form(SESSION_FORM):
        out.append(TocEntry("activity", t("activity", lang), 0))
    out.append(TocEntry("manifest", t("manifest", lang), 0))
    for key, items in _image_groups(bundle, displays):
        out.append(TocEntry(key, t(key, lang), 0))
        out += [TocEntry(f"img{a.label}", heading, 1) for a, heading in items]
    out.append(TocEntry("signature", t("signature", lang), 0))
    return out


def compose(bundle: ExportBundle, displays: dict[str, DisplayImage | str]) -> tuple[bytes, int]:
    """`displays` maps an image attachment's label to its prepared image, or to the reason
    ("too_large" / "unreadable") it is not shown."""
    lang = bundle.lang
    entries = toc_entries(bundle, displays)
    renderer = RecordRenderer(bundle)

    def story(numbers: PageNumbers) -> list:
        out = cover(bundle)
        out += [PageBreak(), Heading(t("toc", lang), "h0", "toc", 0, in_toc=False),
                toc_table(entries, numbers), PageBreak(),
                Heading(t("records", lang), "h0", "records", 0)]
        for i, entry in enumerate(bundle.records):
            m = entry.meta
            out += [CondPageBreak(120), Heading(record_title(bundle, i), "h1", f"rec{i}", 1),
                    para(t("record_meta", lang, version=m.version, author=m.author,
                           created=human_kst(m.created, lang),
                           updated=human_kst(m.updated, lang)), "meta")]
            out += renderer.flowables(entry)
            out.append(Spacer(1, 10))
        if bundle.profile.includes_form(SESSION_FORM):
            out += [CondPageBreak(160), Heading(t("activity", lang), "h0", "activity", 0)]
            out += activity_table(bundle)
        out += [PageBreak(), Heading(t("manifest", lang), "h0", "manifest", 0)]
        out += manifest_table(bundle)
        for key, items in _image_groups(bundle, displays):
            for n, (a, heading) in enumerate(items):
                out.append(PageBreak())
                if n == 0:
                    out.append(Heading(t(key, lang), "h0", key, 0))
                out += _image_page(a, heading, displays[a.label], lang)
        from desktop.export.cover import time_source

        out += [PageBreak(), Heading(t("signature", lang), "h0", "signature", 0),
                para(t("verify_howto", lang), "body"), Spacer(1, 4),
                para(f"{t('stamp_time', lang)}: {time_source(bundle)}", "body")]
        if bundle.signer is not None:
            out += [Spacer(1, 8), para(t("fingerprint", lang), "label"),
                    para(bundle.signer.fingerprint, "fingerprint")]
        return out

    title = f"{bundle.case_code} — {pick(bundle.profile.title, lang)}"
    return build(story, case_code=bundle.case_code, title=title, author=bundle.worker)


def _image_page(a: AttachmentEntry, heading: str, shown, lang: str) -> list:
    out: list = [Heading(heading, "h1", f"img{a.label}", 1)]
    if isinstance(shown, DisplayImage):
        out.append(ImageFlowable(shown, a.label, FRAME_W, IMAGE_MAX_H))
    elif shown in ("intimate", "hash_only"):
        out.append(para(t(f"image_{shown}", lang, no=a.label), "alert"))
        out += [Spacer(1, 6), para(f"SHA-256: {a.sha256}", "hash"),
                para(f"MD5: {a.md5}", "hash")]
        if a.pdq:
            out.append(para(f"PDQ: {a.pdq} (quality {a.pdq_quality})", "hash"))
    else:
        key = "image_too_large" if shown == "too_large" else "image_unreadable"
        out.append(para(t(key, lang, no=a.label), "alert"))
    out += [Spacer(1, 4),
            para(t("image_caption", lang, no=a.label, name=a.name, sha=a.sha256), "caption")]
    return out
