import WaybillCore

/// Valid tracking numbers for simulated parcels, with the check digits WaybillCore verifies:
/// UPS `1Z` (mod 10), FedEx Express 12 digits (mod 11), USPS IMpb 22 digits (GS1 mod 10) and DHL
/// Express 10 digits (mod 7).
public enum SimulatedTrackingNumber {
    /// The carriers the simulator speaks.
    public static let carriers = ["ups", "fedex", "usps", "dhl"]

    /// A number for `carrier` drawn from `seed` (the same seed gives the same number).
    public static func make(carrier: String, seed: UInt64) -> String {
        var random = SimulationRandom(seed: seed, salt: "tracking-number|\(carrier)")
        return make(carrier: carrier, using: &random)
    }

    public static func make(carrier: String, using random: inout SimulationRandom) -> String {
        func digits(_ count: Int) -> String {
            String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &random))) })
        }
        switch carrier {
        case "fedex":
            let payload = String(Int.random(in: 1...9, using: &random)) + digits(10)
            return payload + String(CheckDigit.weightedMod11(payload, weights: CheckDigit.fedExExpressWeights)!)
        case "usps":
            // AI 94, service 001 (Ground Advantage), a 9-digit mailer id, a 7-digit serial.
            let payload = "94001" + "9" + digits(8) + digits(7)
            return payload + String(CheckDigit.gs1(payload)!)
        case "dhl", "dhl_express":
            let payload = String(Int.random(in: 1...9, using: &random)) + digits(8)
            return payload + String(CheckDigit.mod7(payload)!)
        default:
            let alphabet = Array("ABCDEFGHJKLMNPRSTUVWXY0123456789")
            let shipper = String((0..<6).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] })
            let payload = shipper + ["03", "02", "01", "12"][Int.random(in: 0...3, using: &random)] + digits(7)
            return "1Z" + payload + String(CheckDigit.mod10(payload, evens: 1, odds: 2)!)
        }
    }
}
