import Foundation
import WaybillCarriers
import WaybillCore
import WaybillStore

/// Registers shipments as the API and file imports promise: a number without a carrier is detected
/// (and the carrier taken when detection is sure), a named carrier must be one Waybill knows, a number
/// that fails the carrier's check digit is kept with a warning, and a number registered again finds its
/// shipment instead of making a second one.
public struct ShipmentRegistrar: Sendable {
    /// A detected carrier is taken without asking from this confidence on.
    public static let detectionThreshold = 0.8

    let store: any Store

    public init(store: any Store) {
        self.store = store
    }

    /// Carrier ids a registration may name: the adapters', the aggregators' and the detector's (other
    /// carriers and the posts that issue S10 numbers).
    public static let knownCarriers: Set<String> = Set(CarrierRegistry.adapters.map(\.id)).union(TrackingNumberDetector.knownCarriers)

    /// The known ids to list in an error: every carrier but the S10 posts known only by country (`post_xx`).
    public static var listedCarriers: [String] {
        knownCarriers.filter { !$0.hasPrefix("post_") }.sorted()
    }

    public struct Request: Sendable {
        public var tenantID: String
        /// Normalized (`TrackingNumber.normalize`) and acceptable (`TrackingNumber.problem` nil).
        public var trackingNumber: String
        /// Nil or empty: detect it.
        public var carrier: String?
        public var service: String?
        public var orderID: String?
        public var customer: Customer
        public var metadata: [String: String]
        /// Move an existing shipment of another order to `orderID` instead of refusing.
        public var reassignOrder: Bool
        public var actor: String

        public init(tenantID: String, trackingNumber: String, carrier: String? = nil, service: String? = nil, orderID: String? = nil,
                    customer: Customer = Customer(), metadata: [String: String] = [:], reassignOrder: Bool = false, actor: String) {
            self.tenantID = tenantID
            self.trackingNumber = trackingNumber
            self.carrier = carrier
            self.service = service
            self.orderID = orderID
            self.customer = customer
            self.metadata = metadata
            self.reassignOrder = reassignOrder
            self.actor = actor
        }
    }

    public struct Registration: Sendable {
        public var shipment: Shipment
        public var created: Bool
        /// The request named no carrier and the shipment's carrier is the one detection was sure of.
        public var carrierDetected: Bool
        /// Every reading of the number, most likely first.
        public var candidates: [TrackingNumberCandidate]
        /// What is odd about the registration but did not stop it (a failed check digit).
        public var warnings: [String]
    }

    /// Why a registration was refused.
    public enum Failure: Error, Sendable, Equatable {
        /// The number has characters a tracking number cannot have (`TrackingNumber.problem`).
        case invalidTrackingNumber(String)
        /// The named carrier is not one of `known`.
        case unknownCarrier(String, known: [String])
        /// The number is registered already, to another order.
        case orderConflict(ShipmentOrderConflict)
    }

    public func register(_ request: Request) async throws -> Registration {
        if let problem = TrackingNumber.problem(with: request.trackingNumber) {
            throw Failure.invalidTrackingNumber(problem)
        }
        let named = request.carrier.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.flatMap { $0.isEmpty ? nil : $0 }
        if let named, !Self.knownCarriers.contains(named) {
            throw Failure.unknownCarrier(named, known: Self.listedCarriers)
        }
        let candidates = TrackingNumberDetector.candidates(for: request.trackingNumber)
        let detected = named == nil ? candidates.first.flatMap { $0.confidence >= Self.detectionThreshold ? $0.carrier : nil } : nil
        let carrier = named ?? detected ?? ""
        var warnings: [String] = []
        if let named {
            let failed = TrackingNumberDetector.failedCheckDigitFormats(for: request.trackingNumber, carrier: named)
            if !failed.isEmpty {
                warnings.append("tracking_number has the shape of \(named)'s \(failed.joined(separator: ", ")) but its check digit "
                                + "does not hold: check it for a typo")
            }
        }
        do {
            let (shipment, created) = try await store.registerShipment(NewShipment(
                tenantID: request.tenantID, trackingNumber: request.trackingNumber, carrier: carrier, service: request.service,
                merchantOrderID: request.orderID, customer: request.customer, metadata: request.metadata, actor: request.actor,
                matchesAnyCarrier: named == nil, orderChange: request.reassignOrder ? .reassign : .refuse))
            return Registration(shipment: shipment, created: created,
                                carrierDetected: detected != nil && shipment.carrier == detected,
                                candidates: candidates, warnings: warnings)
        } catch let conflict as ShipmentOrderConflict {
            throw Failure.orderConflict(conflict)
        }
    }
}
