import ArgumentParser
import Foundation
import WaybillCarriers
import WaybillCore
import WaybillFeeds

/// `waybill normalize --carrier ID FILE`: a carrier body in, the canonical JSON document out.
struct Normalize: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Normalize a carrier's tracking response or webhook into Waybill's canonical JSON.",
        discussion: """
            Prints {"shipments":[{carrier, tracking_number, status, substatus, estimated_delivery, delivered_at, \
            signed_by, events:[...]}], "notices":[...]} with events oldest first and occurred_at in UTC.

            Malformed input exits with code 2 and one line saying what is wrong and where.
            """)

    @Option(help: "Carrier or file format id (\(Self.knownIDs.joined(separator: ", "))), or auto to sniff the format.")
    var carrier: String

    @Argument(help: "The file to read, or - for standard input.")
    var file: String

    func run() async throws {
        let body: Data
        do {
            body = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            Self.fail("\(file): cannot read: \(error.localizedDescription)")
        }
        let adapter: any PayloadFormat
        if carrier == "auto" {
            guard let sniffed = CarrierRegistry.sniff(body, among: FeedRegistry.everyFormat) else { Self.fail("\(file): no known carrier format recognised") }
            adapter = sniffed
        } else {
            guard let known = FeedRegistry.anyFormat(id: carrier) else {
                throw ValidationError("unknown carrier \(carrier); known: \(Self.knownIDs.joined(separator: ", ")), auto")
            }
            adapter = known
        }
        do {
            let result = try adapter.read(body, reportedAt: Date())
            var output = try NormalizedDocument.render(result).encoded(pretty: true)
            output.append(UInt8(ascii: "\n"))
            FileHandle.standardOutput.write(output)
        } catch {
            Self.fail("\(file): \(error)")
        }
    }

    static var knownIDs: [String] { FeedRegistry.everyFormat.map(\.id) }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        Foundation.exit(2)
    }
}
