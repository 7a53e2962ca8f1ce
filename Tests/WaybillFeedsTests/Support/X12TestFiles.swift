import Foundation
import Testing
import WaybillTestSupport
import WaybillCarriers

/// Test files of the X12 214 format: the shared real samples (`../shared/edi-samples/*.edi`,
/// read at test time, never copied), the project's own fixtures (`Fixtures/x12_214/`) and the
/// expected normalized output of both (`Golden/x12_214/<file>.json`).
enum X12TestFiles {
    static let format = "x12_214"
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let repositoryRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    static let golden = GoldenFolder(testsDirectory: testsDirectory)
    static let ediSamples = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/edi-samples")

    static var samplesAvailable: Bool { FileManager.default.fileExists(atPath: ediSamples.path) }
    static let samplesMissing: Comment = "../shared/edi-samples is absent, so the real-sample cases are skipped"

    /// The shared X12 samples; empty when ../shared is absent.
    static var samples: [URL] { files(in: ediSamples) }
    static var fixtures: [URL] { files(in: testsDirectory.appendingPathComponent("Fixtures/\(format)")) }

    static func sample(_ name: String) throws -> Data { try Data(contentsOf: ediSamples.appendingPathComponent(name)) }
    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: testsDirectory.appendingPathComponent("Fixtures/\(format)/\(name)"))
    }

    static func files(in directory: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().filter { $0.hasSuffix(".edi") }.map { directory.appendingPathComponent($0) }
    }
}
