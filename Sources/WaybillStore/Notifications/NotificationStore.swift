import Foundation
import WaybillCore

/// Alert rules, the notification outbox, deliveries and channels (issue 6).
public protocol NotificationStore: Sendable {
}
