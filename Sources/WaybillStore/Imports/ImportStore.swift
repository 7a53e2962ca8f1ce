import Foundation
import WaybillCore

/// Batch imports, file drops and re-processing of stored raw payloads (issue 4).
public protocol ImportStore: Sendable {
}
