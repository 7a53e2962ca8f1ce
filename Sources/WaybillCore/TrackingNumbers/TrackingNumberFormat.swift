import Foundation

/// One way a carrier writes its tracking numbers, as a row of data: the shape of the normalized
/// number, its check digit, the carrier it points to and how sure a match makes us.
///
/// `pattern` is an ICU regular expression matched against the whole normalized number (upper case,
/// no spaces or dashes, ASCII letters and digits only). Its named groups carry the meaning:
/// `payload` and `check` feed the check digit, `tracking` is the number to give the carrier when it
/// is only part of a longer barcode (USPS routing prefix, FedEx 34-digit barcodes, DPD label codes),
/// and `country` is the S10 issuing country.
struct TrackingNumberFormat: Sendable {
    let id: String
    let issuer: Issuer
    let check: CheckRule?
    /// Confidence of a match whose check digit holds, or of a format without a check digit.
    let confidence: Double
    /// Confidence of a match whose check digit fails, or nil to drop it. Only distinctive shapes
    /// (a fixed prefix such as 1Z) keep a failed match, as a probable typo; a bare run of digits that
    /// fails its check is simply not that format.
    let confidenceIfCheckFails: Double?
    private let expression: NSRegularExpression
    let groupNames: Set<String>

    init(
        _ id: String,
        _ issuer: Issuer,
        pattern: String,
        check: CheckRule? = nil,
        confidence: Double,
        ifCheckFails: Double? = nil
    ) {
        self.id = id
        self.issuer = issuer
        self.check = check
        self.confidence = confidence
        self.confidenceIfCheckFails = ifCheckFails
        do {
            expression = try NSRegularExpression(pattern: "^(?:\(pattern))$")
        } catch {
            preconditionFailure("tracking number format \(id): bad pattern \(pattern): \(error)")
        }
        groupNames = Self.groupNames(in: pattern)
    }

    /// Who issued a number of this format.
    enum Issuer: Sendable {
        /// One carrier, with its public tracking page (`%s` stands for the tracking number).
        case carrier(String, url: String?)
        /// The postal service of the S10 `country` group.
        case issuingPost
    }

    /// The check digit: `algorithm` over `prefix` + the `payload` group must give the `check` group.
    struct CheckRule: Sendable {
        let algorithm: CheckDigitAlgorithm
        /// Characters the number does not print but the check covers (OnTrac's 4 or 5, USPS's 91).
        var prefix: String = ""

        func holds(payload: String, check: String) -> Bool {
            guard let expected = algorithm.checkCharacter(for: prefix + payload) else { return false }
            return String(expected) == check
        }
    }

    /// What a normalized number looks like in this format, if it fits it.
    func match(_ normalized: String) -> Match? {
        let text = normalized as NSString
        guard let result = expression.firstMatch(in: normalized, range: NSRange(location: 0, length: text.length)) else {
            return nil
        }
        func group(_ name: String) -> String? {
            guard groupNames.contains(name) else { return nil }
            let range = result.range(withName: name)
            return range.location == NSNotFound ? nil : text.substring(with: range)
        }
        var checkDigitValid: Bool?
        if let check {
            guard let payload = group("payload"), let digit = group("check") else {
                preconditionFailure("tracking number format \(id) has a check rule but no payload/check group")
            }
            checkDigitValid = check.holds(payload: payload, check: digit)
        }
        return Match(trackingNumber: group("tracking") ?? normalized, country: group("country"), checkDigitValid: checkDigitValid)
    }

    struct Match {
        let trackingNumber: String
        let country: String?
        let checkDigitValid: Bool?
    }

    private static func groupNames(in pattern: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(pattern)
        while let start = rest.range(of: "(?<") {
            rest = rest[start.upperBound...]
            // `(?<=` and `(?<!` are lookbehinds, not names.
            guard let end = rest.firstIndex(of: ">"), let first = rest.first, first.isLetter else { continue }
            names.insert(String(rest[..<end]))
            rest = rest[end...]
        }
        return names
    }
}

/// The check-digit algorithms a format can name, with their parameters.
enum CheckDigitAlgorithm: Sendable, Hashable {
    case mod10(evens: Int, odds: Int)
    case gs1
    case weightedMod11([Int])
    case weightedMod10([Int], addend: Int)
    case mod7
    case s10
    case luhn
    case mod37_36

    func checkCharacter(for payload: String) -> Character? {
        switch self {
        case .mod10(let evens, let odds): CheckDigit.mod10(payload, evens: evens, odds: odds)
        case .gs1: CheckDigit.gs1(payload)
        case .weightedMod11(let weights): CheckDigit.weightedMod11(payload, weights: weights)
        case .weightedMod10(let weights, let addend): CheckDigit.weightedMod10(payload, weights: weights, addend: addend)
        case .mod7: CheckDigit.mod7(payload)
        case .s10: CheckDigit.s10(payload)
        case .luhn: CheckDigit.luhn(payload)
        case .mod37_36: CheckDigit.mod37_36(payload)
        }
    }
}
