import Foundation
import Testing
import WaybillCore

/// Bodies that are not JSON get `400 malformed_json`, wherever the parser notices. Foundation
/// reads a number only when its field is decoded, so `-`, `01`, `1.` or `1e400` passed the parse
/// and failed later: the alert rules, notification channels and template previews answered 500,
/// and the typed endpoints said "body must be an object" (found by schemathesis, issue 15 item 15).
@Suite("Malformed JSON bodies")
struct MalformedJSONTests {
    static let bodies = ["-", "01", "1.", "-e", "1e400", "[-]", #"{"name":-}"#, #"{"a":[1,01]}"#, #"{"tracking_number":1e999}"#]

    static let endpoints: [(method: String, path: String)] = [
        ("POST", "/v1/alert-rules"), ("PUT", "/v1/notification-channels/sms"), ("PUT", "/v1/notification-channels/email"),
        ("POST", "/v1/alert-templates/preview"), ("POST", "/v1/shipments"), ("POST", "/v1/webhook-subscriptions"),
        ("POST", "/v1/orders"), ("PUT", "/v1/routing-rules/ups"),
    ]

    @Test func aBodyThatIsNotJSONIsMalformedOnEveryEndpoint() async throws {
        try await TestApp.run { api, keys, _ in
            for endpoint in Self.endpoints {
                for body in Self.bodies {
                    let response = try await api.send(.init(endpoint.method)!, endpoint.path, key: keys.admin, json: body)
                    #expect(response.status == 400, "\(endpoint.method) \(endpoint.path) \(body): \(response.status)")
                    #expect(response.string("error", "code") == "malformed_json", "\(endpoint.method) \(endpoint.path) \(body)")
                }
            }
            // A patch of an existing rule reads its body the same way.
            let rules = try await api.send(.get, "/v1/alert-rules", key: keys.admin)
            let id = try #require(rules.json["data"]?.arrayValue?.first?["id"]?.stringValue)
            let patched = try await api.send(.patch, "/v1/alert-rules/\(id)", key: keys.admin, json: #"{"delay_seconds":-}"#)
            #expect(patched.status == 400 && patched.string("error", "code") == "malformed_json")
        }
    }

    @Test func jsonValueRefusesWhatNoJSONValueHolds() throws {
        for body in Self.bodies {
            #expect(throws: DecodingError.self, "\(body)") { try JSONValue.parse(Data(body.utf8)) }
        }
        #expect(try JSONValue.parse(Data(#"{"a":[1,-2.5e3,null]}"#.utf8)) == .object(["a": .array([.number(1), .number(-2500), .null])]))
    }
}
