import Foundation
import Testing
@testable import WaybillCore

@Suite("Tracking number detection")
struct TrackingNumberDetectionTests {
    private func first(_ input: String) -> TrackingNumberCandidate? {
        TrackingNumberDetector.candidates(for: input).first
    }

    private func readings(_ input: String) -> [String] {
        TrackingNumberDetector.candidates(for: input).map { "\($0.carrier)/\($0.format)" }
    }

    @Test func upsWithSpacesAndLowerCase() throws {
        for input in ["1Z999AA10123456784", "1z 999 aa1 0123 456 784", " 1z-999-aa1-0123-456-784\n"] {
            let detection = TrackingNumberDetector.detect(input)
            #expect(detection.input == input)
            #expect(detection.normalized == "1Z999AA10123456784")
            let best = try #require(detection.candidates.first)
            #expect(best.carrier == "ups")
            #expect(best.format == "ups_1z")
            #expect(best.checkDigitValid == true)
            #expect(best.confidence == 0.99)
            #expect(best.trackingNumber == "1Z999AA10123456784")
            #expect(best.trackingURL?.absoluteString == "https://www.ups.com/track?tracknum=1Z999AA10123456784")
        }
    }

    @Test func aDistinctiveShapeWithAWrongCheckDigitIsAProbableTypo() throws {
        let candidates = TrackingNumberDetector.candidates(for: "1Z999AA10123456785")
        let ups = try #require(candidates.first)
        #expect(ups.carrier == "ups")
        #expect(ups.checkDigitValid == false)
        #expect(ups.confidence == 0.5)
    }

    @Test func bareDigitsWithAWrongCheckDigitAreNotThatFormat() {
        // 996578788855 fails FedEx's check (and Purolator's Luhn): a bare run of digits is then no reading at all.
        #expect(!readings("996578788855").contains("fedex/fedex_12"))
        #expect(readings("996578788855").allSatisfy { !$0.hasPrefix("purolator") })
    }

    @Test(arguments: [
        // standards.md §2.2 collisions: every valid reading is returned, the likelier first.
        ("287809468872", ["fedex/fedex_12", "purolator/purolator_12"]),
        ("4201028200009261290113185417468510", ["usps/usps_impb", "fedex/fedex_34"]),
        ("78045768393", ["dhl_express/dhl_express", "old_dominion/old_dominion"]),
        ("JFV247545960", ["dhl_express/dhl_express_piece_id", "purolator/purolator_alpha"]),
    ])
    func collisionsReturnRankedCandidates(_ input: String, _ expected: [String]) {
        let candidates = TrackingNumberDetector.candidates(for: input)
        #expect(Array(readings(input).prefix(expected.count)) == expected)
        #expect(candidates.count >= 2)
        #expect(candidates.allSatisfy { $0.checkDigitValid != false })
        #expect(zip(candidates, candidates.dropFirst()).allSatisfy { $0.confidence >= $1.confidence })
        #expect(candidates[0].confidence > candidates[1].confidence)
    }

    @Test func preferredCarriersWinCloseCalls() throws {
        let preferred = TrackingNumberDetector.candidates(for: "287809468872", preferring: ["purolator"])
        #expect(preferred.map(\.carrier).prefix(2) == ["purolator", "fedex"])
        #expect(preferred.first?.confidence == 0.7)
        // A preference does not invent readings.
        #expect(TrackingNumberDetector.candidates(for: "1Z999AA10123456784", preferring: ["fedex"]).map(\.carrier) == ["ups"])
    }

    @Test(arguments: [
        ("9400111206206406260787", "9400111206206406260787"),
        ("9400 1112 0620 6406 2607 87", "9400111206206406260787"),
        // 420 + ZIP: the routing prefix is not part of the tracking number and not covered by the check.
        ("420787459400111206206406260787", "9400111206206406260787"),
        ("420 78745 9400 1112 0620 6406 2607 87", "9400111206206406260787"),
        // 420 + ZIP+4.
        ("4201002334249200190132607600833457", "9200190132607600833457"),
        ("92748931507708513018050063", "92748931507708513018050063"),
    ])
    func uspsIMpbWithAndWithoutRoutingPrefix(_ input: String, _ trackingNumber: String) throws {
        let usps = try #require(first(input))
        #expect(usps.carrier == "usps")
        #expect(usps.format == "usps_impb")
        #expect(usps.checkDigitValid == true)
        #expect(usps.trackingNumber == trackingNumber)
        #expect(usps.trackingURL?.absoluteString == "https://tools.usps.com/go/TrackConfirmAction?tLabels=\(trackingNumber)")
    }

    @Test func uspsRoutingPrefixIsNotCheckedAsPayload() throws {
        // Changing the ZIP leaves the check intact; changing the IMpb breaks it.
        #expect(first("420999999400111206206406260787")?.checkDigitValid == true)
        let broken = try #require(TrackingNumberDetector.candidates(for: "420787459400111206206406260788").first { $0.carrier == "usps" })
        #expect(broken.checkDigitValid == false)
        #expect(broken.confidence == 0.4)
    }

    @Test func longBarcodesGiveTheCarrierTheEmbeddedNumber() throws {
        let fedEx34 = try #require(TrackingNumberDetector.candidates(for: "1001921334250001000300779017972697").first { $0.format == "fedex_34" })
        #expect(fedEx34.trackingNumber == "779017972697")
        #expect(fedEx34.trackingURL?.absoluteString == "https://www.fedex.com/fedextrack/?trknbr=779017972697")
        let ground96 = try #require(first("9611020987654312345672"))
        #expect(ground96.format == "fedex_ground_96")
        #expect(ground96.trackingNumber == "987654312345672")
        let dpd = try #require(first("00 81827 0998 0000 0200 33 350 276 C"))
        #expect(dpd.carrier == "dpd")
        #expect(dpd.format == "dpd_28")
        #expect(dpd.trackingNumber == "09980000020033")
    }

    @Test func fedExTwentyDigitAndDoorTag() throws {
        // FedEx's mock Ground Economy numbers: an IMpb without its 92, whose check still covers the 92.
        for number in ["61299998620341515252", "41999998135520738841", "74899992242124855076"] {
            let fedEx = try #require(first(number))
            #expect(fedEx.carrier == "fedex")
            #expect(fedEx.format == "fedex_20")
            #expect(fedEx.checkDigitValid == true)
        }
        // The older kind, a USPS Delivery Confirmation number without its 91: USPS and FedEx both plausible.
        #expect(readings("02931503799192766595") == ["usps/usps_legacy", "fedex/fedex_20"])
        let doorTag = try #require(first("dt 7716 1342 3732"))
        #expect(doorTag.format == "fedex_door_tag")
        #expect(doorTag.checkDigitValid == nil)
        #expect(doorTag.trackingURL?.absoluteString == "https://www.fedex.com/fedextrack/?trknbr=DT771613423732")
    }

    @Test func s10ReportsTheIssuingPost() throws {
        let royalMail = try #require(first("rb 123 456 785 gb"))
        #expect(royalMail.format == "s10")
        #expect(royalMail.carrier == "royal_mail")
        #expect(royalMail.checkDigitValid == true)
        #expect(royalMail.trackingURL?.absoluteString == "https://www.royalmail.com/track-your-item#/tracking-results/RB123456785GB")
        #expect(first("RB123456785US")?.carrier == "usps")
        #expect(first("EE123456785DE")?.carrier == "deutsche_post")
        // A post without a Waybill id or known tracking page.
        let capeVerde = try #require(first("RB123456785CV"))
        #expect(capeVerde.carrier == "post_cv")
        #expect(capeVerde.trackingURL == nil)
        // No post uses XX: not an S10 number at all.
        #expect(readings("RB123456785XX").allSatisfy { !$0.hasSuffix("/s10") })
        // CP123456789CA: Canada Post's shape, wrong check digit (5 expected).
        let typo = try #require(first("CP123456789CA"))
        #expect(typo.carrier == "canada_post")
        #expect(typo.checkDigitValid == false)
        #expect(typo.confidence == 0.4)
    }

    @Test func upuCountryTable() throws {
        let germany = try #require(UPUPosts.post(forCountry: "de"))
        #expect(germany.country == "DE")
        #expect(germany.name == "Deutsche Post")
        #expect(germany.carrier == "deutsche_post")
        #expect(UPUPosts.post(forCountry: "CA")?.carrier == "canada_post")
        #expect(UPUPosts.post(forCountry: "HK")?.name == "Hong Kong Post")
        #expect(UPUPosts.post(forCountry: "TW")?.carrier == "chunghwa_post")
        #expect(UPUPosts.post(forCountry: "AF")?.carrier == "post_af")
        #expect(UPUPosts.post(forCountry: "XX") == nil)
        #expect(UPUPosts.post(forCountry: "") == nil)
        #expect(UPUPosts.countries.count >= 191)
        #expect(UPUPosts.countries.allSatisfy { $0.count == 2 && $0 == $0.uppercased() })
    }

    @Test(arguments: ["", "   ", "--", "HELLO", "1Z*999AA10123456784", "١٢٣٤٥٦٧٨٩٠١٢", "１Z999AA10123456784", String(repeating: "9", count: 65)])
    func nothingMatches(_ input: String) {
        #expect(TrackingNumberDetector.candidates(for: input).isEmpty)
    }

    @Test func candidatesAreUniqueAndSorted() {
        for input in ["9400111206206406260787", "4201028200009261290113185417468510", "000123450000000027", "60120172242323", "LX17635036"] {
            let candidates = TrackingNumberDetector.candidates(for: input)
            #expect(!candidates.isEmpty, "\(input)")
            #expect(Set(candidates.map { "\($0.carrier)/\($0.format)" }).count == candidates.count, "\(input)")
            #expect(zip(candidates, candidates.dropFirst()).allSatisfy { $0.confidence >= $1.confidence }, "\(input)")
            #expect(candidates.allSatisfy { (0...1).contains($0.confidence) }, "\(input)")
        }
    }

    @Test func ssccFromDHLPaket() throws {
        let dhl = try #require(first("00340434161094042557"))
        #expect(dhl.carrier == "dhl")
        #expect(dhl.format == "sscc")
        #expect(dhl.checkDigitValid == true)
    }

    @Test(arguments: ["3SDEVC123456789", "3SABCD3563340", "3s kaag 599 5399", "3STBJG004188604"])
    func postNL3SBarcodes(_ input: String) throws {
        let postNL = try #require(first(input))
        #expect(postNL.carrier == "postnl")
        #expect(postNL.format == "postnl_3s")
        #expect(postNL.checkDigitValid == nil)
        #expect(postNL.confidence >= 0.8)
    }

    @Test func threeSWithAThreeLetterCodeIsDHLParcelAndOtherLengthsAreNotPostNL() throws {
        // dhl.com's example of a DHL Parcel number.
        let dhlParcel = try #require(first("3SBCC000123456"))
        #expect(dhlParcel.carrier == "dhl" && dhlParcel.format == "dhl_parcel_3s")
        #expect(dhlParcel.confidence < 0.8)
        // PostNL's 3S barcodes are 13 or 15 characters; a digit in the customer code is no 3S barcode.
        for input in ["3SDEVC12345678", "3SDEVC1234567890", "3SDEV1123456789"] {
            #expect(!readings(input).contains("postnl/postnl_3s"), "\(input)")
        }
    }

    @Test func dhlPaketTwelveDigitsIsOneWeakReadingAmongOthers() throws {
        let dhl = try #require(TrackingNumberDetector.candidates(for: "2012 9845 2277").first { $0.format == "dhl_paket_12" })
        #expect(dhl.carrier == "dhl")
        #expect(dhl.checkDigitValid == true)
        #expect(dhl.trackingURL?.absoluteString == "https://www.dhl.com/global-en/home/tracking.html?submit=1&tracking-id=201298452277")
        // Twelve bare digits are many things: no reading is sure enough to be taken without asking.
        #expect(TrackingNumberDetector.candidates(for: "201298452277").allSatisfy { $0.confidence < 0.8 })
        #expect(!readings("201298452278").contains("dhl/dhl_paket_12"))
    }

    @Test func dhlPaketJJDAndNVE() throws {
        let jjd = try #require(first("JJD1410302937991"))
        #expect(jjd.carrier == "dhl" && jjd.format == "dhl_paket_jjd" && jjd.confidence == 0.8)
        #expect(readings("JJD00 0390 0078 8245 8936").first == "dhl/dhl_paket_jjd")
        // Shorter JJD numbers stay Express piece ids; Yodel's JJD + 16 digits stay Yodel's first.
        #expect(readings("JJD0099999999").first == "dhl_express/dhl_express_piece_id")
        #expect(readings("JJD0002257639032011").prefix(2) == ["yodel/yodel", "dhl/dhl_paket_jjd"])
        // The NVE with DHL's other company prefix, and without its application identifier 00.
        for input in ["00340433836442636597", "340434161094042557"] {
            let nve = try #require(first(input))
            #expect(nve.carrier == "dhl" && nve.format == "sscc" && nve.checkDigitValid == true, "\(input)")
        }
    }

    @Test func glsParcelNumbers() throws {
        let labelled = try #require(TrackingNumberDetector.candidates(for: "326319864515").first { $0.carrier == "gls" })
        #expect(labelled.format == "gls_12")
        #expect(labelled.checkDigitValid == true)
        #expect(labelled.confidence < 0.8)
        #expect(!readings("326319864516").contains("gls/gls_12"))
        // GLS's own answers name the parcel by its 11 digits, without the check digit.
        let bare = try #require(TrackingNumberDetector.candidates(for: "32631986451").first { $0.carrier == "gls" })
        #expect(bare.format == "gls_11")
        #expect(bare.checkDigitValid == nil)
        #expect(bare.confidence <= 0.2)
        #expect(bare.trackingURL?.absoluteString == "https://gls-group.eu/GROUP/en/parcel-tracking?match=32631986451")
    }

    @Test(arguments: [
        ("201298452278", "dhl", ["dhl_paket_12"]),
        ("201298452277", "dhl", []),
        ("1Z999AA10123456785", "ups", ["ups_1z"]),
        ("1Z999AA10123456784", "ups", []),
        ("RB123456784GB", "royal_mail", ["s10"]),
        ("OAS1", "ups", []),
        ("986578788855", "fedex", []),
        ("986578788856", "fedex", ["fedex_12"]),
        ("326319864516", "gls", ["gls_12"]),
        ("32631986451", "gls", []),
    ])
    func failedCheckDigitFormats(_ input: String, _ carrier: String, _ expected: [String]) {
        #expect(TrackingNumberDetector.failedCheckDigitFormats(for: input, carrier: carrier) == expected)
    }

    @Test func knownCarriers() {
        let known = TrackingNumberDetector.knownCarriers
        #expect(known.isSuperset(of: ["ups", "fedex", "usps", "dhl", "dhl_express", "postnl", "gls", "dpd", "royal_mail", "post_cv"]))
        #expect(!known.contains("nope") && !known.contains(""))
    }

    @Test func everyTrackingURLIsAbsoluteHTTPSAndCarriesTheNumber() {
        let samples = [
            "1Z999AA10123456784", "986578788855", "9400111206206406260787", "RB123456785GB", "3318810025", "TBA000000000000",
            "C11031500001879", "1LS717793482164", "0073938000549297", "KYV009956937", "09980000020033F", "SP029692510000920746",
        ]
        for sample in samples {
            for candidate in TrackingNumberDetector.candidates(for: sample) {
                guard let url = candidate.trackingURL else { continue }
                #expect(url.scheme == "https", "\(candidate)")
                #expect(url.absoluteString.contains(candidate.trackingNumber), "\(candidate)")
                #expect(!url.absoluteString.contains("%s"), "\(candidate)")
            }
        }
    }

    @Test func formatTableIsWellFormed() {
        #expect(TrackingNumberFormats.all.count >= 40)
        for format in TrackingNumberFormats.all {
            #expect(format.id.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" }, "\(format.id)")
            #expect(format.confidence > 0 && format.confidence <= 1, "\(format.id)")
            if let failed = format.confidenceIfCheckFails {
                #expect(format.check != nil && failed < format.confidence, "\(format.id)")
            }
            if format.check != nil {
                #expect(format.groupNames.isSuperset(of: ["payload", "check"]), "\(format.id)")
            }
            switch format.issuer {
            case .carrier(let carrier, let url):
                #expect(!carrier.isEmpty, "\(format.id)")
                #expect(url.map { $0.hasPrefix("https://") && $0.contains("%s") } ?? true, "\(format.id)")
            case .issuingPost:
                #expect(format.groupNames.contains("country"), "\(format.id)")
            }
        }
    }

    @Test func jsonLine() {
        let line = String(decoding: TrackingNumberDetector.detect("1z999aa10123456784").jsonValue.encoded(), as: UTF8.self)
        #expect(line == #"{"candidates":[{"carrier":"ups","check_digit_valid":true,"confidence":0.99,"format":"ups_1z","tracking_url":"https://www.ups.com/track?tracknum=1Z999AA10123456784"}],"input":"1z999aa10123456784","normalized":"1Z999AA10123456784"}"#)
        let none = String(decoding: TrackingNumberDetector.detect("hello?").jsonValue.encoded(), as: UTF8.self)
        #expect(none == #"{"candidates":[],"input":"hello?","normalized":"HELLO?"}"#)
        let noCheck = String(decoding: TrackingNumberDetector.detect("TBA000000000000").jsonValue.encoded(), as: UTF8.self)
        #expect(noCheck.contains(#""check_digit_valid":null"#))
    }
}

/// jkeen/tracking_number_data, the test suite shared by tracking-number libraries: every valid number must
/// be read as its courier's format, and no invalid one may be (a failed check-digit reading does not count).
@Suite("Tracking number detection: shared test suite")
struct TrackingNumberSharedSuiteTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/reference-data/tracking_number_data/couriers").standardized

    static let courierFiles: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted()
    }()

    static let available = !courierFiles.isEmpty

    /// jkeen courier code + format id (or name, where the entry has no id) → Waybill carrier and format.
    /// S10's carrier depends on the number; it is nil here.
    static let formatMap: [String: (carrier: String?, format: String)] = [
        "ups/ups": ("ups", "ups_1z"),
        "ups/UPS Waybill": ("ups", "ups_waybill"),
        "fedex/fedex_12": ("fedex", "fedex_12"),
        "fedex/fedex_34": ("fedex", "fedex_34"),
        "fedex/fedex_astra_32": ("fedex", "fedex_astra_32"),
        "fedex/fedex_ground": ("fedex", "fedex_ground"),
        "fedex/fedex_ground_sscc_18": ("fedex", "sscc"),
        "fedex/fedex_ground_96": ("fedex", "fedex_ground_96"),
        "fedex/fedex_ground_gsn": ("fedex", "fedex_ground_gsn"),
        "usps/usps_20": ("usps", "usps_20"),
        "usps/usps_impb_n": ("usps", "usps_impb"),
        "usps/usps_impb_c": ("usps", "usps_impb"),
        "usps/usps_legacy": ("usps", "usps_legacy"),
        "dhl/dhl_express": ("dhl_express", "dhl_express"),
        "dhl/dhl_express_piece_id": ("dhl_express", "dhl_express_piece_id"),
        "dhl/dhl_ecommerce": ("dhl", "dhl_ecommerce"),
        "dhl/dhl_ecommerce_14": ("dhl", "dhl_ecommerce_14"),
        "amazon/amazon_logistics": ("amazon", "amazon_logistics"),
        "amazon/amazon_international": ("amazon", "amazon_international"),
        "ontrac/ontrac_c": ("ontrac", "ontrac"),
        "ontrac/ontrac_d": ("ontrac", "ontrac"),
        "lasership/lasership_lx": ("lasership", "lasership_lx"),
        "lasership/lasership_1ls7": ("lasership", "lasership_1ls7"),
        "lasership/LaserShip 1LS7 (18)": ("lasership", "lasership_1ls7"),
        "lasership/lasership_1lscx": ("lasership", "lasership_1lscx"),
        "canada_post/canada_post": ("canada_post", "canada_post_16"),
        "purolator/purolator_numeric": ("purolator", "purolator_12"),
        "purolator/purolator_alpha": ("purolator", "purolator_alpha"),
        "dpd/dpd": ("dpd", "dpd_28"),
        "dpd/dpd_14": ("dpd", "dpd_14"),
        "canpar/canpar_22": ("canpar", "canpar_22"),
        "gofo/gofo_us": ("gofo", "gofo_us"),
        "landmark/landmark_global": ("landmark_global", "landmark_ltn"),
        "old_dominion/Old Dominion": ("old_dominion", "old_dominion"),
        "old_dominion/Old Dominion Guaranteed Shipment": ("old_dominion", "old_dominion_guaranteed"),
        "speedee/speedee": ("speedee", "speedee"),
        "yodel/yodel": ("yodel", "yodel"),
        "yunexpress/yunexpress": ("yunexpress", "yunexpress"),
        "s10/s10": (nil, "s10"),
    ]

    struct Courier: Decodable {
        let courierCode: String
        let trackingNumbers: [Format]

        struct Format: Decodable {
            let id: String?
            let name: String
            let testNumbers: TestNumbers
        }

        struct TestNumbers: Decodable {
            let valid: [String]
            let invalid: [String]
        }
    }

    /// Whether `number` is read as `expected` with a check digit that holds (or without one).
    static func recognises(_ number: String, as expected: (carrier: String?, format: String)) -> Bool {
        let carrier = expected.carrier ?? UPUPosts.post(forCountry: String(TrackingNumber.normalize(number).suffix(2)))?.carrier
        return TrackingNumberDetector.candidates(for: number).contains {
            $0.carrier == carrier && $0.format == expected.format && $0.checkDigitValid != false
        }
    }

    @Test(
        .enabled(if: available, "jkeen/tracking_number_data not found at ../shared/reference-data/tracking_number_data/couriers"),
        arguments: courierFiles)
    func courier(_ file: String) throws {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let courier = try decoder.decode(Courier.self, from: Data(contentsOf: Self.folder.appendingPathComponent(file)))
        #expect(!courier.trackingNumbers.isEmpty)
        for format in courier.trackingNumbers {
            let key = "\(courier.courierCode)/\(format.id ?? format.name)"
            guard let expected = Self.formatMap[key] else {
                Issue.record("no Waybill format for \(key): add it to the detector and to formatMap")
                continue
            }
            #expect(!format.testNumbers.valid.isEmpty, "\(key)")
            for number in format.testNumbers.valid {
                #expect(Self.recognises(number, as: expected), "\(key) valid \(number): \(TrackingNumberDetector.candidates(for: number))")
            }
            for number in format.testNumbers.invalid {
                #expect(!Self.recognises(number, as: expected), "\(key) invalid \(number): \(TrackingNumberDetector.candidates(for: number))")
            }
        }
    }

    @Test(.enabled(if: available, "jkeen/tracking_number_data not found at ../shared/reference-data/tracking_number_data/couriers"))
    func everyCourierOfTheSuiteIsCovered() {
        #expect(Self.courierFiles.count >= 18)
    }
}
