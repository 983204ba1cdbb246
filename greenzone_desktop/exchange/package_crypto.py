"""The outer envelope of a handoff package (.gzx): prefix, plaintext header, sealed body.

Layout (see docs/HANDOFF-FORMAT.md): ``GZVX`` + format byte + header length (uint32, big
endian) + header JSON + body + trailer. Encrypted: the body is AES-256-GCM ciphertext of the
inner zip and the trailer is the 16-byte GCM tag, with prefix and header as associated data.
Unencrypted: the body is the zip itself and the trailer is SHA-256 over everything before it.

Nothing here knows about tables or manifests; ``package.py`` builds the inner zip.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import struct
import tempfile
import unicodedata
from dataclasses import dataclass
from typing import IO, Any, BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from greenzone_desktop import __version__ as APP_VERSION

MAGIC = b"GZVX"
FORMAT_VERSION = 1
PREFIX = struct.Struct(">4sBI")  # magic, format version, header length
MAX_HEADER = 64 * 1024
GCM_TAG = 16
SHA_TRAILER = 32
NONCE_SIZE = 12
SALT_SIZE = 16
CHECK_SIZE = 16
CHECK_LABEL = b"GZVX password check v1"
CIPHER_NAME = "AES-256-GCM"

DEFAULT_SCRYPT_N = 2**15  # 32 MiB with r=8: ~0.1 s on a modern PC, well under 1 s on an old one
DEFAULT_SCRYPT_R = 8
DEFAULT_SCRYPT_P = 1
# A header is read before anything is authenticated, so its KDF cost is bounded: a hostile
# file must not be able to make the reader allocate gigabytes or spin for minutes.
MIN_SCRYPT_N = 2**10
MAX_SCRYPT_N = 2**20
MAX_SCRYPT_MEM = 128 * 1024 * 1024
MAX_SCRYPT_WORK = 2**23  # n * r * p; the default is 2**18

CHUNK = 1024 * 1024
# Decrypted bodies stay in memory up to this size and only then spill to a temporary file;
# a real village package is a few MiB compressed.
SPOOL_IN_MEMORY = 128 * 1024 * 1024
MAX_FILE_SIZE = 2 * 1024**3


class PackageError(ValueError):
    """A package that cannot be written or must not be read; ``message`` is Vietnamese."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __reduce__(self) -> tuple[Any, ...]:  # across a process boundary (a pile's reader)
        return (PackageError, (self.code, self.message))


def _size_text(size: int) -> str:
    if size >= 1024**2:
        return f"{size / 1024**2:.1f} MB".replace(".", ",")
    return f"{size} byte"


def error(code: str, detail: str = "") -> PackageError:
    """Build the PackageError for ``code``; ``detail`` fills in the specifics."""
    messages = {
        "empty": "Tệp rỗng (0 byte), không có dữ liệu. Hãy chép lại gói từ máy gửi.",
        "not_a_package": "Tệp này không phải là gói dữ liệu Sổ Vùng Xanh (.gzx).",
        "truncated": "Tệp bị cắt cụt{d} — có thể do rút USB khi đang chép. "
        "Hãy chép lại gói từ máy gửi.",
        "too_large": "Tệp quá lớn{d}.",
        "newer_version": "Gói được tạo bởi phiên bản mới hơn ({d}); hãy cập nhật ứng dụng.",
        "wrong_password": "Sai mật khẩu. Hãy nhập đúng mật khẩu mà thôn và phường đã thống nhất.",
        "password_required": "Gói này được mã hoá: cần nhập mật khẩu để mở.",
        "not_encrypted": "Gói này không được mã hoá nhưng đang mở với mật khẩu; "
        "đã từ chối vì không xác thực được người gửi.",
        "tampered": "Tệp đã bị sửa đổi hoặc hỏng{d}. Không nhập dữ liệu từ tệp này; "
        "hãy xin gửi lại gói.",
    }
    template = messages.get(code, "{d}")
    if code in ("truncated", "too_large", "tampered") and detail:
        detail = f" ({detail})"
    return PackageError(code, template.format(d=detail))


@dataclass(frozen=True)
class KdfParams:
    """scrypt parameters; stored in the header so a later version can raise them."""

    n: int = DEFAULT_SCRYPT_N
    r: int = DEFAULT_SCRYPT_R
    p: int = DEFAULT_SCRYPT_P
    salt: bytes = b""

    def check_bounds(self) -> bool:
        """True when deriving a key with these parameters is safe to attempt."""
        return (
            MIN_SCRYPT_N <= self.n <= MAX_SCRYPT_N
            and self.n & (self.n - 1) == 0
            and 1 <= self.r <= 32
            and 1 <= self.p <= 16
            and 128 * self.n * self.r <= MAX_SCRYPT_MEM
            and self.n * self.r * self.p <= MAX_SCRYPT_WORK
            and SALT_SIZE <= len(self.salt) <= 64
        )


@dataclass(frozen=True)
class Keys:
    aes: bytes
    check: bytes  # the password check value stored in the header


@dataclass(frozen=True)
class HeaderInfo:
    """What the plaintext header says; readable without the password."""

    format_version: int
    encrypted: bool
    app_version: str
    body_size: int
    file_size: int
    kdf: KdfParams | None = None
    nonce: bytes = b""
    check: bytes = b""


def derive_keys(password: str, kdf: KdfParams) -> Keys:
    """scrypt(password NFC, salt) → 64 bytes: AES key, then the key of the check value."""
    # Composed and decomposed Vietnamese look identical; Unikey and Windows IMEs differ.
    secret = unicodedata.normalize("NFC", password).encode("utf-8")
    derived = hashlib.scrypt(
        secret, salt=kdf.salt, n=kdf.n, r=kdf.r, p=kdf.p, maxmem=2 * MAX_SCRYPT_MEM, dklen=64
    )
    check = hmac.new(derived[32:], CHECK_LABEL, hashlib.sha256).digest()[:CHECK_SIZE]
    return Keys(aes=derived[:32], check=check)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(value: Any, size_range: tuple[int, int]) -> bytes:
    if not isinstance(value, str):
        raise ValueError("not base64 text")
    data = base64.b64decode(value.encode("ascii"), validate=True)
    if not size_range[0] <= len(data) <= size_range[1]:
        raise ValueError("wrong length")
    return data


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise ValueError("duplicate key")
    return result


def _header_bytes(header: dict[str, Any]) -> bytes:
    return json.dumps(header, separators=(",", ":"), sort_keys=True).encode("ascii")


def _sink_copy(source: BinaryIO, size: int, sink: IO[bytes], transform: Any, hasher: Any) -> None:
    """Copy exactly ``size`` bytes through ``transform`` into ``sink``, in bounded chunks."""
    left = size
    while left:
        chunk = source.read(min(CHUNK, left))
        if not chunk:
            raise error("truncated")
        left -= len(chunk)
        if hasher is not None:
            hasher.update(chunk)
        sink.write(transform(chunk) if transform is not None else chunk)


def seal(
    out: BinaryIO,
    body: BinaryIO,
    body_size: int,
    password: str | None,
    *,
    scrypt_n: int = DEFAULT_SCRYPT_N,
    keys: Keys | None = None,
    kdf: KdfParams | None = None,
) -> None:
    """Write prefix, header, ``body`` (encrypted unless ``password`` is None) and trailer."""
    header: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "app_version": APP_VERSION,
        "encrypted": password is not None,
        "body_size": body_size,
    }
    if password is not None:
        if kdf is None:
            kdf = KdfParams(n=scrypt_n, salt=os.urandom(SALT_SIZE))
        if not kdf.check_bounds():
            raise PackageError("invalid_data", f"Tham số scrypt không hợp lệ: {kdf}.")
        keys = keys or derive_keys(password, kdf)
        nonce = os.urandom(NONCE_SIZE)
        header.update(
            cipher=CIPHER_NAME,
            kdf={"name": "scrypt", "n": kdf.n, "r": kdf.r, "p": kdf.p, "salt": _b64(kdf.salt)},
            nonce=_b64(nonce),
            check=_b64(keys.check),
        )
    raw = _header_bytes(header)
    prefix = PREFIX.pack(MAGIC, FORMAT_VERSION, len(raw)) + raw
    out.write(prefix)
    if password is None:
        hasher = hashlib.sha256(prefix)
        _sink_copy(body, body_size, out, None, hasher)
        out.write(hasher.digest())
        return
    assert keys is not None
    encryptor = Cipher(algorithms.AES(keys.aes), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(prefix)
    _sink_copy(body, body_size, out, encryptor.update, None)
    out.write(encryptor.finalize())
    out.write(encryptor.tag)


def seal_bytes(inner: bytes, password: str | None, *, scrypt_n: int = DEFAULT_SCRYPT_N) -> bytes:
    """A whole package file around ``inner`` (used to build test packages by hand)."""
    import io

    out = io.BytesIO()
    seal(out, io.BytesIO(inner), len(inner), password, scrypt_n=scrypt_n)
    return out.getvalue()


def _parse_header(raw: bytes, file_size: int) -> HeaderInfo:
    header = json.loads(raw.decode("ascii"), object_pairs_hook=_no_duplicates)
    if not isinstance(header, dict) or header.get("format") != FORMAT_VERSION:
        raise ValueError("format field")
    encrypted = header.get("encrypted")
    body_size = header.get("body_size")
    app_version = header.get("app_version")
    if type(encrypted) is not bool or type(body_size) is not int or body_size < 0:
        raise ValueError("fields")
    if not isinstance(app_version, str):
        raise ValueError("app_version")
    if not encrypted:
        if set(header) != {"format", "app_version", "encrypted", "body_size"}:
            raise ValueError("unexpected keys")
        return HeaderInfo(FORMAT_VERSION, False, app_version, body_size, file_size)
    kdf = header.get("kdf")
    if header.get("cipher") != CIPHER_NAME or not isinstance(kdf, dict):
        raise ValueError("cipher")
    if kdf.get("name") != "scrypt" or set(kdf) != {"name", "n", "r", "p", "salt"}:
        raise ValueError("kdf")
    if not all(type(kdf[k]) is int for k in ("n", "r", "p")):
        raise ValueError("kdf numbers")
    params = KdfParams(kdf["n"], kdf["r"], kdf["p"], _unb64(kdf["salt"], (SALT_SIZE, 64)))
    if not params.check_bounds():
        raise ValueError("kdf bounds")
    return HeaderInfo(
        FORMAT_VERSION,
        True,
        app_version,
        body_size,
        file_size,
        kdf=params,
        nonce=_unb64(header.get("nonce"), (NONCE_SIZE, NONCE_SIZE)),
        check=_unb64(header.get("check"), (CHECK_SIZE, CHECK_SIZE)),
    )


def _newer_detail(version: int, raw: bytes) -> str:
    detail = f"định dạng gói {version}, ứng dụng này đọc được định dạng {FORMAT_VERSION}"
    try:  # best effort: a newer header may still be JSON naming the app that wrote it
        app = json.JSONDecoder().raw_decode(raw.decode("utf-8", "replace"))[0].get("app_version")
    except (ValueError, AttributeError):
        app = None
    if isinstance(app, str) and len(app) < 40:
        detail += f"; gói do Sổ Vùng Xanh {app} tạo, máy này đang dùng {APP_VERSION}"
    return detail


def read_header(stream: BinaryIO, max_file_size: int = MAX_FILE_SIZE) -> tuple[HeaderInfo, bytes]:
    """Parse and bound-check the prefix and header; returns them and the raw prefix+header."""
    stream.seek(0, os.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    if size == 0:
        raise error("empty")
    if size > max_file_size:
        raise error("too_large", f"{_size_text(size)}; giới hạn {_size_text(max_file_size)}")
    start = stream.read(PREFIX.size)
    if len(start) < PREFIX.size:
        if MAGIC.startswith(start[: len(MAGIC)]):
            raise error("truncated", f"chỉ có {len(start)} byte")
        raise error("not_a_package")
    magic, version, header_len = PREFIX.unpack(start)
    if magic != MAGIC or version == 0:
        raise error("not_a_package")
    if version > FORMAT_VERSION:  # checked first: a newer header may be laid out differently
        raise error("newer_version", _newer_detail(version, stream.read(MAX_HEADER)))
    if header_len == 0 or header_len > MAX_HEADER:
        raise error("tampered", "độ dài phần đầu không hợp lệ")
    raw = stream.read(header_len)
    if len(raw) < header_len:
        raise error("truncated", "thiếu phần đầu tệp")
    try:
        info = _parse_header(raw, size)
    except (ValueError, UnicodeDecodeError, KeyError, TypeError) as exc:
        raise error("tampered", "phần đầu tệp không đọc được") from exc
    trailer = GCM_TAG if info.encrypted else SHA_TRAILER
    expected = PREFIX.size + header_len + info.body_size + trailer
    if size < expected:
        raise error("truncated", f"thiếu {expected - size} byte")
    if size > expected:
        raise error("tampered", f"thừa {size - expected} byte ở cuối tệp")
    return info, start + raw


def open_body(
    stream: BinaryIO,
    password: str | None,
    max_file_size: int = MAX_FILE_SIZE,
    known_keys: tuple[KdfParams, Keys] | None = None,
) -> tuple[HeaderInfo, IO[bytes]]:
    """Authenticate the whole file and return the inner zip as a seekable temporary stream.

    Nothing of the body is handed out before the GCM tag (or SHA-256 trailer) has been
    checked, so callers never see unauthenticated plaintext.
    """
    info, head = read_header(stream, max_file_size)
    if info.encrypted and password is None:
        raise error("password_required")
    if not info.encrypted and password is not None:
        raise error("not_encrypted")
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115
    try:
        if info.encrypted:
            assert info.kdf is not None and password is not None
            if known_keys is not None and known_keys[0] == info.kdf:
                keys = known_keys[1]  # the writer verifying its own file: skip a second scrypt
            else:
                keys = derive_keys(password, info.kdf)
            if not hmac.compare_digest(keys.check, info.check):
                raise error("wrong_password")
            decryptor = Cipher(algorithms.AES(keys.aes), modes.GCM(info.nonce)).decryptor()
            decryptor.authenticate_additional_data(head)
            _sink_copy(stream, info.body_size, spool, decryptor.update, None)
            tag = stream.read(GCM_TAG)
            try:
                spool.write(decryptor.finalize_with_tag(tag))
            except (InvalidTag, ValueError) as exc:
                raise error("tampered", "mã xác thực AES-GCM không khớp") from exc
        else:
            hasher = hashlib.sha256(head)
            _sink_copy(stream, info.body_size, spool, None, hasher)
            if not hmac.compare_digest(hasher.digest(), stream.read(SHA_TRAILER)):
                raise error("tampered", "mã kiểm tra SHA-256 không khớp")
        spool.seek(0)
    except BaseException:
        spool.close()
        raise
    return info, spool
