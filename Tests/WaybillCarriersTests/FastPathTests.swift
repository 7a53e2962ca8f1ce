import Foundation
import Testing
import WaybillCore
import WaybillTestSupport
@testable import WaybillCarriers

/// The adapters' fast paths give what the slower reference code gives, on the usual values and
/// on random ones built from the characters that matter to each.
@Suite("Adapter fast paths")
struct FastPathTests {
    static func referenceClean(_ text: String?) -> String? {
        guard let trimmed = text?.trimmed, !trimmed.isEmpty else { return nil }
        return trimmed
    }

    static func randomText(from alphabet: [String], maxLength: Int, using generator: inout SeededGenerator) -> String {
        (0..<Int.random(in: 0...maxLength, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
    }

    @Test(arguments: [nil, "", " ", "\t\n", "ABC", " ABC", "ABC ", "\u{A0}ABC", "ABC\u{2003}", "\u{1}A\u{7F}", "é", " é ", "\r\nx\r\n"])
    func cleanMatchesTrimming(_ text: String?) {
        #expect(CarrierText.clean(text) == Self.referenceClean(text))
    }

    @Test func cleanMatchesTrimmingOnRandomText() {
        var generator = SeededGenerator(seed: 0xC1EA)
        let alphabet = [" ", "\t", "\n", "\u{B}", "\u{C}", "\r", "\u{0}", "\u{1F}", "\u{7F}", "\u{85}", "\u{A0}", "\u{2028}", "\u{3000}",
                        "a", "Z", "9", "-", "é", "e\u{301}", "™", "🙂"]
        for _ in 0..<5000 {
            let text = Self.randomText(from: alphabet, maxLength: 6, using: &generator)
            #expect(CarrierText.clean(text) == Self.referenceClean(text), "\(text.unicodeScalars.map(\.value))")
        }
    }

    @Test(arguments: [
        ("USPS Ground Advantage<SUP>&#153;</SUP>", "USPS Ground Advantage™"),
        ("Priority Mail Express<SUP>&#174;</SUP> 1-Day", "Priority Mail Express® 1-Day"),
        ("Ready for Pickup &amp; Delivery", "Ready for Pickup & Delivery"),
        ("a &amp;#153; b", "a  b"),
        ("<b>bold</b> &nbsp;text", "bold text"),
        ("less < than", "less < than"),
        ("First-Class Mail", "First-Class Mail"),
    ])
    func uspsMarkupIsRemoved(_ html: String, _ plain: String) {
        #expect(USPSText.plain(html) == plain)
        #expect(USPSMarkup.strip(html) == USPSMarkup.foundationStrip(html))
    }

    @Test func uspsMarkupMatchesFoundationOnRandomText() {
        var generator = SeededGenerator(seed: 0x5A11)
        let alphabet = ["<", ">", "&", "#", ";", "a", "Z", "9", " ", "/", "SUP", "&#153;", "&#8482;", "&trade;", "&#174;", "&reg;", "&amp;",
                        "&#", "é", "™"]
        for _ in 0..<3000 {
            let text = Self.randomText(from: alphabet, maxLength: 10, using: &generator)
            #expect(USPSMarkup.strip(text) == USPSMarkup.foundationStrip(text), "\(text)")
        }
    }

    /// The reading of `deliveryInformation` that UPSContent and UPSPhoto replace.
    static func referencePresent(_ value: JSONValue?) -> Bool {
        switch value {
        case nil, .null?: false
        case .string(let text)?: referenceClean(text) != nil
        case .object(let fields)?: fields.values.contains { referencePresent($0) }
        default: true
        }
    }

    struct Information: Decodable {
        var signature: UPSContent?
        var deliveryPhoto: UPSPhoto?
    }

    struct ReferenceInformation: Decodable {
        var signature: JSONValue?
        var deliveryPhoto: JSONValue?
    }

    static func randomJSON(depth: Int, using generator: inout SeededGenerator) -> String {
        let leaves = ["null", "\"\"", "\"  \"", "\"img\"", "0", "false", "true", "[]", "[null]"]
        guard depth > 0, Bool.random(using: &generator) else { return leaves.randomElement(using: &generator)! }
        let keys = ["image", "photo", "isNonPostalCodeCountry", "x"]
        let members = (0..<Int.random(in: 0...3, using: &generator)).map { _ in
            "\"\(keys.randomElement(using: &generator)!)\": \(randomJSON(depth: depth - 1, using: &generator))"
        }
        return "{\(members.joined(separator: ", "))}"
    }

    @Test func upsProofOfDeliveryPresenceMatchesTheJSONValueReading() throws {
        var generator = SeededGenerator(seed: 0x9D0D)
        var seen: Set<[Bool]> = []
        for _ in 0..<2000 {
            let body = "{\"signature\": \(Self.randomJSON(depth: 3, using: &generator)), \"deliveryPhoto\": \(Self.randomJSON(depth: 3, using: &generator))}"
            let data = Data(body.utf8)
            let fast = try JSONDecoder().decode(Information.self, from: data)
            let reference = try JSONDecoder().decode(ReferenceInformation.self, from: data)
            let expected = [Self.referencePresent(reference.signature),
                            Self.referencePresent(reference.deliveryPhoto?["photo"] ?? reference.deliveryPhoto)]
            #expect([fast.signature?.isPresent ?? false, fast.deliveryPhoto?.isPresent ?? false] == expected, "\(body)")
            seen.insert(expected)
        }
        #expect(seen.count == 4, "the random bodies cover every combination")
    }
}

extension FastPathTests {
    @Test func byteSearchMatchesFoundation() {
        var generator = SeededGenerator(seed: 0xB17E)
        for _ in 0..<3000 {
            // `"` is in the alphabet: the search anchors on the needle's first byte that is not one.
            let alphabet = Array("ab\"".utf8)
            let haystack = Data((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let needle = (0..<Int.random(in: 1...4, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            #expect(haystack.containsBytes(needle) == (haystack.range(of: Data(needle)) != nil), "\(Array(haystack)) \(needle)")
        }
        #expect(Data("aaab".utf8).containsBytes(Array("aab".utf8)))
        #expect(!Data("ab".utf8).containsBytes(Array("abc".utf8)))
        #expect(Data().containsBytes([]))
    }
}

extension FastPathTests {
    @Test func textAfterTheFirstCommaMatchesCharacterSplitting() {
        var generator = SeededGenerator(seed: 0xC0AA)
        let alphabet = [",", " ", "a", "\r\n", ",\u{301}", "é", "\t"]
        for _ in 0..<3000 {
            let text = Self.randomText(from: alphabet, maxLength: 7, using: &generator)
            let expected = text.split(separator: ",", maxSplits: 1).dropFirst().first.map { $0.trimmed }
            #expect(USPSText.afterFirstComma(text) == expected, "\(text.unicodeScalars.map(\.value))")
        }
        #expect(USPSText.afterFirstComma("Delivered, Parcel Locker") == "Parcel Locker")
        // Empty pieces do not count as the first one.
        #expect(USPSText.afterFirstComma(",,Front Door, Porch") == "Porch")
    }
}
