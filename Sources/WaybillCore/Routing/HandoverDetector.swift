import Foundation

/// Finds the other carriers a parcel passes to, from what its carrier reported: a last-mile number
/// (UPS Mail Innovations' USPS PIC, DHL eCommerce or FedEx to USPS, an aggregator's "next
/// courier"), or, for a UPU S10 item, the destination country's post, which tracks the same number.
public enum HandoverDetector {
    public enum Role: String, Sendable, Hashable, CaseIterable {
        /// A number of another carrier that delivers the last mile.
        case lastMile = "last_mile"
        /// The destination post of an international postal item (same S10 number).
        case destinationPost = "destination_post"
        /// Linked by the merchant through the API.
        case added
    }

    public struct Handover: Sendable, Hashable {
        public var trackingNumber: String
        public var carrier: String
        public var role: Role

        public init(trackingNumber: String, carrier: String, role: Role) {
            self.trackingNumber = trackingNumber
            self.carrier = carrier
            self.role = role
        }
    }

    /// The least confidence a reading of an alternate number needs to be taken as another carrier's.
    static let minimumConfidence = 0.6

    /// The hand-overs of a shipment of `carrier` with `trackingNumber`, given the alternate numbers
    /// (with their carrier where the data names it) and the events its carrier reported. Numbers
    /// that could be the carrier's own (piece ids, return labels) are never taken for another carrier's.
    public static func handovers(carrier: String, trackingNumber: String, alternates: [String],
                                 alternateCarriers: [String: String] = [:], events: [CanonicalEvent]) -> [Handover] {
        let own = TrackingNumber.normalize(trackingNumber)
        var found: [Handover] = []
        for alternate in alternates {
            if let named = alternateCarriers[alternate] {
                let number = TrackingNumber.normalize(alternate)
                if named != carrier && !number.isEmpty && number != own {
                    found.append(Handover(trackingNumber: number, carrier: named, role: .lastMile))
                }
                continue
            }
            let candidates = TrackingNumberDetector.candidates(for: alternate)
            guard !candidates.contains(where: { $0.carrier == carrier }),
                  let best = candidates.first, best.checkDigitValid != false, best.confidence >= minimumConfidence,
                  best.trackingNumber != own
            else { continue }
            found.append(Handover(trackingNumber: best.trackingNumber, carrier: best.carrier, role: .lastMile))
        }
        if let post = destinationPost(carrier: carrier, trackingNumber: own, events: events) {
            found.append(Handover(trackingNumber: own, carrier: post, role: .destinationPost))
        }
        var seen = Set<Handover>()
        return found.filter { seen.insert($0).inserted }
    }

    /// For an S10 item seen in customs or on its last mile in another country than the issuing
    /// post's: that country's post, when Waybill knows it by an id.
    static func destinationPost(carrier: String, trackingNumber: String, events: [CanonicalEvent]) -> String? {
        guard hasS10Shape(trackingNumber),
              let s10 = TrackingNumberDetector.candidates(for: trackingNumber).first(where: { $0.format == "s10" }),
              s10.checkDigitValid == true
        else { return nil }
        let issuing = String(trackingNumber.suffix(2))
        let arrived = events.last { event in
            guard let country = event.location?.country?.uppercased(), country.count == 2, country != issuing else { return false }
            return isAtDestination(event)
        }
        guard let country = arrived?.location?.country?.uppercased(),
              let post = UPUPosts.post(forCountry: country), !post.carrier.hasPrefix("post_"), post.carrier != carrier
        else { return nil }
        return post.carrier
    }

    /// Two letters, nine digits, two letters (a normalized number): checked before the full
    /// detection, which every ingested shipment would otherwise pay for.
    static func hasS10Shape(_ number: String) -> Bool {
        let bytes = Array(number.utf8)
        guard bytes.count == 13 else { return false }
        func isLetter(_ byte: UInt8) -> Bool { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) }
        return isLetter(bytes[0]) && isLetter(bytes[1]) && bytes[2..<11].allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            && isLetter(bytes[11]) && isLetter(bytes[12])
    }

    /// Events that happen in the destination country, not at a transit hub on the way.
    static func isAtDestination(_ event: CanonicalEvent) -> Bool {
        switch event.status {
        case .outForDelivery, .availableForPickup, .attemptFailed, .delivered: return true
        default: break
        }
        switch event.substatus {
        case .customsPending, .customsCleared, .heldByCustoms, .handedToLastMile: return true
        default: return false
        }
    }
}
