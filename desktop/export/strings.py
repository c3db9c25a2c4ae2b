"""Fixed texts printed in exports, Korean and English. Form texts come from the forms."""
from __future__ import annotations

CONFIDENTIAL = "비밀 — 무단 배포 금지 / CONFIDENTIAL — do not distribute"
WITHHELD = "비공개(제외됨) / withheld"
WITHHELD_CONTACT = "비공개(연락처 보호) / withheld: contact details"

_TEXTS: dict[str, tuple[str, str]] = {
    "doc_title": ("사례 기록 제출본", "Case record"),
    "center": ("기관", "Center"),
    "case": ("사례 번호", "Case code"),
    "exported_at": ("작성 시각", "Exported at"),
    "worker": ("담당 활동가", "Worker"),
    "recipient": ("제출처", "Recipient"),
    "purpose": ("제출 목적", "Purpose"),
    "profile": ("프로필", "Profile"),
    "consent": ("동의", "Consent"),
    "consent_ok": ("{record} (서명됨, 유효, 제출처 포함)",
                   "{record} (signed, in effect, covers this recipient)"),
    "consent_record": ("서명된 동의서", "the signed consent"),
    "contacts": ("연락처 정보", "Contact details"),
    "contacts_redacted": (
        "가림: {fields}. 법원에 낸 기록은 상대방(피고인 측)도 볼 수 있어, 피해자에게 연락할 "
        "방법이 전해지지 않도록 기본으로 가립니다.",
        "withheld: {fields}. A court file can reach the defence; the victim's contact "
        "details are withheld by default so that it cannot tell anyone how to reach them."),
    "contacts_included": ("포함함 — 사유: {reason}", "INCLUDED — reason: {reason}"),
    "signer": ("서명자", "Signer"),
    "time_source": ("시각의 근거", "Time source"),
    "time_laptop": ("노트북 시계가 주장하는 시각, 타임스탬프 없음",
                    "time claimed by the laptop, not timestamped"),
    "time_stamped": ("서명 시각은 타임스탬프 서비스가 확인함",
                     "signing time confirmed by a timestamp service"),
    "time_ltv": ("서명 시각은 노트북 시계의 시각이며, 서명할 때 센터의 타임스탬프 서버가 시각을 "
                 "확인함 (확인된 시각은 서명 안의 타임스탬프에 있고 `donghaeng verify`가 보여 줌)",
                 "signed at the laptop clock's time; confirmed at signing by the center's "
                 "timestamp authority (the confirmed time is in the signature's timestamp; "
                 "`donghaeng verify` shows it)"),
    "time_pending": ("아직 타임스탬프 없음 — 노트북 시계가 주장하는 시각. 다음 동기화 때 센터의 "
                     "타임스탬프를 더한 파일(같은 이름, 끝이 {suffix})이 이 파일 옆에 저장됨",
                     "not yet timestamped — time claimed by the laptop. At the next sync a "
                     "copy with the center's timestamp (the same name ending in {suffix}) is saved "
                     "beside this file"),
    "org_issued": ("이 서명 인증서는 기관(센터)이 발급했습니다. 센터의 루트 인증서로 확인하십시오: "
                   "`donghaeng verify 파일.pdf --trust 루트.pem`.",
                   "This signing certificate was issued by the organisation (the center); "
                   "check it against the center's root certificate: `donghaeng verify "
                   "FILE.pdf --trust ROOT.pem`."),
    "fingerprint": ("서명 인증서 SHA-256 지문", "Signer certificate SHA-256 fingerprint"),
    "device_local": ("이 서명 인증서는 이 기기에서 만든 것으로, 아직 기관의 확인을 받지 "
                     "않았습니다. 지문을 기관에 문의해 확인하십시오.",
                     "This signing certificate was created on the worker's device and is "
                     "not yet verified by the organisation; confirm the fingerprint with "
                     "the center."),
    "override": ("동의 없이 내보냄 — 사유", "Exported WITHOUT consent in effect — reason"),
    "counts": ("포함 내용", "Contents"),
    "counts_value": ("기록 {records}건, 첨부 파일 {files}건", "{records} records, {files} files"),
    "toc": ("목차", "Contents"),
    "records": ("기록", "Records"),
    "record_meta": ("판 {version} · 작성자 {author} · 작성 {created} · 수정 {updated}",
                    "version {version} · by {author} · created {created} · "
                    "updated {updated}"),
    "activity": ("동행 지원 활동 내역", "Companion activity"),
    "act_date": ("일시", "Date"),
    "act_place": ("장소", "Place"),
    "act_duration": ("소요 시간", "Duration"),
    "act_worker": ("활동가", "Worker"),
    "act_outcome": ("결과", "Outcome"),
    "no_activity": ("동행 기록이 없습니다.", "No companion sessions recorded."),
    "manifest": ("증거 목록 (해시값)", "Evidence manifest (hash values)"),
    "manifest_intro": (
        "아래 파일은 원본 그대로 이 PDF에 첨부되어 있습니다(PDF 뷰어의 첨부 파일 목록). "
        "SHA-256/MD5 값은 파일을 가져올 때 계산한 값이며, 첨부된 파일에서 다시 계산해 "
        "같은지 확인할 수 있습니다.",
        "Each file below is attached to this PDF byte for byte (see the viewer's attachments "
        "panel). SHA-256 and MD5 were computed when the file was imported; recompute them "
        "from the attached file to confirm it is identical."),
    "m_no": ("번호", "No."),
    "m_name": ("파일 이름", "File name"),
    "m_size": ("크기(바이트)", "Size (bytes)"),
    "m_hashed": ("해시 계산 시각", "Hashed at"),
    "m_record": ("기록", "Record"),
    "no_files": ("첨부 파일이 없습니다.", "No attached files."),
    "images": ("이미지 증거", "Image evidence"),
    "signatures": ("서명 (동의서 등)", "Signatures (consent and others)"),
    "image_intimate": ("민감한 촬영물이라 이 문서에 이미지를 표시하지 않았습니다. 원본은 첨부 파일 "
                       "{no}에 있으며, 아래 해시값으로 같은 파일임을 확인할 수 있습니다.",
                       "An intimate image: not drawn in this document. The original is "
                       "attached as {no}; the hash values below identify it."),
    "image_hash_only": ("해시값만 보관한 증거입니다. 파일 자체는 보관하거나 첨부하지 않았습니다.",
                        "Hash-only evidence: the file itself was never kept nor attached."),
    "m_hash_only": ("해시값만 보관 (파일 없음, 첨부하지 않음)",
                    "Hash only (no file kept, nothing embedded)"),
    "m_note": ("메모", "Note"),
    "m_vpdq": ("vPDQ: 프레임 {n}개의 해시", "vPDQ: hashes of {n} frames"),
    "image_caption": ("{no} · {name} · SHA-256 {sha}", "{no} · {name} · SHA-256 {sha}"),
    "image_too_large": ("이미지가 너무 커서 화면에 표시하지 않았습니다. 원본은 첨부 파일 {no}에 "
                        "있습니다.",
                        "The image is too large to display here; the original is attached "
                        "as {no}."),
    "image_unreadable": ("이미지를 읽을 수 없어 표시하지 않았습니다. 원본은 첨부 파일 {no}에 "
                         "있습니다.",
                         "The image could not be decoded for display; the original is attached "
                         "as {no}."),
    "signature": ("전자서명 및 검증 방법", "Signature and how to verify"),
    "verify_howto": (
        "이 문서는 PAdES 전자서명으로 서명되었습니다. 서명 이후 한 바이트라도 바뀌면 서명 "
        "검증이 실패합니다. Adobe Acrobat Reader 등 PAdES 서명 검증 도구에서 서명 패널을 "
        "열거나, `donghaeng verify 파일.pdf --trust 인증서.pem` 또는 `pdfsig 파일.pdf` "
        "(poppler)로 확인할 수 있습니다. 종료 코드가 아니라 출력된 문장을 읽으십시오(pdfsig는 "
        "내용이 바뀌어도 0으로 끝납니다). 아래 인증서 지문을 센터가 따로 알려 준 값과 "
        "비교하십시오: 이 문서에 적힌 값은 서명한 사람이 적은 것이므로 그것만으로는 누가 "
        "서명했는지 증명하지 못합니다.",
        "This document carries a PAdES digital signature: changing any byte after signing "
        "makes verification fail. Open the signature panel of Adobe Acrobat Reader or any "
        "PAdES validator, or run `donghaeng verify FILE.pdf --trust CERT.pem` or `pdfsig "
        "FILE.pdf` (poppler). Read what they print, not their exit code (pdfsig exits 0 "
        "even when the content was changed). Compare the certificate fingerprint below with "
        "the one the center gives you separately: the value printed in this document was "
        "written by whoever signed it and does not by itself prove who that was."),
    "stamp_title": ("전자서명 / Digital signature", "Digital signature / 전자서명"),
    "stamp_signer": ("서명자", "Signer"),
    "stamp_time": ("서명 시각", "Signed at"),
    "stamp_fp": ("인증서 SHA-256", "Certificate SHA-256"),
    "stamp_local": ("기기 인증서 — 기관 미확인", "device certificate — not verified by the "
                    "organisation"),
    "other_files": ("기타 첨부", "Other files"),
    "attached_as": ("첨부 {nos}", "attached as {nos}"),
    "item": ("항목 {n}", "item {n}"),
    "empty_record": ("(입력된 값 없음)", "(no values entered)"),
}


def t(key: str, lang: str, **kwargs) -> str:
    ko, en = _TEXTS[key]
    text = en if lang == "en" else ko
    return text.format(**kwargs) if kwargs else text
