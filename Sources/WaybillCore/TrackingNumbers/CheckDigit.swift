/// The check-digit algorithms of tracking numbers (standards.md §2.1). Each function takes the
/// payload (the characters the check covers, without the check character) and returns the check
/// character it demands, or nil when the payload holds a character the algorithm cannot weigh.
public enum CheckDigit {
    /// The mod 10 of jkeen/tracking_number_data: digits count their value, letters `(ASCII − 3) mod 10`
    /// (A=2 … Z=7); 0-based even positions are multiplied by `evens`, odd ones by `odds`, and the products
    /// are summed without digit sums (this is not Luhn). UPS 1Z and OnTrac use evens 1, odds 2.
    public static func mod10(_ payload: String, evens: Int, odds: Int) -> Character? {
        var total = 0
        for (index, scalar) in payload.unicodeScalars.enumerated() {
            guard let value = jkeenValue(scalar) else { return nil }
            total += value * (index.isMultiple(of: 2) ? evens : odds)
        }
        return digit((10 - total % 10) % 10)
    }

    /// GS1 mod 10 (SSCC, GTIN, USPS IMpb, FedEx Ground): weights 3, 1, 3, … from the rightmost payload digit.
    public static func gs1(_ payload: String) -> Character? {
        var total = 0
        for (index, scalar) in payload.unicodeScalars.reversed().enumerated() {
            guard let value = digitValue(scalar) else { return nil }
            total += value * (index.isMultiple(of: 2) ? 3 : 1)
        }
        return digit((10 - total % 10) % 10)
    }

    /// Σ dᵢ·wᵢ (+ `addend`), check = (10 − sum mod 10) mod 10, with `weights` repeated from the leftmost payload digit.
    /// Deutsche Post's 12-digit Identcode (DHL Paket) weighs 4, 9; GLS parcel numbers weigh 3, 1 and add 1.
    public static func weightedMod10(_ payload: String, weights: [Int], addend: Int = 0) -> Character? {
        guard !payload.isEmpty, !weights.isEmpty else { return nil }
        var total = addend
        for (index, scalar) in payload.unicodeScalars.enumerated() {
            guard let value = digitValue(scalar) else { return nil }
            total += value * weights[index % weights.count]
        }
        return digit((10 - total % 10) % 10)
    }

    /// FedEx Express: Σ dᵢ·wᵢ mod 11 mod 10, weights aligned from the left. The payload must be as long as `weights`.
    public static func weightedMod11(_ payload: String, weights: [Int]) -> Character? {
        guard payload.unicodeScalars.count == weights.count else { return nil }
        var total = 0
        for (scalar, weight) in zip(payload.unicodeScalars, weights) {
            guard let value = digitValue(scalar) else { return nil }
            total += value * weight
        }
        return digit(total % 11 % 10)
    }

    /// The FedEx Express 12-digit weights, 3, 1, 7 repeated from the left over 11 digits.
    public static let fedExExpressWeights = [3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1]
    /// The FedEx 34-digit barcode weights over its 13-digit serial (the same as `fedExExpressWeights` from the right).
    public static let fedExBarcodeWeights = [1, 7, 3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1]

    /// DHL Express: the payload read as a number, mod 7.
    public static func mod7(_ payload: String) -> Character? {
        guard !payload.isEmpty else { return nil }
        var remainder = 0
        for scalar in payload.unicodeScalars {
            guard let value = digitValue(scalar) else { return nil }
            remainder = (remainder * 10 + value) % 7
        }
        return digit(remainder)
    }

    /// UPU S10: weights 8, 6, 4, 2, 3, 5, 9, 7 over the 8 serial digits; 11 − (sum mod 11), where 10 → 0 and 11 → 5.
    public static func s10(_ serial: String) -> Character? {
        let weights = [8, 6, 4, 2, 3, 5, 9, 7]
        guard serial.unicodeScalars.count == weights.count else { return nil }
        var total = 0
        for (scalar, weight) in zip(serial.unicodeScalars, weights) {
            guard let value = digitValue(scalar) else { return nil }
            total += value * weight
        }
        switch 11 - total % 11 {
        case 10: return "0"
        case 11: return "5"
        case let check: return digit(check)
        }
    }

    /// Luhn: the digit that, appended to the payload, makes the whole pass the Luhn test.
    public static func luhn(_ payload: String) -> Character? {
        var total = 0
        // The rightmost payload digit sits in an even position once the check digit is appended: double it.
        for (index, scalar) in payload.unicodeScalars.reversed().enumerated() {
            guard let value = digitValue(scalar) else { return nil }
            if index.isMultiple(of: 2) {
                let doubled = value * 2
                total += doubled > 9 ? doubled - 9 : doubled
            } else {
                total += value
            }
        }
        return digit((10 - total % 10) % 10)
    }

    /// ISO 7064 MOD 37,36 as the DPD parcel label specification computes it; the check is 0-9 or A-Z.
    public static func mod37_36(_ payload: String) -> Character? {
        let modulus = 36
        var carry = modulus
        for scalar in payload.unicodeScalars {
            guard let value = alphanumericValue(scalar) else { return nil }
            carry += value
            if carry > modulus { carry -= modulus }
            carry *= 2
            if carry > modulus { carry -= modulus + 1 }
        }
        var check = modulus + 1 - carry
        if check == modulus { check = 0 }
        return alphabet[check]
    }

    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")

    private static func digit(_ value: Int) -> Character { alphabet[value] }

    private static func digitValue(_ scalar: Unicode.Scalar) -> Int? {
        ("0"..."9").contains(scalar) ? Int(scalar.value - 48) : nil
    }

    private static func alphanumericValue(_ scalar: Unicode.Scalar) -> Int? {
        if let value = digitValue(scalar) { return value }
        return ("A"..."Z").contains(scalar) ? Int(scalar.value - 65) + 10 : nil
    }

    private static func jkeenValue(_ scalar: Unicode.Scalar) -> Int? {
        if let value = digitValue(scalar) { return value }
        return ("A"..."Z").contains(scalar) ? Int(scalar.value - 3) % 10 : nil
    }
}
