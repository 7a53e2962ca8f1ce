import Foundation
import Testing
@testable import WaybillCore

@Suite("Identifiers")
struct IdentifierTests {
    static let crockford = Set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    @Test(arguments: Identifier.Kind.allCases)
    func hasItsPrefixAndA26CharacterBody(_ kind: Identifier.Kind) {
        let id = Identifier.make(kind)
        #expect(id.hasPrefix(kind.rawValue + "_"))
        let body = id.dropFirst(kind.rawValue.count + 1)
        #expect(body.count == 26)
        #expect(body.allSatisfy { Self.crockford.contains($0) })
        // 128 bits in 26 characters: the first carries only 3 bits.
        #expect("01234567".contains(body.first!))
        #expect(Identifier.isValid(id, kind: kind))
        for other in Identifier.Kind.allCases where other != kind {
            #expect(!Identifier.isValid(id, kind: other))
        }
    }

    @Test func prefixesAreDistinctThreeLetterWords() {
        let prefixes = Identifier.Kind.allCases.map(\.rawValue)
        #expect(Set(prefixes).count == prefixes.count)
        #expect(prefixes.allSatisfy { $0.count == 3 && $0.allSatisfy(\.isLowercase) })
        #expect(Identifier.Kind.shipment.rawValue == "shp")
    }

    @Test func sortsByCreationTime() {
        let times: [TimeInterval] = [
            0, 0.001, 1, 978_307_200, 1_700_000_000, 1_795_670_102.122, 1_795_670_102.123, 1_795_670_102.124,
            1_795_670_103, 1_800_000_000, 4_102_444_800, 253_402_300_799,
        ]
        for _ in 0..<50 {
            let ids = times.map { Identifier.make(.shipment, at: Date(timeIntervalSince1970: $0)) }
            #expect(ids == ids.sorted())
            #expect(ids.shuffled().sorted() == ids)
        }
    }

    @Test func idsOfTheSameMillisecondShareTheirTimePart() {
        let date = instant("2026-11-26T05:15:02.123Z")
        let ids = (0..<100).map { _ in Identifier.make(.event, at: date) }
        let timeParts = Set(ids.map { $0.dropFirst(4).prefix(10) })
        #expect(timeParts.count == 1)
        #expect(Set(ids).count == 100)
    }

    @Test func encodesTheTimeAsAULID() {
        // The ULID specification's example: 1469918176385 ms is "01ARYZ6S41".
        let id = Identifier.make(.order, at: Date(timeIntervalSince1970: 1_469_918_176.385))
        #expect(id.hasPrefix("ord_01ARYZ6S41"))
        #expect(Identifier.make(.order, at: Date(timeIntervalSince1970: 0)).hasPrefix("ord_0000000000"))
        // Times before 1970 clamp to the epoch rather than trap.
        #expect(Identifier.make(.order, at: Date(timeIntervalSince1970: -86_400)).hasPrefix("ord_0000000000"))
    }

    @Test func base32OfKnownBytes() {
        #expect(Identifier.base32([UInt8](repeating: 0, count: 16)) == String(repeating: "0", count: 26))
        #expect(Identifier.base32([UInt8](repeating: 0xFF, count: 16)) == "7" + String(repeating: "Z", count: 25))
        #expect(Identifier.base32([UInt8](repeating: 0, count: 15) + [1]) == String(repeating: "0", count: 25) + "1")
        #expect(Identifier.base32([UInt8](repeating: 0, count: 15) + [32]) == String(repeating: "0", count: 24) + "10")
        #expect(Identifier.base32([0x80] + [UInt8](repeating: 0, count: 15)) == "4" + String(repeating: "0", count: 25))
        // Bits that cross the boundary between the two 64-bit halves.
        #expect(Identifier.base32([UInt8](repeating: 0, count: 7) + [1] + [UInt8](repeating: 0, count: 8))
            == String(repeating: "0", count: 13) + "G" + String(repeating: "0", count: 12))
    }

    @Test func uniqueOverTenThousand() {
        let ids = (0..<10_000).map { _ in Identifier.make(.event) }
        #expect(Set(ids).count == 10_000)
        #expect(ids.allSatisfy { Identifier.isValid($0, kind: .event) })
    }

    @Test(arguments: [
        "", "shp_", "shp", "shp_01JDX3M5Q8W6Y7Z9A0B1C2D3E", "shp_01JDX3M5Q8W6Y7Z9A0B1C2D3E45",
        "shp_01jdx3m5q8w6y7z9a0b1c2d3e4", "shp_01JDX3M5Q8W6Y7Z9A0B1C2D3EU", "shp_01JDX3M5Q8W6Y7Z9A0B1C2D3EI",
        "shp_01JDX3M5Q8W6Y7Z9A0B1C2D3EO", "shp_01JDX3M5Q8W6Y7Z9A0B1C2D3EL", "shp-01JDX3M5Q8W6Y7Z9A0B1C2D3E4",
        "SHP_01JDX3M5Q8W6Y7Z9A0B1C2D3E4", "ord_01JDX3M5Q8W6Y7Z9A0B1C2D3E4", " shp_01JDX3M5Q8W6Y7Z9A0B1C2D3E4",
        "shp_01JDX3M5Q8W6Y7Z9A0B1C2D3É4",
    ])
    func rejectsMalformedShipmentIDs(_ text: String) {
        #expect(!Identifier.isValid(text, kind: .shipment))
    }

    @Test func acceptsAWellFormedShipmentID() {
        #expect(Identifier.isValid("shp_01JDX3M5Q8W6Y7Z9A0B1C2D3E4", kind: .shipment))
    }
}

@Suite("Secret tokens")
struct SecretTokenTests {
    static let urlSafe = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")

    @Test(arguments: [(0, 0), (1, 2), (2, 3), (3, 4), (16, 22), (24, 32), (32, 43), (64, 86)])
    func lengthIsUnpaddedBase64(_ bytes: Int, _ length: Int) {
        let token = SecretToken.make(bytes: bytes)
        #expect(token.count == length)
        #expect(token.allSatisfy { Self.urlSafe.contains($0) })
    }

    @Test func defaultIs32BytesOfURLSafeText() throws {
        let token = SecretToken.make()
        #expect(token.count == 43)
        #expect(token.allSatisfy { Self.urlSafe.contains($0) })
        // Decodes back to 32 bytes once the URL-safe alphabet is undone.
        let standard = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/") + "="
        let bytes = try #require(Data(base64Encoded: standard))
        #expect(bytes.count == 32)
    }

    @Test func usesTheWholeAlphabetAndNeverRepeats() {
        let tokens = (0..<2_000).map { _ in SecretToken.make() }
        #expect(Set(tokens).count == tokens.count)
        let used = Set(tokens.joined())
        #expect(used == Self.urlSafe)
    }
}

@Suite("Hex")
struct HexTests {
    @Test(arguments: [
        ([UInt8](), ""),
        ([0x00], "00"),
        ([0x0F], "0f"),
        ([0xF0], "f0"),
        ([0xFF], "ff"),
        ([0xDE, 0xAD, 0xBE, 0xEF], "deadbeef"),
        ([0x00, 0x01, 0x7F, 0x80, 0xFE], "00017f80fe"),
    ])
    func encodesLowercase(_ bytes: [UInt8], _ hex: String) {
        #expect(Hex.encode(bytes) == hex)
        #expect(Hex.encode(Data(bytes)) == hex)
    }

    @Test func encodesEveryByte() {
        let all = (0...255).map { UInt8($0) }
        let hex = Hex.encode(all)
        #expect(hex.count == 512)
        #expect(hex.hasPrefix("000102"))
        #expect(hex.hasSuffix("fdfeff"))
        for (index, byte) in all.enumerated() {
            let pair = hex.dropFirst(index * 2).prefix(2)
            #expect(UInt8(pair, radix: 16) == byte)
        }
    }
}

@Suite("Identifier order")
struct IdentifierOrderTests {
    @Test func idsMadeInOneMillisecondKeepTheirOrder() {
        // Many of these fall in the same millisecond; other tests make ids concurrently.
        let ids = (0..<1000).map { _ in Identifier.make(.shipment) }
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == ids.count)
    }
}
