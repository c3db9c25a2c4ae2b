"""Worker names: validation, the folder id derived from them, and case-code prefixes."""
from __future__ import annotations

import hashlib
import re
import unicodedata

from desktop.vault.errors import InvalidInput, InvalidWorkerName

MAX_NAME_CHARS = 64
_FORBIDDEN = set("/\\\x00")


def normalize_worker(name: str) -> str:
    """The worker name as stored and shown: NFC, surrounding spaces removed.

    Refuses anything that could act as a path or hide characters: separators, `..`, NUL,
    control and format characters, empty or over-long names. The folder is named by a
    hash anyway, so this is belt and braces, and it keeps names printable in lists.
    """
    def refuse(ko_why: str, en_why: str):
        return InvalidWorkerName(f"사용할 수 없는 작업자 이름입니다 ({ko_why})",
                                 f"worker name not allowed ({en_why})")

    if not isinstance(name, str):
        raise refuse("문자열이 아님", "not text")
    text = unicodedata.normalize("NFC", name).strip()
    if not text:
        raise refuse("비어 있음", "empty")
    if len(text) > MAX_NAME_CHARS:
        raise refuse(f"{MAX_NAME_CHARS}자 초과", f"longer than {MAX_NAME_CHARS} characters")
    if any(ch in _FORBIDDEN for ch in text) or ".." in text or text.startswith("."):
        raise refuse("경로 문자 포함", "contains path characters")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp") for ch in text):
        raise refuse("제어 문자 포함", "contains control characters")
    return text


def safe_id(name: str) -> str:
    """Folder name of a worker's vault: a hash of the normalised, case-folded name.

    Case folding makes "Kim" and "kim" one vault instead of two look-alikes. The hash
    keeps Korean (and any) names out of paths, so no file-system encoding issue arises.
    """
    key = normalize_worker(name).casefold().encode("utf-8")
    return "w" + hashlib.sha256(b"donghaeng/worker/" + key).hexdigest()[:24]


# Initial letter of each Hangul initial consonant in Revised Romanization; the silent
# initial (ㅇ) takes the vowel's letter instead.
_INITIALS = "GKNDTRMBPSS?JJCKTPH"
_VOWELS = "AAYYEEYYOWWOYUWWWYEUI"
# Family names whose usual spelling starts with another letter than RR gives (Kim, Lee,
# Park, Choi, ...).
_SURNAMES = {"김": "K", "이": "L", "박": "P", "최": "C", "조": "C", "강": "K", "고": "K",
             "구": "K", "권": "K", "곽": "K", "기": "K", "길": "K", "공": "K", "금": "K",
             "임": "L", "림": "L", "류": "R", "유": "Y", "노": "N", "차": "C", "채": "C",
             "천": "C", "추": "C", "정": "J", "지": "J", "진": "J"}


def _hangul_initial(ch: str) -> str | None:
    code = ord(ch) - 0xAC00
    if not 0 <= code < 11172:
        return None
    lead, vowel = code // 588, (code % 588) // 28
    letter = _INITIALS[lead]
    return _VOWELS[vowel] if letter == "?" else letter


# Characters for the device part of a prefix: no 0/O, 1/I/L look-alikes.
_DEVICE_CHARS = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def default_prefix(name: str, device_id: str) -> str:
    """The prefix a new vault starts with: the worker's initials plus two characters
    derived from the vault's device id ("KDH" + "7Q"), so two workers with the same
    initials (김동행, 김도훈) generate different codes without talking to the server
    (1 in 961 pairs still share one; the worker can set another in the app or with
    `donghaeng vault prefix NEW`)."""
    digest = hashlib.sha256(b"donghaeng/prefix/" + device_id.encode()).digest()
    n = len(_DEVICE_CHARS)
    suffix = _DEVICE_CHARS[digest[0] % n] + _DEVICE_CHARS[digest[1] % n]
    return initials_prefix(name)[:6] + suffix


def initials_prefix(name: str) -> str:
    """An ASCII prefix from the worker's name ("KIM-2026-0007" style); the default of
    vaults before schema 5, now the first part of `default_prefix`.

    * Latin names: the first word's letters if there is one word ("kim" -> "KIM"), else the
      initials of up to four words ("Kim Ji Won" -> "KJW").
    * Korean names: the initial letter of each syllable's romanisation, with the usual
      spelling of common family names ("김동행" -> "KDH", "이수진" -> "LSJ").
    * Anything else: "W" + 3 hex digits of the name's hash.
    """
    text = normalize_worker(name)
    words = [w for w in re.split(r"[\s\-_.]+", text) if w]
    if all(w.isascii() and w.isalnum() for w in words) and words:
        if len(words) == 1:
            letters = "".join(ch for ch in words[0] if ch.isalpha())[:4].upper()
        else:
            letters = "".join(w[0] for w in words[:4] if w[0].isalpha()).upper()
        if letters:
            return letters
    syllables = [ch for ch in text if _hangul_initial(ch)]
    if syllables and len(syllables) == sum(1 for ch in text if not ch.isspace()):
        # every syllable has an initial (the filter above): the `or ""` only types it
        first = _SURNAMES.get(syllables[0]) or _hangul_initial(syllables[0]) or ""
        return (first + "".join(_hangul_initial(ch) or "" for ch in syllables[1:4]))[:4]
    return "W" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:3].upper()


_PREFIX_RE = re.compile(r"^[A-Z0-9\uac00-\ud7a3]{2,8}$")
_CODE_RE = re.compile(r"^[^\W_][\w.\-]{0,63}$")


def check_prefix(prefix: str) -> str:
    """2-8 letters (Latin, stored upper-case), digits or Hangul syllables."""
    text = unicodedata.normalize("NFC", prefix).strip().upper() \
        if isinstance(prefix, str) else ""
    if not _PREFIX_RE.match(text):
        raise InvalidInput(f"사례 번호 접두어는 영문, 숫자, 한글 2~8자입니다: {prefix!r}",
                           f"a case prefix is 2-8 letters, digits or Hangul: {prefix!r}")
    return text


def check_case_code(code: str) -> str:
    """Case codes name export files, so they stay file-name safe: letters (Korean too),
    digits, '-', '_', '.', not starting with a symbol, at most 64 characters."""
    text = unicodedata.normalize("NFC", code).strip() if isinstance(code, str) else ""
    if not _CODE_RE.match(text) or ".." in text:
        raise InvalidInput(f"사용할 수 없는 사례 번호입니다: {code!r} (문자, 숫자, - _ . 만, 64자 이내)",
                           f"case code not allowed: {code!r} (letters, digits, - _ . only, "
                           "at most 64 characters)")
    return text
