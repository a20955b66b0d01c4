#include "net/kalshisigner.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <memory>

using longshot::net::KalshiAuthHeaders;
using longshot::net::KalshiSigner;
using namespace Qt::StringLiterals;

namespace {

struct PkeyFree {
    void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); }
};
struct BioFree {
    void operator()(BIO *b) const { BIO_free(b); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX *c) const { EVP_MD_CTX_free(c); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
using BioPtr = std::unique_ptr<BIO, BioFree>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

QByteArray drain(BIO *bio) {
    char *data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    return QByteArray(data, n);
}

enum class PemForm { Pkcs1, Pkcs8, Pkcs8Encrypted };

QByteArray privatePem(EVP_PKEY *key, PemForm form) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    int ok = 0;
    switch (form) {
    case PemForm::Pkcs1: // "BEGIN RSA PRIVATE KEY"
        ok = PEM_write_bio_PrivateKey_traditional(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
        break;
    case PemForm::Pkcs8: // "BEGIN PRIVATE KEY"
        ok = PEM_write_bio_PKCS8PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
        break;
    case PemForm::Pkcs8Encrypted: {
        char pass[] = "correct horse";
        ok = PEM_write_bio_PKCS8PrivateKey(bio.get(), key, EVP_aes_256_cbc(), pass, int(sizeof pass - 1),
                                           nullptr, nullptr);
        break;
    }
    }
    return ok == 1 ? drain(bio.get()) : QByteArray();
}

QByteArray publicPem(EVP_PKEY *key) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (PEM_write_bio_PUBKEY(bio.get(), key) != 1)
        return {};
    return drain(bio.get());
}

// Signs or verifies with explicit PSS parameters, independently of KalshiSigner.
bool rawVerify(EVP_PKEY *key, const QByteArray &message, const QByteArray &signature, int saltLength) {
    MdCtxPtr ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX *pctx = nullptr;
    const bool ok =
        EVP_DigestVerifyInit(ctx.get(), &pctx, EVP_sha256(), nullptr, key) == 1 &&
        EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1 &&
        EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, saltLength) == 1 &&
        EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, EVP_sha256()) == 1 &&
        EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(signature.data()),
                         size_t(signature.size()), reinterpret_cast<const unsigned char *>(message.data()),
                         size_t(message.size())) == 1;
    ERR_clear_error();
    return ok;
}

QByteArray rawSignBase64(EVP_PKEY *key, const QByteArray &message, int saltLength) {
    MdCtxPtr ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX *pctx = nullptr;
    size_t len = 0;
    const auto *data = reinterpret_cast<const unsigned char *>(message.data());
    if (EVP_DigestSignInit(ctx.get(), &pctx, EVP_sha256(), nullptr, key) != 1 ||
        EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
        EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, saltLength) != 1 ||
        EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, EVP_sha256()) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &len, data, size_t(message.size())) != 1)
        return {};
    QByteArray sig(qsizetype(len), '\0');
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(sig.data()), &len, data,
                       size_t(message.size())) != 1)
        return {};
    sig.truncate(qsizetype(len));
    return sig.toBase64();
}

constexpr auto kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

} // namespace

class TestKalshiSigner : public QObject {
    Q_OBJECT

    PkeyPtr m_key;   // the account key under test
    PkeyPtr m_other; // someone else's key
    QTemporaryDir m_dir;
    const QString m_keyId = u"a952bcbe-ec3b-4b5b-b8f9-11dae589608c"_s;

    QString writeKey(const QString &name, const QByteArray &pem, QFileDevice::Permissions perms) {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        f.setPermissions(kOwnerOnly); // never world-readable, even for a moment
        f.write(pem);
        f.close();
        QFile::setPermissions(path, perms);
        return path;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_key.reset(EVP_RSA_gen(2048));
        m_other.reset(EVP_RSA_gen(2048));
        QVERIFY(m_key && m_other);
    }

    void signsAndVerifies_data() {
        QTest::addColumn<int>("form");
        QTest::addColumn<QByteArray>("banner");
        QTest::newRow("PKCS#1") << int(PemForm::Pkcs1) << QByteArray("-----BEGIN RSA PRIVATE KEY-----");
        QTest::newRow("PKCS#8") << int(PemForm::Pkcs8) << QByteArray("-----BEGIN PRIVATE KEY-----");
    }
    void signsAndVerifies() {
        QFETCH(int, form);
        QFETCH(QByteArray, banner);
        const QByteArray pem = privatePem(m_key.get(), PemForm(form));
        QVERIFY(pem.startsWith(banner));
        const QString path = writeKey(u"key.pem"_s, pem, kOwnerOnly);
        const auto load = KalshiSigner::loadKeyFile(path, m_keyId);
        QVERIFY2(load.ok(), qPrintable(load.error));
        const KalshiSigner &signer = *load.signer;
        QCOMPARE(signer.keyBits(), 2048);
        QCOMPARE(signer.publicKeyPem(), publicPem(m_key.get()));

        // The docs' example message.
        const auto headers = signer.headersFor("GET", "/trade-api/v2/portfolio/balance", 1703123456789);
        QVERIFY(headers);
        QCOMPARE(headers->key, m_keyId.toUtf8());
        QCOMPARE(headers->timestamp, QByteArray("1703123456789"));
        const QByteArray message("1703123456789GET/trade-api/v2/portfolio/balance");
        QVERIFY(KalshiSigner::verify(publicPem(m_key.get()), message, headers->signature));

        // Independently of our verify(): PSS with a 32-byte salt (the digest length), 256-byte signature.
        const QByteArray raw = QByteArray::fromBase64(headers->signature);
        QCOMPARE(raw.size(), 256);
        QVERIFY(rawVerify(m_key.get(), message, raw, 32));
        QVERIFY(!rawVerify(m_key.get(), message, raw, 222)); // the maximum salt for 2048/SHA-256

        // PSS is randomised: two signatures of one message differ and both verify.
        const auto again = signer.headersFor("GET", "/trade-api/v2/portfolio/balance", 1703123456789);
        QVERIFY(again->signature != headers->signature);
        QVERIFY(KalshiSigner::verify(publicPem(m_key.get()), message, again->signature));
    }

    void messageIsTimestampMethodPath_data() {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<qint64>("ts");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("docs") << QByteArray("GET") << QByteArray("/trade-api/v2/portfolio/balance")
                              << qint64(1703123456789)
                              << QByteArray("1703123456789GET/trade-api/v2/portfolio/balance");
        QTest::newRow("query string cut")
            << QByteArray("GET") << QByteArray("/trade-api/v2/markets/trades?limit=1000&cursor=x")
            << qint64(1) << QByteArray("1GET/trade-api/v2/markets/trades");
        QTest::newRow("method upper-cased")
            << QByteArray("post") << QByteArray("/trade-api/v2/portfolio/orders") << qint64(1789966900609)
            << QByteArray("1789966900609POST/trade-api/v2/portfolio/orders");
        QTest::newRow("ws upgrade") << QByteArray("GET") << QByteArray("/trade-api/ws/v2")
                                    << qint64(1780096733014)
                                    << QByteArray("1780096733014GET/trade-api/ws/v2");
    }
    void messageIsTimestampMethodPath() {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, path);
        QFETCH(qint64, ts);
        QFETCH(QByteArray, message);
        QCOMPARE(KalshiSigner::messageFor(method, path, ts), message);
        const auto load = KalshiSigner::fromPem(privatePem(m_key.get(), PemForm::Pkcs8), m_keyId);
        QVERIFY(load.ok());
        const auto headers = load.signer->headersFor(method, path, ts);
        QVERIFY(headers);
        QVERIFY(KalshiSigner::verify(publicPem(m_key.get()), message, headers->signature));
    }

    void verificationFails_data() {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<bool>("otherKey");
        QTest::addColumn<bool>("flipSignatureBit");
        const QByteArray good("1703123456789GET/trade-api/v2/portfolio/balance");
        QTest::newRow("untouched verifies") << good << false << false;
        QTest::newRow("wrong public key") << good << true << false;
        QTest::newRow("tampered timestamp")
            << QByteArray("1703123456790GET/trade-api/v2/portfolio/balance") << false << false;
        QTest::newRow("tampered method")
            << QByteArray("1703123456789POST/trade-api/v2/portfolio/balance") << false << false;
        QTest::newRow("tampered path")
            << QByteArray("1703123456789GET/trade-api/v2/portfolio/orders") << false << false;
        QTest::newRow("tampered signature") << good << false << true;
    }
    void verificationFails() {
        QFETCH(QByteArray, message);
        QFETCH(bool, otherKey);
        QFETCH(bool, flipSignatureBit);
        const auto load = KalshiSigner::fromPem(privatePem(m_key.get(), PemForm::Pkcs1), m_keyId);
        QVERIFY(load.ok());
        QByteArray sig = *load.signer->sign("1703123456789GET/trade-api/v2/portfolio/balance");
        if (flipSignatureBit) {
            QByteArray raw = QByteArray::fromBase64(sig);
            raw[100] = char(raw[100] ^ 0x01);
            sig = raw.toBase64();
        }
        const bool untouched = !otherKey && !flipSignatureBit &&
                               message == QByteArray("1703123456789GET/trade-api/v2/portfolio/balance");
        QCOMPARE(KalshiSigner::verify(publicPem(otherKey ? m_other.get() : m_key.get()), message, sig),
                 untouched);
    }

    void verifyIsStrictAboutParameters() {
        const QByteArray message("1GET/trade-api/v2/markets");
        const QByteArray pub = publicPem(m_key.get());
        QVERIFY(KalshiSigner::verify(pub, message, rawSignBase64(m_key.get(), message, 32)));
        // A salt other than the digest length is what Kalshi rejects; so does the simulator.
        QVERIFY(
            !KalshiSigner::verify(pub, message, rawSignBase64(m_key.get(), message, RSA_PSS_SALTLEN_MAX)));
        QVERIFY(!KalshiSigner::verify(pub, message, "not base64 at all!"));
        QVERIFY(!KalshiSigner::verify(pub, message, ""));
        QVERIFY(!KalshiSigner::verify("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", message,
                                      rawSignBase64(m_key.get(), message, 32)));
    }

    void openPermissionsAreRefused_data() {
        QTest::addColumn<int>("perms");
        QTest::addColumn<QString>("octal");
        using P = QFileDevice;
        QTest::newRow("0644") << int(kOwnerOnly | P::ReadGroup | P::ReadOther) << u"0644"_s;
        QTest::newRow("0640") << int(kOwnerOnly | P::ReadGroup) << u"0640"_s;
        QTest::newRow("0604") << int(kOwnerOnly | P::ReadOther) << u"0604"_s;
        QTest::newRow("0660") << int(kOwnerOnly | P::ReadGroup | P::WriteGroup) << u"0660"_s;
        QTest::newRow("0602") << int(kOwnerOnly | P::WriteOther) << u"0602"_s;
    }
    void openPermissionsAreRefused() {
        QFETCH(int, perms);
        QFETCH(QString, octal);
        const QString path =
            writeKey(u"open.pem"_s, privatePem(m_key.get(), PemForm::Pkcs8), QFileDevice::Permissions(perms));
        const auto load = KalshiSigner::loadKeyFile(path, m_keyId);
        QVERIFY(!load.ok());
        QCOMPARE(load.error, u"permissions %1 for '%2' are too open; run chmod 600 '%2'"_s.arg(octal, path));
    }

    void ownerOnlyModesAreAccepted_data() {
        QTest::addColumn<int>("perms");
        QTest::newRow("0600") << int(kOwnerOnly);
        QTest::newRow("0400") << int(QFileDevice::ReadOwner);
    }
    void ownerOnlyModesAreAccepted() {
        QFETCH(int, perms);
        const QString path =
            writeKey(u"ok.pem"_s, privatePem(m_key.get(), PemForm::Pkcs8), QFileDevice::Permissions(perms));
        const auto load = KalshiSigner::loadKeyFile(path, m_keyId);
        QVERIFY2(load.ok(), qPrintable(load.error));
        QFile::setPermissions(path, kOwnerOnly); // so the temp dir can clean up
    }

    void badKeyFilesAreExplainedWithoutTheirContent_data() {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected"); // a fragment of the error
        const QByteArray pem = privatePem(m_key.get(), PemForm::Pkcs8);
        QTest::newRow("truncated") << pem.left(pem.size() / 2) << u"not a PEM private key"_s;
        QTest::newRow("public key") << publicPem(m_key.get()) << u"not a PEM private key"_s;
        QTest::newRow("garbage") << QByteArray("hello\n") << u"not a PEM private key"_s;
        QTest::newRow("encrypted") << privatePem(m_key.get(), PemForm::Pkcs8Encrypted) << u"encrypted"_s;
        PkeyPtr ec(EVP_EC_gen("P-256"));
        QTest::newRow("EC key") << privatePem(ec.get(), PemForm::Pkcs8) << u"not an RSA key"_s;
    }
    void badKeyFilesAreExplainedWithoutTheirContent() {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        const QString path = writeKey(u"bad.pem"_s, content, kOwnerOnly);
        const auto load = KalshiSigner::loadKeyFile(path, m_keyId);
        QVERIFY(!load.ok());
        QVERIFY2(load.error.contains(expected), qPrintable(load.error));
        QVERIFY(load.error.contains(path));
        // No line of the file's body may appear in the message.
        for (const QByteArray &line : content.split('\n'))
            if (line.size() > 8 && !line.startsWith("-----"))
                QVERIFY2(!load.error.contains(QString::fromLatin1(line)), "key material in the error text");
    }

    void missingFileIsNamed() {
        const QString path = m_dir.filePath(u"nope.pem"_s);
        const auto load = KalshiSigner::loadKeyFile(path, m_keyId);
        QVERIFY(!load.ok());
        QCOMPARE(load.error, u"Kalshi key file '%1' does not exist"_s.arg(path));
    }

    void debugOutputShowsNoKeyMaterial() {
        const QByteArray pem = privatePem(m_key.get(), PemForm::Pkcs1);
        const auto load = KalshiSigner::fromPem(pem, m_keyId);
        QVERIFY(load.ok());
        QString text;
        QDebug(&text) << *load.signer;
        QCOMPARE(text.trimmed(), u"KalshiSigner(key id \"%1\", RSA 2048 bits)"_s.arg(m_keyId));
        const QList<QByteArray> lines = pem.split('\n');
        QVERIFY(!text.contains(QString::fromLatin1(lines.at(1))));
    }

    void emptyKeyIdIsRefused() {
        const auto load = KalshiSigner::fromPem(privatePem(m_key.get(), PemForm::Pkcs8), u"  "_s);
        QVERIFY(!load.ok());
        QVERIFY(load.error.contains(u"key id"_s));
    }

    void signerMoves() {
        auto load = KalshiSigner::fromPem(privatePem(m_key.get(), PemForm::Pkcs8), m_keyId);
        QVERIFY(load.ok());
        KalshiSigner moved = std::move(*load.signer);
        const auto sig = moved.sign("x");
        QVERIFY(sig);
        QVERIFY(KalshiSigner::verify(publicPem(m_key.get()), "x", *sig));
    }
};

QTEST_GUILESS_MAIN(TestKalshiSigner)
#include "tst_kalshisigner.moc"
