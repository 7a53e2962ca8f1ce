import Testing
@testable import WaybillNotify

struct SMSTextTests {
    @Test func gsm7SegmentCounting() {
        #expect(SMSText.encoding(of: "Hello @ £5 ÄÖ") == .gsm7)
        #expect(SMSText.segmentCount(String(repeating: "a", count: 160)) == 1)
        #expect(SMSText.segmentCount(String(repeating: "a", count: 161)) == 2)
        #expect(SMSText.segmentCount(String(repeating: "a", count: 306)) == 2)
        #expect(SMSText.segmentCount(String(repeating: "a", count: 307)) == 3)
        // Extension characters take two septets.
        #expect(SMSText.encoding(of: "€") == .gsm7)
        #expect(SMSText.segmentCount(String(repeating: "€", count: 80)) == 1)
        #expect(SMSText.segmentCount(String(repeating: "€", count: 81)) == 2)
    }

    @Test func ucs2SegmentCounting() {
        #expect(SMSText.encoding(of: "Zoë – ✓") == .ucs2)
        #expect(SMSText.segmentCount(String(repeating: "ж", count: 70)) == 1)
        #expect(SMSText.segmentCount(String(repeating: "ж", count: 71)) == 2)
        #expect(SMSText.segmentCount(String(repeating: "ж", count: 134)) == 2)
        #expect(SMSText.segmentCount(String(repeating: "ж", count: 135)) == 3)
        #expect(SMSText.segmentCount(String(repeating: "📦", count: 35)) == 1)  // two UTF-16 units each
        #expect(SMSText.segmentCount(String(repeating: "📦", count: 36)) == 2)
    }

    @Test func truncatesAtAWordBoundaryWithAnEllipsis() {
        let text = Array(repeating: "delivery", count: 40).joined(separator: " ")
        let one = SMSText.truncated(text, maxSegments: 1)
        #expect(one.count <= 160 && one.hasSuffix("delivery..."))
        #expect(SMSText.encoding(of: one) == .gsm7)
        let two = SMSText.truncated(text, maxSegments: 2)
        #expect(SMSText.segmentCount(two) == 2 && two.hasSuffix("delivery..."))
        let unicode = Array(repeating: "livré ✓", count: 30).joined(separator: " ")
        let cut = SMSText.truncated(unicode, maxSegments: 1)
        #expect(cut.hasSuffix("…") && cut.utf16.count <= 70)
        #expect(SMSText.truncated("short", maxSegments: 1) == "short")
    }
}
