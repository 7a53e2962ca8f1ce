import Foundation
import Testing
import WaybillCore

/// The `waybill` executable is the whole program: copied alone into an empty folder, it serves
/// the OpenAPI document, the tracking page (its templates and assets) and notification templates.
@Suite struct RelocatableBinaryTests {
    @Test(.enabled(if: WaybillProcess.isBuilt, "needs the built waybill executable"))
    func servesEverythingFromACopyInAnEmptyFolder() async throws {
        let served = try ServedWaybill()
        defer { served.remove() }
        let copy = served.folder.appendingPathComponent("waybill")
        try FileManager.default.copyItem(at: WaybillProcess.binary, to: copy)
        #expect(try FileManager.default.contentsOfDirectory(atPath: served.folder.path) == ["waybill"])
        // A SwiftPM resource bundle is looked for beside the executable, then at the absolute path
        // of the build folder written into it, so a copy would still find `.build`'s bundles here:
        // the executable must name none.
        #expect(try Data(contentsOf: copy).range(of: Data(".resources".utf8)) == nil, "the executable refers to a resource bundle")

        let created = try WaybillProcess.run(["keys", "create", "--tenant", "acme", "--create-tenant", "--role", "admin", "--json",
                                              "--database", served.database], executable: copy, workingDirectory: served.folder)
        let key = try #require(try JSONValue.parse(Data(created.output.utf8))["key"]?.stringValue, "keys create: \(created.errors)")
        try await served.start(environment: [:], executable: copy, workingDirectory: served.folder)

        let openAPI = try await served.get("/openapi.json")
        #expect(openAPI.status == 200)
        #expect(try JSONValue.parse(Data(openAPI.body.utf8))["openapi"]?.stringValue == "3.1.0")

        let registered = try await served.post("/v1/shipments", key: key, json: #"{"tracking_number":"1Z999AA10123456784","carrier":"ups"}"#)
        #expect(registered.status == 201, "\(registered.body)")
        let shipment = try JSONValue.parse(Data(registered.body.utf8))
        let id = try #require(shipment["id"]?.stringValue)
        let token = try #require(shipment["public_url"]?.stringValue?.split(separator: "/").last.map(String.init))

        let page = try await served.get("/t/\(token)")
        #expect(page.status == 200)
        #expect(page.body.contains("1Z999AA10123456784") && page.body.contains("</html>"), "\(page.body)")
        let stylesheet = try #require(page.body.firstMatch(of: /\/assets\/[a-z]+\.css/).map { String($0.output) }, "no stylesheet in \(page.body)")
        let css = try await served.get(stylesheet)
        #expect(css.status == 200 && css.body.contains("{"))

        let preview = try await served.post("/v1/alert-templates/preview", key: key,
                                            json: #"{"template":"shipped","channel":"email","shipment_id":"\#(id)"}"#)
        #expect(preview.status == 200, "\(preview.body)")
        let rendered = try JSONValue.parse(Data(preview.body.utf8))
        #expect(rendered["subject"]?.stringValue?.isEmpty == false)
        #expect(rendered["html"]?.stringValue?.contains("/t/\(token)") == true)
    }
}
