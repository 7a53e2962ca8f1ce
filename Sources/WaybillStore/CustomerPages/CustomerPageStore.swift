import Foundation
import WaybillCore

/// Branding, public tracking pages, order lookup and the support view (issue 5).
public protocol CustomerPageStore: Sendable {
}
