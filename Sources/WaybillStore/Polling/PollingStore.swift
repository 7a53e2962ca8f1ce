import Foundation
import WaybillCore

/// Polling schedule per shipment: next check, last check, carrier call outcomes (issue 4).
public protocol PollingStore: Sendable {
}
