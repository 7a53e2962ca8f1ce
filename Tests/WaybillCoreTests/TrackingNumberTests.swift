import Testing
@testable import WaybillCore

@Suite("Tracking numbers")
struct TrackingNumberTests {
    @Test(arguments: [
        ("1Z999AA10123456784", "1Z999AA10123456784"),
        ("1z 999 aa1 01 2345 6784", "1Z999AA10123456784"),
        ("1z999aa1", "1Z999AA1"),
        ("  9400-1000-0000-0000-0000-00 ", "9400100000000000000000"),
        ("9400\t1000\n0000\r\n0000", "9400100000000000"),
        ("JD014600006281230700", "JD014600006281230700"),
        ("rr123456785gb", "RR123456785GB"),
        ("ab\u{00A0}12\u{2003}34", "AB1234"),
        ("a.b_c/1", "A.B_C/1"),
        ("--", ""),
        ("   ", ""),
        ("", ""),
    ])
    func normalizes(_ raw: String, _ normalized: String) {
        #expect(TrackingNumber.normalize(raw) == normalized)
        // Normalizing twice changes nothing.
        #expect(TrackingNumber.normalize(normalized) == normalized)
    }

    @Test func variantsOfOneNumberNormalizeAlike() {
        let variants = ["1Z999AA10123456784", "1z999aa10123456784", "1Z 999 AA1 0123 456 784", "1Z-999-AA1-0123-456-784", " 1z999Aa10123456784\n"]
        #expect(Set(variants.map(TrackingNumber.normalize)) == ["1Z999AA10123456784"])
    }

    @Test(arguments: [
        "1Z999AA10123456784", "9400100000000000000000", "RR123456785GB", "A", "0", "abc",
        String(repeating: "9", count: 64),
    ])
    func accepts(_ normalized: String) {
        #expect(TrackingNumber.problem(with: normalized) == nil)
    }

    @Test(arguments: [
        ("", "tracking_number is empty"),
        (String(repeating: "9", count: 65), "tracking_number is longer than 64 characters"),
        (String(repeating: "A", count: 200), "tracking_number is longer than 64 characters"),
        ("1Z*999", "tracking_number may contain only letters, digits, spaces and hyphens"),
        ("ABC 123", "tracking_number may contain only letters, digits, spaces and hyphens"),
        ("ABC-123", "tracking_number may contain only letters, digits, spaces and hyphens"),
        ("ÄBC123", "tracking_number may contain only letters, digits, spaces and hyphens"),
        ("١٢٣", "tracking_number may contain only letters, digits, spaces and hyphens"),
        ("１２３", "tracking_number may contain only letters, digits, spaces and hyphens"),
        ("ABC\u{0}", "tracking_number may contain only letters, digits, spaces and hyphens"),
        ("<script>", "tracking_number may contain only letters, digits, spaces and hyphens"),
        ("AB;DROP", "tracking_number may contain only letters, digits, spaces and hyphens"),
        ("📦123", "tracking_number may contain only letters, digits, spaces and hyphens"),
        // Path characters: a number ends up in carriers' request paths.
        ("A.B_C/1", "tracking_number may contain only letters, digits, spaces and hyphens"),
        ("../../ADMIN", "tracking_number may contain only letters, digits, spaces and hyphens"),
        ("1Z%2F..", "tracking_number may contain only letters, digits, spaces and hyphens"),
        ("ABC?X=1", "tracking_number may contain only letters, digits, spaces and hyphens"),
        ("TEST_CASE_200", "tracking_number may contain only letters, digits, spaces and hyphens"),
    ])
    func rejects(_ normalized: String, _ problem: String) {
        #expect(TrackingNumber.problem(with: normalized) == problem)
    }

    @Test func normalizedInputWithOnlySeparatorsIsEmpty() {
        #expect(TrackingNumber.problem(with: TrackingNumber.normalize(" - - ")) == "tracking_number is empty")
        #expect(TrackingNumber.problem(with: TrackingNumber.normalize("1z 999-aa1")) == nil)
    }
}
