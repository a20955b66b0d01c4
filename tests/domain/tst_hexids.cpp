// Wallets and transaction hashes are held as the bytes they spell. The feed decodes both on
// every trade with SSE2, so the fast decode is checked byte value by byte value, at every
// position, against the plain table decode it stands in for.
#include "models/domain/hexdigits.h"
#include "models/domain/txid.h"
#include "models/domain/wallet.h"

#include <QList>
#include <QTest>

#include <algorithm>
#include <random>
#include <string>
#include <string_view>

using namespace longshot;
using namespace Qt::StringLiterals;

namespace {

const std::string kWallet = "0xa71093cafc0c099b4ccab24c3cb8018d817923c4";
const std::string kHash = "0x94cfdfa3bd63a11cf2fd697932ee615b6bcfb36f7ee65da9762012e88b6c5bca";

// The reference: one table lookup a character.
template <std::size_t N> bool referenceDecode(const std::string &text, std::array<quint8, N> &out) {
    return hex::decodePrefixed(reinterpret_cast<const unsigned char *>(text.data()), out);
}

// Every byte value at every position of `text`: the fast decode answers as the reference.
template <std::size_t N> void checkEveryByte(const std::string &text) {
    int accepted = 0;
    for (std::size_t pos = 0; pos < text.size(); ++pos) {
        for (int v = 0; v < 256; ++v) {
            std::string s = text;
            s[pos] = static_cast<char>(v);
            std::array<quint8, N> fast{};
            std::array<quint8, N> slow{};
            const bool ok = hex::decodeAscii(s.data(), fast);
            QCOMPARE(ok, referenceDecode(s, slow));
            if (ok) {
                QCOMPARE(fast, slow);
                ++accepted;
            }
        }
    }
    // The prefix takes '0' then 'x' or 'X'; a digit takes 22 values (10 digits, 6 letters
    // in two cases).
    QCOMPARE(accepted, 1 + 2 + int(text.size() - 2) * 22);
}

} // namespace

class TestHexIds : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fastDecodeMatchesTheTableForEveryByte() {
        checkEveryByte<Wallet::kBytes>(kWallet);
        checkEveryByte<TxId::kHashBytes>(kHash);
    }

    void fastDecodeMatchesTheTableOnRandomText() {
        // Mostly digits, with a stray non-digit now and then, so both answers come up often.
        std::mt19937_64 rng(20261205);
        const std::string alphabet = "0123456789abcdefABCDEFgG:/@` \x80\xff";
        int ok = 0;
        for (int i = 0; i < 20000; ++i) {
            std::string s = i % 2 ? "0x" : "0X";
            const std::size_t digits = i % 3 ? 64 : 40;
            for (std::size_t d = 0; d < digits; ++d)
                s.push_back(alphabet[rng() % 1000 < 995 ? rng() % 22 : rng() % alphabet.size()]);
            if (digits == 40) {
                std::array<quint8, 20> fast{}, slow{};
                const bool r = hex::decodeAscii(s.data(), fast);
                QCOMPARE(r, referenceDecode(s, slow));
                QVERIFY(!r || fast == slow);
                ok += r;
            } else {
                std::array<quint8, 32> fast{}, slow{};
                const bool r = hex::decodeAscii(s.data(), fast);
                QCOMPARE(r, referenceDecode(s, slow));
                QVERIFY(!r || fast == slow);
                ok += r;
            }
        }
        QVERIFY(ok > 1000 && ok < 19000);
    }

    void walletFromBytesAndText_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("address");
        QTest::newRow("eip55") << QByteArray("0xf5848342fc388908f2D25a9012Cc18a0Ad193979")
                               << u"0xf5848342fc388908f2d25a9012cc18a0ad193979"_s;
        QTest::newRow("upper") << QByteArray("0XA71093CAFC0C099B4CCAB24C3CB8018D817923C4")
                               << u"0xa71093cafc0c099b4ccab24c3cb8018d817923c4"_s;
        QTest::newRow("zero") << QByteArray("0x0000000000000000000000000000000000000000")
                              << u"0x0000000000000000000000000000000000000000"_s;
        QTest::newRow("a digit short")
            << QByteArray("0xa71093cafc0c099b4ccab24c3cb8018d817923c") << QString();
        QTest::newRow("a digit long")
            << QByteArray("0xa71093cafc0c099b4ccab24c3cb8018d817923c44") << QString();
        QTest::newRow("last digit bad")
            << QByteArray("0xa71093cafc0c099b4ccab24c3cb8018d817923cg") << QString();
        QTest::newRow("first digit bad")
            << QByteArray("0xg71093cafc0c099b4ccab24c3cb8018d817923c4") << QString();
        QTest::newRow("no 0x") << QByteArray("00a71093cafc0c099b4ccab24c3cb8018d817923c4") << QString();
        QTest::newRow("empty") << QByteArray() << QString();
    }
    void walletFromBytesAndText() {
        QFETCH(QByteArray, text);
        QFETCH(QString, address);
        const auto fromBytes = Wallet::parse(std::string_view(text.constData(), std::size_t(text.size())));
        const auto fromText = Wallet::parse(QString::fromLatin1(text));
        QCOMPARE(fromBytes.has_value(), !address.isEmpty());
        QCOMPARE(fromText, fromBytes);
        if (fromBytes) {
            QCOMPARE(fromBytes->address(), address);
            QVERIFY(!fromBytes->isEmpty());
            QCOMPARE(Wallet::parse(fromBytes->address()), fromBytes);
            QString key = u"key|"_s;
            fromBytes->appendTo(key);
            QCOMPARE(key, u"key|"_s + address);
        }
    }

    void walletEmptyAndOrder() {
        const Wallet empty;
        QVERIFY(empty.isEmpty());
        QVERIFY(empty.address().isNull());
        QVERIFY(empty.shortForm().isEmpty());
        const Wallet zero = *Wallet::parse(u"0x0000000000000000000000000000000000000000");
        QVERIFY(!zero.isEmpty());
        QVERIFY(zero != empty);
        // Wallets order as their address texts do, the empty one first: the writer sorts a
        // batch by key this way to walk the unique index forwards.
        std::mt19937_64 rng(5);
        QList<Wallet> wallets{empty, zero};
        for (int i = 0; i < 200; ++i) {
            QString text = u"0x"_s;
            for (int d = 0; d < 40; ++d)
                text += QChar(u"0123456789abcdef"[rng() % (i % 3 == 0 ? 2 : 16)]);
            wallets.append(*Wallet::parse(text));
        }
        for (const Wallet &a : wallets) {
            for (const Wallet &b : wallets) {
                const int byText = a.address().compare(b.address());
                QCOMPARE(a < b, byText < 0);
                QCOMPARE(a == b, byText == 0);
            }
        }
    }

    void txIdKinds_data() {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<bool>("isHash");
        QTest::addColumn<QString>("text");
        QTest::newRow("hash") << QByteArray(kHash.c_str()) << true << QString::fromLatin1(kHash.c_str());
        QTest::newRow("hash, upper case")
            << QByteArray(kHash.c_str()).toUpper() << true << QString::fromLatin1(kHash.c_str());
        QTest::newRow("kalshi trade id") << QByteArray("c0a3ff04-16ec-5d00-a376-925eb9961e30") << false
                                         << u"c0a3ff04-16ec-5d00-a376-925eb9961e30"_s;
        QTest::newRow("short hex kept as sent") << QByteArray("0xABC") << false << u"0xABC"_s;
        QTest::newRow("a digit short") << QByteArray(kHash.c_str(), qsizetype(kHash.size()) - 1) << false
                                       << QString::fromLatin1(kHash.c_str(), qsizetype(kHash.size()) - 1);
        QTest::newRow("not hex at the end") << QByteArray(kHash.c_str()).left(65) + 'z' << false
                                            << QString::fromLatin1(QByteArray(kHash.c_str()).left(65) + 'z');
        QTest::newRow("empty") << QByteArray() << false << QString();
    }
    void txIdKinds() {
        QFETCH(QByteArray, raw);
        QFETCH(bool, isHash);
        QFETCH(QString, text);
        const TxId fromBytes = TxId::fromUtf8(std::string_view(raw.constData(), std::size_t(raw.size())));
        const TxId fromText = TxId::fromText(QString::fromLatin1(raw));
        QCOMPARE(fromBytes.isHash(), isHash);
        QCOMPARE(fromBytes.text(), text);
        QCOMPARE(fromBytes.isEmpty(), text.isEmpty());
        QVERIFY(fromText == fromBytes);
        // Read back from storage as text, it is the same id.
        QVERIFY(TxId::fromText(fromBytes.text()) == fromBytes);
        QString key = u"key|"_s;
        fromBytes.appendTo(key);
        QCOMPARE(key, u"key|"_s + text);
    }

    void txIdOrderAndEquality() {
        std::mt19937_64 rng(11);
        QList<TxId> ids{TxId(), TxId::fromText(u"0xabc"_s), TxId::fromText(u"c0a3ff04-16ec"_s),
                        TxId::fromText(u"0xzz"_s)};
        for (int i = 0; i < 120; ++i) {
            QString text = u"0x"_s;
            for (int d = 0; d < 64; ++d)
                text += QChar(u"0123456789abcdef"[rng() % (i % 4 == 0 ? 2 : 16)]);
            ids.append(TxId::fromText(text));
        }
        ids.append(ids.at(7)); // an equal pair
        for (const TxId &a : ids) {
            for (const TxId &b : ids) {
                const int byText = a.text().compare(b.text());
                QCOMPARE(a < b, byText < 0);
                QCOMPARE(a == b, byText == 0);
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestHexIds)
#include "tst_hexids.moc"
