import Foundation
import Testing
import WaybillCarriers
import WaybillCore
import WaybillFeeds

/// Every payload of `../shared/carrier-samples/realworld/` against what a person read in it.
/// The expectations live in `RealWorld+<carrier>.swift`; the payloads are read at test time.
@Suite("Real-world corpus")
struct RealWorldCorpusTests {
    static let root = CarrierTestFiles.sharedSamples.appendingPathComponent("realworld")
    static var available: Bool { FileManager.default.fileExists(atPath: root.path) }

    static let cases: [RealWorldCase] = RealWorldCorpus.all

    @Test("every real-world payload has a reviewed expectation", .enabled(if: available, "../shared/carrier-samples/realworld is absent"))
    func everyPayloadHasAnExpectation() throws {
        let files = Set(try Self.payloadFiles())
        let expected = Set(Self.cases.map(\.file))
        let missing = files.subtracting(expected).sorted()
        let stale = expected.subtracting(files).sorted()
        #expect(missing.isEmpty, "payloads without an expectation: \(missing.joined(separator: ", "))")
        #expect(stale.isEmpty, "expectations without a payload: \(stale.joined(separator: ", "))")
    }

    @Test("a real-world payload reads as a person reads it", .enabled(if: available, "../shared/carrier-samples/realworld is absent"),
          arguments: cases)
    func payload(_ expectation: RealWorldCase) throws {
        let body = try Data(contentsOf: Self.root.appendingPathComponent(expectation.file))
        let formats = CarrierRegistry.adapters + FeedRegistry.formats
        let sniffed = CarrierRegistry.sniff(body, among: formats)
        if case .unsupported = expectation.outcome {
            #expect(sniffed == nil, "taken for \(sniffed?.id ?? "") although no adapter reads this format")
            return
        }
        #expect(sniffed?.id == expectation.format, "auto-detected as \(sniffed?.id ?? "nothing"), expected \(expectation.format)")
        let adapter = try #require(formats.first { $0.id == expectation.format }, "no adapter \(expectation.format)")
        let result: CarrierParseResult
        do {
            result = try adapter.read(body, reportedAt: Date())
        } catch {
            Issue.record("refused: \(error)")
            return
        }
        let document = try NormalizedDocument.render(result)
        switch expectation.outcome {
        case .unsupported:
            break
        case .notices(let notices):
            #expect(document["shipments"]?.arrayValue?.isEmpty ?? false, "expected no shipment")
            Self.check(notices: notices, in: result)
        case .shipments(let shipments, let notices):
            Self.check(shipments: shipments, in: document)
            for text in notices {
                #expect(result.notices.contains { $0.message.localizedCaseInsensitiveContains(text) },
                        "no notice containing \"\(text)\"; notices: \(result.notices.map(\.message))")
            }
        }
    }

    static func payloadFiles() throws -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        var files: [String] = []
        while let path = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory)
            if !isDirectory.boolValue, path != "SOURCES.md", !path.hasPrefix(".") { files.append(path) }
        }
        return files.sorted()
    }

    static func check(notices: [RealWorldCase.Notice], in result: CarrierParseResult) {
        for notice in notices {
            #expect(result.notices.contains { $0.kind == notice.kind && $0.message.localizedCaseInsensitiveContains(notice.containing) },
                    "no \(notice.kind.rawValue) notice containing \"\(notice.containing)\"; notices: \(result.notices.map { "\($0.kind.rawValue): \($0.message)" })")
        }
    }

    static func check(shipments expected: [RealWorldCase.Shipment], in document: JSONValue) {
        let actual = document["shipments"]?.arrayValue ?? []
        #expect(actual.map { $0["tracking_number"]?.stringValue ?? "" } == expected.map(\.trackingNumber), "tracking numbers")
        for (shipment, got) in zip(expected, actual) {
            let number = shipment.trackingNumber
            #expect(got["status"]?.stringValue == shipment.status, "\(number): status")
            if case .some(let substatus) = shipment.substatus { #expect(got["substatus"]?.stringValue == substatus, "\(number): substatus") }
            if case .some(let at) = shipment.deliveredAt { #expect(got["delivered_at"]?.stringValue == at, "\(number): delivered_at") }
            if case .some(let name) = shipment.signedBy { #expect(got["signed_by"]?.stringValue == name, "\(number): signed_by") }
            let events = got["events"]?.arrayValue ?? []
            #expect(events.count == shipment.events.count, "\(number): \(events.count) events, expected \(shipment.events.count)")
            for (index, (event, gotEvent)) in zip(shipment.events, events).enumerated() {
                let label = "\(number) event \(index) (\(gotEvent["carrier_code"]?.stringValue ?? "-") \(gotEvent["carrier_description"]?.stringValue ?? "-"))"
                #expect(gotEvent["status"]?.stringValue == event.status, "\(label): status")
                if case .some(let substatus) = event.substatus { #expect(gotEvent["substatus"]?.stringValue == substatus, "\(label): substatus") }
                if case .some(let at) = event.occurredAt { #expect(gotEvent["occurred_at"]?.stringValue == at, "\(label): occurred_at") }
                if case .some(let local) = event.localTime { #expect(gotEvent["local_time"]?.stringValue == local, "\(label): local_time") }
                if case .some(let reason) = event.reason { #expect(gotEvent["reason"]?.stringValue == reason, "\(label): reason") }
            }
        }
    }
}
