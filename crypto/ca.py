"""The organisation's certificate authority: certificate profiles and CRLs.

Three levels, ECDSA P-256 and SHA-256 throughout (pdfsig rejects Ed25519):

    root CA      self-signed; its key lives only in an offline key file (key ceremonies)
    issuing CA   signed by the root, kept on the server: signs worker and TSA certificates
                 and the CRL of what it issued; path length 0 (it signs no further CA)
    leaves       worker signing certificates (from a CSR made on the laptop) and the
                 timestamp authority's certificate

The profiles follow what the strict verifiers accept: pdfsig checks a signer for NSS's
"email signer" usage and answers "Unknown issue with Certificate" to a document-signing-only
extended key usage, so a worker certificate carries key usage digitalSignature +
nonRepudiation and no EKU at all (if one is ever added it must include emailProtection);
CA certificates carry no EKU; the TSA certificate has the critical timeStamping EKU RFC 3161
requires. Worker, TSA and issuing CA certificates name a CRL distribution point: pyHanko's
"hard-fail" revocation mode checks only certificates that declare one, so a certificate
without a distribution point would never be found revoked (the issuing CA's points to the
root's CRL, issued at each ceremony).
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

ROOT_VALIDITY = timedelta(days=20 * 365)
ISSUING_VALIDITY = timedelta(days=10 * 365)
TSA_VALIDITY = timedelta(days=10 * 365)
MAX_WORKER_DAYS = 365
# A laptop clock a few minutes fast must not sign "before the certificate was valid".
BACKDATE = timedelta(hours=1)


class CAError(ValueError):
    """A request the CA refuses (a CSR with a bad signature or the wrong key type)."""


def _now(now: datetime | None) -> datetime:
    return (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)


def _key_usage(*, signer: bool = False, non_repudiation: bool = False,
               ca: bool = False) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=signer, content_commitment=non_repudiation, key_encipherment=False,
        data_encipherment=False, key_agreement=False, key_cert_sign=ca, crl_sign=ca,
        encipher_only=False, decipher_only=False)


def _crl_dp(url: str) -> x509.CRLDistributionPoints:
    return x509.CRLDistributionPoints([x509.DistributionPoint(
        full_name=[x509.UniformResourceIdentifier(url)], relative_name=None,
        reasons=None, crl_issuer=None)])


def _aki(issuer_cert: x509.Certificate) -> x509.AuthorityKeyIdentifier:
    ski = issuer_cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    return x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski)


def _name(cn: str, org: str, ou: str | None = None) -> x509.Name:
    attrs = [x509.NameAttribute(NameOID.COMMON_NAME, cn)]
    if ou:
        attrs.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, ou))
    attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, org))
    return x509.Name(attrs)


def _builder(subject: x509.Name, issuer: x509.Name, public_key: ec.EllipticCurvePublicKey,
             start: datetime, end: datetime) -> x509.CertificateBuilder:
    return (x509.CertificateBuilder()
            .subject_name(subject).issuer_name(issuer).public_key(public_key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(start).not_valid_after(end)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key),
                           critical=False))


def _within(issuer_cert: x509.Certificate, end: datetime) -> datetime:
    # A certificate outliving its issuer would fail validation in its last years anyway;
    # clip it so its printed validity is the true one.
    return min(end, issuer_cert.not_valid_after_utc)


def new_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def new_root(org: str, *, now: datetime | None = None
             ) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = new_key()
    start = _now(now) - BACKDATE
    name = _name(f"{org} Root CA", org)
    cert = (_builder(name, name, key.public_key(), start, start + ROOT_VALIDITY)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(_key_usage(ca=True), critical=True)
            .sign(key, hashes.SHA256()))
    return key, cert


def new_issuing(root_key: ec.EllipticCurvePrivateKey, root_cert: x509.Certificate, org: str,
                *, crl_url: str | None = None, now: datetime | None = None,
                validity: timedelta = ISSUING_VALIDITY,
                ) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """The server's CA. `crl_url` is where the root's CRL is published."""
    key = new_key()
    start = _now(now) - BACKDATE
    builder = (_builder(_name(f"{org} Issuing CA", org), root_cert.subject, key.public_key(),
                        start, _within(root_cert, start + validity))
               .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
               .add_extension(_key_usage(ca=True), critical=True)
               .add_extension(_aki(root_cert), critical=False))
    if crl_url:
        builder = builder.add_extension(_crl_dp(crl_url), critical=False)
    return key, builder.sign(root_key, hashes.SHA256())


def new_tsa(issuer_key: ec.EllipticCurvePrivateKey, issuer_cert: x509.Certificate, org: str,
            *, crl_url: str | None = None, now: datetime | None = None,
            validity: timedelta = TSA_VALIDITY,
            ) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """The timestamp authority's key and certificate (RFC 3161 §2.3: the only EKU is
    timeStamping, critical)."""
    key = new_key()
    start = _now(now) - BACKDATE
    builder = (_builder(_name(f"{org} Timestamp Authority", org), issuer_cert.subject,
                        key.public_key(), start, _within(issuer_cert, start + validity))
               .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
               .add_extension(_key_usage(signer=True), critical=True)
               .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]),
                              critical=True)
               .add_extension(_aki(issuer_cert), critical=False))
    if crl_url:
        builder = builder.add_extension(_crl_dp(crl_url), critical=False)
    return key, builder.sign(issuer_key, hashes.SHA256())


def check_csr(csr: x509.CertificateSigningRequest) -> ec.EllipticCurvePublicKey:
    """The CSR's P-256 public key, once its self-signature proves possession of the key."""
    key = csr.public_key()
    if not isinstance(key, ec.EllipticCurvePublicKey) or key.curve.name != "secp256r1":
        raise CAError("the certificate request's key is not ECDSA P-256")
    if not csr.is_signature_valid:
        raise CAError("the certificate request's signature is not valid")
    return key


def issue_worker(issuer_key: ec.EllipticCurvePrivateKey, issuer_cert: x509.Certificate,
                 csr: x509.CertificateSigningRequest, *, worker: str, team: str | None,
                 org: str, days: int = MAX_WORKER_DAYS, crl_url: str | None = None,
                 now: datetime | None = None, serial: int | None = None) -> x509.Certificate:
    """A worker's signing certificate for the key in `csr`. The subject comes from the
    server's records (worker, team, organisation), never from the CSR's own subject."""
    public_key = check_csr(csr)
    if not 1 <= days <= MAX_WORKER_DAYS:
        raise CAError(f"a worker certificate is valid 1 to {MAX_WORKER_DAYS} days")
    start = _now(now) - BACKDATE
    builder = (_builder(_name(worker, org, team), issuer_cert.subject, public_key, start,
                        _within(issuer_cert, start + BACKDATE + timedelta(days=days)))
               .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
               .add_extension(_key_usage(signer=True, non_repudiation=True), critical=True)
               .add_extension(_aki(issuer_cert), critical=False))
    if serial is not None:
        builder = builder.serial_number(serial)
    if crl_url:
        builder = builder.add_extension(_crl_dp(crl_url), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


def make_crl(issuer_key: ec.EllipticCurvePrivateKey, issuer_cert: x509.Certificate,
             revoked: Iterable[tuple[int, datetime]], *, now: datetime | None = None,
             next_update: timedelta = timedelta(days=2),
             number: int) -> x509.CertificateRevocationList:
    """A CRL of `issuer_cert` listing (serial, revocation time) pairs; `number` must grow
    with each CRL the issuer publishes (RFC 5280 §5.2.3)."""
    this_update = _now(now)
    builder = (x509.CertificateRevocationListBuilder()
               .issuer_name(issuer_cert.subject)
               .last_update(this_update).next_update(this_update + next_update)
               .add_extension(x509.CRLNumber(number), critical=False)
               .add_extension(_aki(issuer_cert), critical=False))
    for serial, when in revoked:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder().serial_number(serial)
            .revocation_date(when.astimezone(UTC).replace(microsecond=0)).build())
    return builder.sign(issuer_key, hashes.SHA256())


def make_csr(key: ec.EllipticCurvePrivateKey, worker: str) -> x509.CertificateSigningRequest:
    """The laptop's request: only the key matters (the server sets the subject)."""
    return (x509.CertificateSigningRequestBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, worker)]))
            .sign(key, hashes.SHA256()))
