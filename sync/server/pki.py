"""The center's certificate authority on the server (docs/security.md, "Key hierarchy").

    DATA/pki/           made by `server init`
      root.pem          the root CA's certificate (its key: KEYDIR/root-ca.key, offline)
      issuing.pem/.key  the issuing CA (key 0600, like the TLS and receipt keys): signs
                        worker certificates, the TSA's, and its own CRL
      tsa.pem/.key      the built-in RFC 3161 timestamp authority
      pki.json          {"crl_base": URL}: the address certificates name for their CRLs

The database holds what every server process must agree on: the certificates issued
(for revocation), the CRLs published (numbered by the database) and the TSA's serials.
CRLs are made under a lock on the identity row, so a CRL published after a revocation
committed always lists it, even with two processes on one PostgreSQL.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from crypto import ca
from sync.server.errors import ServerError
from sync.server.files import fsync_dir, write_new
from sync.server.models import CrlRow, IssuedCertificate, ServerIdentity

PKI_DIR = "pki"
CRL_PATH, ROOT_CRL_PATH = "/v1/pki/crl", "/v1/pki/root-crl"
CRL_REFRESH = timedelta(days=1)         # a CRL older than this is remade when asked for
CRL_NEXT_UPDATE = timedelta(days=2)
# The root's CRL is signed only at a key ceremony: it must outlast the time between
# ceremonies (docs/operations.md: at least yearly).
ROOT_CRL_NEXT_UPDATE = timedelta(days=400)
WORKER_DAYS = 365
RENEW_BEFORE = timedelta(days=30)


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def ski_hex(cert: x509.Certificate) -> str:
    return cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest.hex()


@dataclass(frozen=True)
class Authority:
    root: x509.Certificate
    issuing: x509.Certificate
    issuing_key: ec.EllipticCurvePrivateKey
    tsa: x509.Certificate
    tsa_key: ec.EllipticCurvePrivateKey
    crl_base: str

    @property
    def crl_url(self) -> str:
        return self.crl_base + CRL_PATH

    @property
    def root_crl_url(self) -> str:
        return self.crl_base + ROOT_CRL_PATH

    def chain_pem(self) -> bytes:
        """GET /v1/pki/chain: the issuing CA, the TSA certificate, the root."""
        return _pem(self.issuing) + _pem(self.tsa) + _pem(self.root)


def check_base_url(text: str) -> str:
    url = text.strip().rstrip("/")
    if (not url.startswith(("http://", "https://")) or len(url) > 200
            or not url.isprintable() or any(c.isspace() for c in url) or "?" in url):
        raise ServerError("--public-url: http(s)://호스트[:포트] 형식이어야 합니다",
                          "--public-url: expected http(s)://HOST[:PORT]")
    return url


def create(data: Path, root_key: ec.EllipticCurvePrivateKey, root: x509.Certificate,
           org: str, crl_base: str) -> Authority:
    """At `server init`: the issuing CA and the TSA under `root`, written to DATA/pki."""
    folder = data / PKI_DIR
    base = check_base_url(crl_base)
    issuing_key, issuing = ca.new_issuing(root_key, root, org, crl_url=base + ROOT_CRL_PATH)
    tsa_key, tsa = ca.new_tsa(issuing_key, issuing, org, crl_url=base + CRL_PATH)
    folder.mkdir(mode=0o700)
    for name, data_bytes in (("root.pem", _pem(root)), ("issuing.pem", _pem(issuing)),
                             ("issuing.key", _key_pem(issuing_key)), ("tsa.pem", _pem(tsa)),
                             ("tsa.key", _key_pem(tsa_key)),
                             ("pki.json", json.dumps({"crl_base": base}).encode() + b"\n")):
        write_new(folder / name, data_bytes)
    fsync_dir(folder)
    return Authority(root, issuing, issuing_key, tsa, tsa_key, base)


def load(data: Path) -> Authority | None:
    """DATA/pki, or None for a server initialised before the CA existed."""
    folder = data / PKI_DIR
    if not folder.is_dir():
        return None
    try:
        def cert(name: str) -> x509.Certificate:
            return x509.load_pem_x509_certificate((folder / name).read_bytes())

        def key(name: str) -> ec.EllipticCurvePrivateKey:
            k = serialization.load_pem_private_key((folder / name).read_bytes(), None)
            if not isinstance(k, ec.EllipticCurvePrivateKey):
                raise ValueError(name)
            return k

        auth = Authority(cert("root.pem"), cert("issuing.pem"), key("issuing.key"),
                         cert("tsa.pem"), key("tsa.key"),
                         str(json.loads((folder / "pki.json").read_text("utf-8"))["crl_base"]))
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise ServerError(f"{folder}: 인증 기관 파일을 읽을 수 없습니다 ({type(e).__name__})",
                          f"{folder}: cannot read the certificate authority's files "
                          f"({type(e).__name__})") from None
    if (auth.issuing.public_key() != auth.issuing_key.public_key()
            or auth.tsa.public_key() != auth.tsa_key.public_key()):
        raise ServerError(f"{folder}: 키가 인증서와 맞지 않습니다",
                          f"{folder}: a key does not match its certificate")
    return auth


def root_certificate(data: Path) -> x509.Certificate:
    auth_dir = data / PKI_DIR / "root.pem"
    try:
        return x509.load_pem_x509_certificate(auth_dir.read_bytes())
    except FileNotFoundError:
        raise ServerError(f"{data}: 이 서버에는 인증 기관이 없습니다 (인증 기관 이전에 만든 서버)",
                          f"{data}: this server has no certificate authority (initialised "
                          "before it existed)") from None
    except (OSError, ValueError) as e:
        raise ServerError(f"{auth_dir}: 읽을 수 없습니다 ({type(e).__name__})",
                          f"{auth_dir}: unreadable ({type(e).__name__})") from None


def _lock(session: Session) -> None:
    # one CRL maker at a time across processes (SQLite: the IMMEDIATE transaction already)
    session.execute(select(ServerIdentity.id).where(ServerIdentity.id == 1).with_for_update())


def _publish(session: Session, issuer: str, sign: object, now: datetime,
             next_update: timedelta) -> bytes:
    """Numbers a CRL row, then signs the CRL with that number (`sign(number)`)."""
    row = CrlRow(issuer=issuer, this_update=now, next_update=now + next_update, der=b"")
    session.add(row)
    session.flush()
    crl = sign(row.number)  # type: ignore[operator]
    row.der = crl.public_bytes(serialization.Encoding.DER)
    row.this_update, row.next_update = crl.last_update_utc, crl.next_update_utc
    return row.der


def publish_root_crl(session: Session, root_key: ec.EllipticCurvePrivateKey,
                     root: x509.Certificate, now: datetime,
                     revoked: list[tuple[int, datetime]] | None = None) -> bytes:
    """At a key ceremony: the root's CRL (revoked issuing CAs; none at `server init`)."""
    _lock(session)
    return _publish(session, "root", lambda n: ca.make_crl(
        root_key, root, revoked or [], now=now, next_update=ROOT_CRL_NEXT_UPDATE, number=n),
        now, ROOT_CRL_NEXT_UPDATE)


def publish_crl(session: Session, auth: Authority, now: datetime) -> bytes:
    """A new CRL of the issuing CA listing every certificate of it that was revoked."""
    _lock(session)
    rows = session.execute(select(IssuedCertificate.serial, IssuedCertificate.revoked_at)
                           .where(IssuedCertificate.issuer_ski == ski_hex(auth.issuing),
                                  IssuedCertificate.revoked_at.is_not(None))).all()
    revoked = [(int(serial, 16), when) for serial, when in rows if when is not None]
    return _publish(session, "issuing", lambda n: ca.make_crl(
        auth.issuing_key, auth.issuing, revoked, now=now, next_update=CRL_NEXT_UPDATE,
        number=n), now, CRL_NEXT_UPDATE)


def latest_crl(session: Session, issuer: str) -> CrlRow | None:
    return session.execute(select(CrlRow).where(CrlRow.issuer == issuer)
                           .order_by(CrlRow.number.desc()).limit(1)).scalar_one_or_none()


def current_crl(sessions: sessionmaker[Session], write_sessions: sessionmaker[Session],
                auth: Authority, now: datetime) -> bytes:
    """The issuing CA's newest CRL, remade first when it is a day old (or missing)."""
    with sessions() as session:
        row = latest_crl(session, "issuing")
        if row is not None and now - row.this_update < CRL_REFRESH:
            return row.der
    with write_sessions.begin() as session:
        _lock(session)
        row = latest_crl(session, "issuing")  # another process may have just made one
        if row is not None and now - row.this_update < CRL_REFRESH:
            return row.der
        return publish_crl(session, auth, now)


def issue(session: Session, auth: Authority, *, device_id: str, worker: str,
          team: str | None, csr_pem: str, now: datetime) -> list[str]:
    """A worker certificate for the key of `csr_pem` (in the caller's transaction): the
    chain as PEM texts, leaf first (leaf, issuing CA, root). ValueError for a bad CSR."""
    try:
        csr = x509.load_pem_x509_csr(csr_pem.encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        raise ValueError("csr: not a PEM certificate request") from None
    org = auth.issuing.subject.get_attributes_for_oid(x509.NameOID.ORGANIZATION_NAME)
    cert = ca.issue_worker(auth.issuing_key, auth.issuing, csr, worker=worker, team=team,
                           org=str(org[0].value) if org else "", days=WORKER_DAYS,
                           crl_url=auth.crl_url, now=now)
    session.add(IssuedCertificate(
        serial=format(cert.serial_number, "x"), device_id=device_id, worker=worker,
        issuer_ski=ski_hex(auth.issuing), not_after=cert.not_valid_after_utc, issued_at=now,
        der=cert.public_bytes(serialization.Encoding.DER)))
    return [c.decode("ascii") for c in (_pem(cert), _pem(auth.issuing), _pem(auth.root))]


def check_csr(csr_pem: str) -> None:
    """Refuses a bad request before anything is spent (an enrollment code)."""
    try:
        ca.check_csr(x509.load_pem_x509_csr(csr_pem.encode("ascii")))
    except (ValueError, UnicodeEncodeError) as e:
        raise ValueError(f"csr: {e}" if isinstance(e, ca.CAError)
                         else "csr: not a PEM certificate request") from None


def revoke_device(session: Session, auth: Authority | None, device_id: str,
                  now: datetime) -> list[str]:
    """Revokes every unrevoked certificate of the device (at `now`) and, when the issuing
    CA's key is at hand, publishes the new CRL in the same transaction. The serials."""
    serials = list(session.execute(
        update(IssuedCertificate).where(IssuedCertificate.device_id == device_id,
                                        IssuedCertificate.revoked_at.is_(None))
        .values(revoked_at=now).returning(IssuedCertificate.serial)).scalars())
    if serials and auth is not None:
        publish_crl(session, auth, now)
    return serials
