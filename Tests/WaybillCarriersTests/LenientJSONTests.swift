import Foundation
import Testing
import WaybillCarriers

/// A field of an odd type never rejects a whole document: it is repaired or ignored, with a
/// warning naming its path.
@Suite("Lenient JSON decoding")
struct LenientJSONTests {
    struct Body: Decodable, Equatable {
        struct Event: Decodable, Equatable {
            var code: String
            var text: String?
            var place: Place?
            var count: Int?
        }
        struct Place: Decodable, Equatable { var city: String? }
        var number: String
        var events: [Event]
    }

    func decode(_ json: String) throws(CarrierParseError) -> (Body, [CarrierNotice]) {
        var notices: [CarrierNotice] = []
        let body = try CarrierJSON.decode(Body.self, from: Data(json.utf8), carrier: "test", notices: &notices)
        return (body, notices)
    }

    @Test("a well-formed body decodes without warnings")
    func clean() throws {
        let (body, notices) = try decode(#"{"number":"1","events":[{"code":"A","text":"x"}]}"#)
        #expect(body.events.count == 1 && notices.isEmpty)
    }

    @Test("odd types are repaired or ignored, each with a warning naming the path")
    func oddTypes() throws {
        let (body, notices) = try decode("""
            {"number": 123, "events": {"code": 7, "text": "x", "place": "null", "count": "12"}}
            """)
        #expect(body.number == "123")
        #expect(body.events == [.init(code: "7", text: "x", place: nil, count: 12)])
        let paths = Set(notices.map { $0.path ?? "" })
        #expect(paths == ["number", "events", "events[0].code", "events[0].place", "events[0].count"])
        #expect(notices.allSatisfy { $0.kind == .warning })
    }

    @Test("an element missing a required field is skipped with a warning; the others are kept")
    func missingRequiredField() throws {
        let (body, notices) = try decode(#"{"number":"1","events":[{"text":"no code"},{"code":"B"}]}"#)
        #expect(body.events.map(\.code) == ["B"])
        #expect(notices.count == 1 && notices[0].path == "events[0]" && notices[0].message.contains("code"))
    }

    @Test("a document with nothing readable is refused, naming the place")
    func refused() {
        #expect(throws: CarrierParseError.self) { try decode(#"{"events":[]}"#) }
        do {
            _ = try decode(#"{"number":"1","events":[}"#)
            Issue.record("malformed JSON was accepted")
        } catch {
            #expect(error.reason.contains("malformed"))
        }
    }
}
