import Foundation
import Hummingbird
import Testing
import WaybillCore
@testable import WaybillServer

/// The customer-page operations answer only with statuses `openapi.json` documents, and the
/// branding JSON matches its schema.
@Suite("Customer pages in openapi.json")
struct CustomerPagesOpenAPITests {
    @Test func everyCustomerPageOperationIsDocumented() async throws {
        try await TestApp.run { api, keys, _ in
            let document = try JSONValue.parse(OpenAPIDocument.data)
            let (_, token) = try await api.seedShipment(keys.admin, tracking: "1ZOPENAPI0000009", order: "OA-9", events: SeedEvents.delivered)
            var calls: [(String, String, APIResponse)] = []
            func call(_ method: HTTPRequest.Method, _ template: String, _ path: String, key: String? = nil, json: String? = nil,
                      form: String? = nil) async throws {
                var headers: HTTPFields = [:]
                if form != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
                let response = try await api.send(method, path, key: key, json: json ?? form, headers: headers)
                calls.append((method.rawValue.lowercased(), template, response))
            }
            try await call(.get, "/v1/branding", "/v1/branding", key: keys.viewer)
            try await call(.get, "/v1/branding", "/v1/branding")
            try await call(.put, "/v1/branding", "/v1/branding", key: keys.admin,
                           json: ##"{"display_name":"A","primary_color":"#1d4ed8","links":[{"label":"R","url":"https://a.example/r"}],"allowed_origins":["https://a.example"]}"##)
            try await call(.put, "/v1/branding", "/v1/branding", key: keys.admin, json: #"{"primary_color":"nope"}"#)
            try await call(.put, "/v1/branding", "/v1/branding", key: keys.support, json: "{}")
            try await call(.get, "/v1/branding/preview", "/v1/branding/preview", key: keys.viewer)
            try await call(.post, "/v1/branding/preview", "/v1/branding/preview", key: keys.admin, json: "{}")
            try await call(.post, "/v1/branding/preview", "/v1/branding/preview", key: keys.admin, json: #"{"font":"comic"}"#)
            try await call(.get, "/t/{token}", "/t/\(token)")
            try await call(.get, "/t/{token}", "/t/unknown-token-0000000000")
            try await call(.head, "/t/{token}", "/t/\(token)")
            try await call(.head, "/t/{token}", "/t/unknown-token-0000000000")
            try await call(.get, "/t/{token}/embed", "/t/\(token)/embed")
            try await call(.get, "/t/{token}/widget.json", "/t/\(token)/widget.json")
            try await call(.get, "/t/{token}/email", "/t/\(token)/email")
            try await call(.get, "/t/{token}/status.png", "/t/\(token)/status.png")
            try await call(.get, "/track", "/track")
            try await call(.get, "/track", "/track?number=1ZOPENAPI0000009")
            try await call(.post, "/track", "/track", form: "order=OA-9&verify=jane.doe%40example.com")
            try await call(.post, "/track/widget.json", "/track/widget.json", form: "tenant=x&order=OA-9&verify=")
            try await call(.get, "/widget.js", "/widget.js")
            try await call(.get, "/assets/{file}", "/assets/waybill.css")
            try await call(.get, "/support", "/support", key: keys.support)
            try await call(.get, "/support", "/support")
            try await call(.post, "/support/login", "/support/login", form: "key=\(keys.support)")
            try await call(.post, "/support/logout", "/support/logout")
            try await call(.get, "/support/shipments/{id}", "/support/shipments/shp_missing", key: keys.support)

            for (method, template, response) in calls {
                let label = "\(method.uppercased()) \(template) → \(response.status)"
                guard let operation = document["paths"]?[template]?[method] else {
                    Issue.record("\(label): not in openapi.json")
                    continue
                }
                guard let documented = operation["responses"]?["\(response.status)"] else {
                    Issue.record("\(label): status not documented")
                    continue
                }
                let checker = SchemaChecker(document: document)
                if let schema = checker.resolve(documented)["content"]?["application/json"]?["schema"], !response.body.isEmpty {
                    let problems = checker.problems(response.json, schema, at: "$")
                    #expect(problems.isEmpty, "\(label): \(problems)")
                }
            }
        }
    }
}
