import Testing
@testable import WaybillCore

/// Each algorithm against numbers worked out by hand in standards.md §2–3 and the jkeen test numbers.
@Suite("Check digits")
struct CheckDigitTests {
    @Test(arguments: [
        ("999AA1012345678", Character("4")),  // UPS 1Z999AA10123456784
        ("XX3150YW4407002", "3"),              // UPS 1ZXX3150YW44070023: letters weigh (ASCII − 3) mod 10
        ("41103150000187", "9"),               // OnTrac C11031500001879 with its implied 4
        ("51001135445370", "7"),               // OnTrac D10011354453707 with its implied 5
    ])
    func mod10(_ payload: String, _ check: Character) {
        #expect(CheckDigit.mod10(payload, evens: 1, odds: 2) == check)
    }

    @Test func mod10IsNotLuhn() {
        // Luhn would digit-sum 7·2 = 14 to 5; jkeen's mod 10 keeps 14.
        #expect(CheckDigit.mod10("07", evens: 1, odds: 2) == "6")
        #expect(CheckDigit.luhn("07") == "5")
        #expect(CheckDigit.mod10("1Z*", evens: 1, odds: 2) == nil)
    }

    @Test(arguments: [
        ("10614141123456789", Character("7")),   // SSCC 106141411234567897
        ("00614141123456789", "0"),               // the same with extension digit 0
        ("400638133393", "1"),                    // GTIN-13
        ("03600029145", "2"),                     // GTIN-12 / UPC
        ("061414100000", "5"),                    // GLN
        ("1061414112345", "9"),                   // GTIN-14
        ("940011120620640626078", "7"),           // USPS IMpb 9400111206206406260787
        ("98765431234567", "2"),                  // FedEx Ground 96: the last 14 digits only
        ("04144176022896", "4"),                  // FedEx Ground 041441760228964
        ("007393800054929", "7"),                 // Canada Post 0073938000549297
    ])
    func gs1(_ payload: String, _ check: Character) {
        #expect(CheckDigit.gs1(payload) == check)
    }

    @Test func gs1RejectsLetters() {
        #expect(CheckDigit.gs1("12A4") == nil)
        #expect(CheckDigit.gs1("") == "0")
    }

    @Test(arguments: [
        ("98657878885", Character("5")),  // 986578788855: products sum 269, mod 11 = 5
        ("77001287377", "2"),             // 770012873772
        ("47717908123", "0"),             // 477179081230
    ])
    func fedExExpress(_ payload: String, _ check: Character) {
        #expect(CheckDigit.weightedMod11(payload, weights: CheckDigit.fedExExpressWeights) == check)
    }

    @Test func fedExExpressKnownBad() {
        // 996578788855 is in jkeen's invalid list: one digit changed, the check no longer holds.
        #expect(CheckDigit.weightedMod11("99657878885", weights: CheckDigit.fedExExpressWeights) != "5")
        // The 34-digit barcode weights, over a 13-digit serial, agree with the 12-digit ones from the right.
        #expect(CheckDigit.weightedMod11("0087107991994", weights: CheckDigit.fedExBarcodeWeights) == "0")
        #expect(CheckDigit.weightedMod11("87107991994", weights: CheckDigit.fedExExpressWeights) == "0")
        #expect(CheckDigit.weightedMod11("123", weights: CheckDigit.fedExExpressWeights) == nil)
    }

    @Test(arguments: [
        ("331881002", Character("5")),  // DHL Express 3318810025
        ("331881003", "6"),
        ("7389105114", "6"),            // 11-digit 73891051146
        ("0", "0"),
    ])
    func mod7(_ payload: String, _ check: Character) {
        #expect(CheckDigit.mod7(payload) == check)
    }

    @Test func mod7KnownBad() {
        #expect(CheckDigit.mod7("331881001") != "0")  // 3318810010 is invalid
        #expect(CheckDigit.mod7("") == nil)
        // A 30-digit payload does not overflow.
        #expect(CheckDigit.mod7(String(repeating: "9", count: 30)) == "0")  // 10^30 ≡ 1 (mod 7)
    }

    @Test(arguments: [
        ("12345678", Character("5")),  // RB123456785GB: 204 mod 11 = 6, 11 − 6 = 5
        ("00000000", "5"),             // remainder 0 → 5
        ("00031676", "0"),             // remainder 1 → 0
    ])
    func s10(_ serial: String, _ check: Character) {
        #expect(CheckDigit.s10(serial) == check)
    }

    @Test func s10KnownBad() {
        #expect(CheckDigit.s10("12345678") != "9")  // CP123456789CA is invalid
        #expect(CheckDigit.s10("1234567") == nil)
        #expect(CheckDigit.s10("1234567A") == nil)
    }

    @Test(arguments: [
        ("7992739871", Character("3")),  // the textbook 79927398713
        ("32059546393", "8"),            // Purolator 320595463938
        ("28780946887", "2"),            // Purolator 287809468872
        ("0720956276", "3"),             // Old Dominion 07209562763
    ])
    func luhn(_ payload: String, _ check: Character) {
        #expect(CheckDigit.luhn(payload) == check)
    }

    @Test func luhnKnownBad() {
        #expect(CheckDigit.luhn("32059546393") != "9")
        #expect(CheckDigit.luhn("7992739871") != "4")
    }

    @Test(arguments: [
        ("008182709980000020033350276", Character("C")),  // DPD 28-character label code
        ("008182709980000020045327276", "N"),
        ("09980000020033", "F"),                          // DPD 14-digit parcel number
        ("09980000020034", "D"),
    ])
    func mod37_36(_ payload: String, _ check: Character) {
        #expect(CheckDigit.mod37_36(payload) == check)
    }

    @Test func mod37_36KnownBad() {
        #expect(CheckDigit.mod37_36("008182709980000020033350276") != "A")
        #expect(CheckDigit.mod37_36("09980000020033") != "D")
        #expect(CheckDigit.mod37_36("12*") == nil)
    }

    @Test func weightedMod10() {
        // DHL Paket 12-digit Identcode, weights 4, 9: paketda.de's example 201298452277
        // (2·4 + 0·9 + 1·4 + 2·9 + 9·4 + 8·9 + 4·4 + 5·9 + 2·4 + 2·9 + 7·4 = 253 → 7).
        #expect(CheckDigit.weightedMod10("20129845227", weights: [4, 9]) == "7")
        // GLS, weights 3, 1 plus 1: parcel 32631986451 of a real GLS answer is labelled 326319864515
        // (3·3 + 2 + 6·3 + 3 + 1·3 + 9 + 8·3 + 6 + 4·3 + 5 + 1·3 = 94, + 1 = 95 → 5).
        #expect(CheckDigit.weightedMod10("32631986451", weights: [3, 1], addend: 1) == "5")
        #expect(CheckDigit.weightedMod10("50346007538", weights: [3, 1], addend: 1) == "4")
        // A sum that is a multiple of 10 gives 0, not 10.
        #expect(CheckDigit.weightedMod10("9", weights: [1], addend: 1) == "0")
        #expect(CheckDigit.weightedMod10("12A", weights: [3, 1]) == nil)
        #expect(CheckDigit.weightedMod10("", weights: [3, 1]) == nil)
    }
}
