#pragma once

#include <QMetaType>
#include <QtGlobal>

namespace longshot::net::sim {

// One injected failure of the simulated data-api. Faults are queued and each one is
// consumed by the next HTTP request, in order; requests after the queue runs dry are
// answered normally.
struct HttpFault {
    enum class Kind : quint8 {
        TooManyRequests, // 429, JSON body, Retry-After header when retryAfterSeconds >= 0
        HtmlError,       // `status` with a Cloudflare-like text/html page (403 block, 429 error 1015, 5xx)
        ServerError,     // `status` 500, 502 or 503
        Delay,           // wait delayMs, then answer normally
        Truncated,       // `status` (200) and a body cut in the middle of the JSON
    };

    Kind kind = Kind::ServerError;
    int status = 500;
    int retryAfterSeconds = -1; // TooManyRequests only; -1 sends no Retry-After header
    int delayMs = 0;            // Delay only

    static HttpFault tooManyRequests(int retryAfterSeconds = -1) {
        return {Kind::TooManyRequests, 429, retryAfterSeconds, 0};
    }
    static HttpFault htmlError(int status = 403) { return {Kind::HtmlError, status, -1, 0}; }
    static HttpFault serverError(int status = 500) { return {Kind::ServerError, status, -1, 0}; }
    static HttpFault delay(int delayMs) { return {Kind::Delay, 200, -1, delayMs}; }
    static HttpFault truncated(int status = 200) { return {Kind::Truncated, status, -1, 0}; }

    friend bool operator==(const HttpFault &, const HttpFault &) = default;
};

} // namespace longshot::net::sim

Q_DECLARE_METATYPE(longshot::net::sim::HttpFault)
