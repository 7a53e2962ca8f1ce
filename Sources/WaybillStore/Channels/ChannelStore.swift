import Foundation
import WaybillCore

/// Per-tenant notification channel settings (SMTP, SMS provider), secrets encrypted at rest (issue 6).
public protocol ChannelStore: Sendable {
}
