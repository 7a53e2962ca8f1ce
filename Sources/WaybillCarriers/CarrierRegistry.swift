import Foundation

/// Every adapter Waybill knows. Adding a carrier is one folder and one line here.
public enum CarrierRegistry {
    public static let adapters: [any CarrierAdapter] = [
        AfterShipAdapter(),
        AmazonAdapter(),
        EasyPostAdapter(),
        LaPosteAdapter(),
        RoyalMailAdapter(),
        USPSAdapter(),
        DPDAdapter(),
        GLSAdapter(),
        FedExAdapter(),
        DHLAdapter(),
        DHLExpressAdapter(),
        CanadaPostAdapter(),
        AustraliaPostAdapter(),
        PostNLAdapter(),
        UPSAdapter(),
    ]

    public static func adapter(id: String) -> (any CarrierAdapter)? {
        adapters.first { $0.id == id.lowercased() }
    }

    /// The adapter (of `candidates`, by default every carrier) most sure that `body` is its
    /// format, if any is.
    public static func sniff(_ body: Data, among candidates: [any CarrierAdapter] = adapters) -> (any CarrierAdapter)? {
        let scored = candidates.map { ($0, $0.sniff(body)) }.filter { $0.1 > 0 }
        return scored.max { $0.1 < $1.1 }?.0
    }
}
