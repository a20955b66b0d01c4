#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>
#include <optional>

class QDebug;

namespace longshot::net {

// The three headers every authenticated Kalshi request (REST and the WS upgrade) carries.
struct KalshiAuthHeaders {
    static constexpr char kKeyHeader[] = "KALSHI-ACCESS-KEY";
    static constexpr char kTimestampHeader[] = "KALSHI-ACCESS-TIMESTAMP";
    static constexpr char kSignatureHeader[] = "KALSHI-ACCESS-SIGNATURE";

    QByteArray key;       // the API key id
    QByteArray timestamp; // ms since the epoch, decimal
    QByteArray signature; // base64 RSA-PSS signature of timestamp + METHOD + path
};

// Signs Kalshi requests with the account's RSA private key: RSA-PSS, SHA-256, MGF1(SHA-256),
// salt length = digest length, over timestamp_ms + METHOD + path (path from /trade-api/...,
// no query string), base64. The key never leaves this object: it is not printable, not
// logged, and no error message quotes the file's content. Move-only.
class KalshiSigner final {
public:
    struct Load;

    // Reads a PEM private key (PKCS#1 "RSA PRIVATE KEY" or PKCS#8 "PRIVATE KEY"). Refuses a
    // file that group or others may access, as ssh does, and encrypted keys (nothing here
    // may prompt for a passphrase).
    static Load loadKeyFile(const QString &path, const QString &keyId);
    // The same from PEM bytes already in memory (the simulator, tests); no permission check.
    static Load fromPem(QByteArrayView pem, const QString &keyId);

    KalshiSigner(KalshiSigner &&) noexcept;
    KalshiSigner &operator=(KalshiSigner &&) noexcept;
    ~KalshiSigner();

    const QString &keyId() const { return m_keyId; }
    int keyBits() const;

    // nullopt only if OpenSSL fails, which a loaded RSA key should never make it do.
    std::optional<KalshiAuthHeaders> headersFor(QByteArrayView method, QByteArrayView path,
                                                qint64 timestampMs) const;
    // Base64 signature of an arbitrary message (headersFor builds the Kalshi message first).
    std::optional<QByteArray> sign(QByteArrayView message) const;
    // The public half as SubjectPublicKeyInfo PEM, for a verifier such as the simulator.
    QByteArray publicKeyPem() const;

    // timestamp_ms + METHOD + path; a query string, if the caller left one on, is cut off.
    static QByteArray messageFor(QByteArrayView method, QByteArrayView path, qint64 timestampMs);
    // Checks a base64 signature made with Kalshi's parameters against a public key PEM
    // (SubjectPublicKeyInfo or PKCS#1 "RSA PUBLIC KEY"). False on any malformed input.
    static bool verify(QByteArrayView publicKeyPem, QByteArrayView message, QByteArrayView signatureB64);

private:
    struct Key;
    KalshiSigner(std::unique_ptr<Key> key, QString keyId);

    std::unique_ptr<Key> m_key;
    QString m_keyId;
};

struct KalshiSigner::Load {
    std::optional<KalshiSigner> signer;
    QString error; // for the user: names the file and what to do, never its content
    bool ok() const { return signer.has_value(); }
};

// Prints the key id and size only.
QDebug operator<<(QDebug debug, const KalshiSigner &signer);

} // namespace longshot::net
