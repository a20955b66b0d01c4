#include "net/kalshisigner.h"

#include <QDebug>
#include <QFile>
#include <QFileInfo>

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/decoder.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

namespace longshot::net {
namespace {

using namespace Qt::StringLiterals;

struct BioFree {
    void operator()(BIO *b) const { BIO_free(b); }
};
struct PkeyFree {
    void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX *c) const { EVP_MD_CTX_free(c); }
};
struct DecoderCtxFree {
    void operator()(OSSL_DECODER_CTX *c) const { OSSL_DECODER_CTX_free(c); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
using DecoderCtxPtr = std::unique_ptr<OSSL_DECODER_CTX, DecoderCtxFree>;

// Key files are tiny; anything bigger is not a key and is not read into memory.
constexpr qint64 kMaxKeyFileBytes = 64 * 1024;

// Wipes a buffer that held key material once it goes out of scope.
class WipeOnExit final {
public:
    explicit WipeOnExit(QByteArray &bytes)
        : m_bytes(bytes) {}
    ~WipeOnExit() {
        if (!m_bytes.isEmpty())
            OPENSSL_cleanse(m_bytes.data(), static_cast<size_t>(m_bytes.size()));
    }
    Q_DISABLE_COPY_MOVE(WipeOnExit)

private:
    QByteArray &m_bytes;
};

// Refuses to prompt: an encrypted key must not block a worker thread on the terminal.
int noPassphrase(char *, int, int, void *) {
    return -1;
}

BioPtr memoryBio(QByteArrayView bytes) {
    return BioPtr(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
}

// The Kalshi parameters on a digest context's key context: PSS, MGF1(SHA-256), salt = 32.
bool setPss(EVP_PKEY_CTX *pctx) {
    return EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1 &&
           EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) == 1 &&
           EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, EVP_sha256()) == 1;
}

PkeyPtr readPublicKey(QByteArrayView pem) {
    // The decoder takes both SubjectPublicKeyInfo and PKCS#1 "RSA PUBLIC KEY" PEM.
    EVP_PKEY *raw = nullptr;
    DecoderCtxPtr dctx(
        OSSL_DECODER_CTX_new_for_pkey(&raw, "PEM", nullptr, "RSA", EVP_PKEY_PUBLIC_KEY, nullptr, nullptr));
    if (!dctx)
        return {};
    const auto *data = reinterpret_cast<const unsigned char *>(pem.data());
    size_t len = static_cast<size_t>(pem.size());
    if (OSSL_DECODER_from_data(dctx.get(), &data, &len) != 1) {
        EVP_PKEY_free(raw);
        return {};
    }
    return PkeyPtr(raw);
}

QString octalMode(QFileDevice::Permissions p) {
    const int owner = (p & QFileDevice::ReadOwner ? 4 : 0) | (p & QFileDevice::WriteOwner ? 2 : 0) |
                      (p & QFileDevice::ExeOwner ? 1 : 0);
    const int group = (p & QFileDevice::ReadGroup ? 4 : 0) | (p & QFileDevice::WriteGroup ? 2 : 0) |
                      (p & QFileDevice::ExeGroup ? 1 : 0);
    const int other = (p & QFileDevice::ReadOther ? 4 : 0) | (p & QFileDevice::WriteOther ? 2 : 0) |
                      (p & QFileDevice::ExeOther ? 1 : 0);
    return u"0%1%2%3"_s.arg(owner).arg(group).arg(other);
}

} // namespace

struct KalshiSigner::Key {
    PkeyPtr pkey;
};

KalshiSigner::KalshiSigner(std::unique_ptr<Key> key, QString keyId)
    : m_key(std::move(key))
    , m_keyId(std::move(keyId)) {}
KalshiSigner::KalshiSigner(KalshiSigner &&) noexcept = default;
KalshiSigner &KalshiSigner::operator=(KalshiSigner &&) noexcept = default;
KalshiSigner::~KalshiSigner() = default;

KalshiSigner::Load KalshiSigner::loadKeyFile(const QString &path, const QString &keyId) {
    Load out;
    const QFileInfo info(path);
    if (!info.exists() || !info.isFile()) {
        out.error = u"Kalshi key file '%1' does not exist"_s.arg(path);
        return out;
    }
    // ssh's rule: a private key that anyone but the owner may read is already compromised.
    const QFileDevice::Permissions perms = QFile::permissions(path);
    constexpr QFileDevice::Permissions kOpen = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                                               QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                               QFileDevice::WriteOther | QFileDevice::ExeOther;
    if (perms & kOpen) {
        out.error = u"permissions %1 for '%2' are too open; run chmod 600 '%2'"_s.arg(octalMode(perms), path);
        return out;
    }
    if (info.size() > kMaxKeyFileBytes) {
        out.error = u"'%1' is too large to be a PEM private key"_s.arg(path);
        return out;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
        out.error = u"cannot read Kalshi key file '%1': %2"_s.arg(path, file.errorString());
        return out;
    }
    QByteArray pem = file.read(kMaxKeyFileBytes);
    WipeOnExit wipe(pem);
    out = fromPem(pem, keyId);
    if (!out.ok())
        out.error = u"'%1': %2"_s.arg(path, out.error);
    return out;
}

KalshiSigner::Load KalshiSigner::fromPem(QByteArrayView pem, const QString &keyId) {
    Load out;
    if (pem.contains(QByteArrayView("ENCRYPTED"))) {
        out.error = u"encrypted private keys are not supported; write an unencrypted copy with "
                    "'openssl pkey -in KEY -out KEY.pem' and chmod 600 it"_s;
        return out;
    }
    BioPtr bio = memoryBio(pem);
    PkeyPtr pkey(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassphrase, nullptr) : nullptr);
    // OpenSSL's queued errors can name offsets in the input; none of that is passed on.
    ERR_clear_error();
    if (!pkey) {
        out.error = u"not a PEM private key (expected PKCS#1 'RSA PRIVATE KEY' or PKCS#8 'PRIVATE KEY')"_s;
        return out;
    }
    if (EVP_PKEY_is_a(pkey.get(), "RSA") != 1) {
        out.error = u"the private key is not an RSA key; Kalshi keys are RSA"_s;
        return out;
    }
    if (keyId.trimmed().isEmpty()) {
        out.error = u"the Kalshi API key id is empty"_s;
        return out;
    }
    auto key = std::make_unique<Key>();
    key->pkey = std::move(pkey);
    out.signer.emplace(KalshiSigner(std::move(key), keyId.trimmed()));
    return out;
}

int KalshiSigner::keyBits() const {
    return m_key ? EVP_PKEY_get_bits(m_key->pkey.get()) : 0;
}

QByteArray KalshiSigner::messageFor(QByteArrayView method, QByteArrayView path, qint64 timestampMs) {
    const qsizetype query = path.indexOf('?');
    if (query >= 0)
        path = path.first(query);
    return QByteArray::number(timestampMs) + method.toByteArray().toUpper() + path.toByteArray();
}

std::optional<QByteArray> KalshiSigner::sign(QByteArrayView message) const {
    if (!m_key)
        return std::nullopt;
    MdCtxPtr ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX *pctx = nullptr; // owned by ctx
    size_t length = 0;
    const auto *data = reinterpret_cast<const unsigned char *>(message.data());
    const auto size = static_cast<size_t>(message.size());
    if (!ctx || EVP_DigestSignInit(ctx.get(), &pctx, EVP_sha256(), nullptr, m_key->pkey.get()) != 1 ||
        !setPss(pctx) || EVP_DigestSign(ctx.get(), nullptr, &length, data, size) != 1) {
        ERR_clear_error();
        return std::nullopt;
    }
    QByteArray signature(static_cast<qsizetype>(length), Qt::Uninitialized);
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &length, data, size) !=
        1) {
        ERR_clear_error();
        return std::nullopt;
    }
    signature.truncate(static_cast<qsizetype>(length));
    return signature.toBase64();
}

std::optional<KalshiAuthHeaders> KalshiSigner::headersFor(QByteArrayView method, QByteArrayView path,
                                                          qint64 timestampMs) const {
    auto signature = sign(messageFor(method, path, timestampMs));
    if (!signature)
        return std::nullopt;
    return KalshiAuthHeaders{m_keyId.toUtf8(), QByteArray::number(timestampMs), std::move(*signature)};
}

QByteArray KalshiSigner::publicKeyPem() const {
    if (!m_key)
        return {};
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PUBKEY(bio.get(), m_key->pkey.get()) != 1) {
        ERR_clear_error();
        return {};
    }
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, static_cast<qsizetype>(length));
}

bool KalshiSigner::verify(QByteArrayView publicKeyPem, QByteArrayView message, QByteArrayView signatureB64) {
    const auto decoded =
        QByteArray::fromBase64Encoding(signatureB64.toByteArray(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty())
        return false;
    const PkeyPtr pkey = readPublicKey(publicKeyPem);
    MdCtxPtr ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX *pctx = nullptr;
    const bool ok =
        pkey && ctx && EVP_DigestVerifyInit(ctx.get(), &pctx, EVP_sha256(), nullptr, pkey.get()) == 1 &&
        setPss(pctx) &&
        EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(decoded.decoded.data()),
                         static_cast<size_t>(decoded.decoded.size()),
                         reinterpret_cast<const unsigned char *>(message.data()),
                         static_cast<size_t>(message.size())) == 1;
    ERR_clear_error();
    return ok;
}

QDebug operator<<(QDebug debug, const KalshiSigner &signer) {
    const QDebugStateSaver saver(debug);
    debug.nospace() << "KalshiSigner(key id " << signer.keyId() << ", RSA " << signer.keyBits() << " bits)";
    return debug;
}

} // namespace longshot::net
