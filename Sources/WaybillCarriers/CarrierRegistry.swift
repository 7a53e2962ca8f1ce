import Foundation

/// Every carrier Waybill knows. Adding a carrier is one folder and one line here.
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

    /// The carrier most sure that `body` is its format, if any is.
    public static func sniff(_ body: Data) -> (any CarrierAdapter)? {
        mostSure(adapters) { $0.sniff(body) }
    }

    /// The format of `candidates` (carriers and file formats alike) most sure that `body` is its own, if any is.
    public static func sniff(_ body: Data, among candidates: [any PayloadFormat]) -> (any PayloadFormat)? {
        mostSure(candidates) { $0.sniff(body) }
    }

    private static func mostSure<Format>(_ candidates: [Format], score: (Format) -> Double) -> Format? {
        let scored = candidates.map { ($0, score($0)) }.filter { $0.1 > 0 }
        return scored.max { $0.1 < $1.1 }?.0
    }
}
