import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix

/// What went wrong with an outbound delivery's request, as a sentence for the delivery log. The
/// clients (`EgressHTTPClients`) give up connecting after `connectTimeout` and do not retry the
/// connection inside one attempt; the delivery's retry policy retries the message later. The
/// overall timeout is each request's (`WAYBILL_NOTIFY_TIMEOUT_SECONDS` for webhooks, the SMS
/// configuration's for SMS).
public enum DeliveryErrorText {
    public static let connectTimeout: TimeAmount = .seconds(3)

    /// A sentence for a request that got no answer: what happened, with the host and port.
    public static func describe(_ error: any Error, url: String, timeout: TimeAmount) -> String {
        let target = URLComponents(string: url).map { components in
            let port = components.port ?? (components.scheme == "https" ? 443 : 80)
            return "\(components.host ?? "?"):\(port)"
        } ?? url
        let seconds = { (amount: TimeAmount) in String(format: "%g", Double(amount.nanoseconds) / 1e9) }
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout: return "no connection to \(target) within \(seconds(connectTimeout)) s"
            case .deadlineExceeded, .readTimeout: return "no answer from \(target) within \(seconds(timeout)) s"
            case .remoteConnectionClosed: return "\(target) closed the connection without an answer"
            default: break
            }
        }
        let io = (error as? IOError) ?? (error as? NIOConnectionError)?.connectionErrors.lazy.compactMap { $0.error as? IOError }.first
        if let io {
            switch io.errnoCode {
            case ECONNREFUSED: return "connection refused by \(target)"
            case ENETUNREACH, EHOSTUNREACH: return "\(target) is unreachable"
            case ECONNRESET: return "\(target) reset the connection"
            default: return "connection to \(target) failed: \(String(cString: strerror(io.errnoCode)))"
            }
        }
        if let connection = error as? NIOConnectionError, connection.dnsAError != nil || connection.dnsAAAAError != nil {
            return "the name \(URLComponents(string: url)?.host ?? url) could not be resolved"
        }
        if error is NIOConnectionError { return "no connection to \(target)" }
        return "request to \(target) failed: \(error)"
    }
}
