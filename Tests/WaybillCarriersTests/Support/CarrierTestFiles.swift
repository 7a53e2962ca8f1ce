import Foundation
import Testing
import WaybillTestSupport

/// Where carrier bodies for tests live: the shared real samples (`../shared/carrier-samples`,
/// read at test time, never copied), the project's own fixtures (`Fixtures/<carrier id>/`) and
/// the expected normalized output of both (`Golden/<carrier id>/`).
enum CarrierTestFiles {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let repositoryRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    static let sharedSamples = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/carrier-samples")
    static let golden = GoldenFolder(testsDirectory: testsDirectory)

    static var sharedSamplesAvailable: Bool { FileManager.default.fileExists(atPath: sharedSamples.path) }
    static let sharedSamplesMissing: Comment = "../shared/carrier-samples is absent, so the real-sample cases are skipped"

    /// The shared sample files of a carrier (empty when ../shared is absent), as its fixtures
    /// folder lists them in `shared-samples.txt`: a folder of ../shared/carrier-samples a line,
    /// with the file-name prefix that picks the carrier's files from a folder it shares with another.
    static func sharedSamples(for carrier: String) -> [URL] {
        sharedSampleSources(for: carrier).flatMap { source in
            files(in: sharedSamples.appendingPathComponent(source.folder)).filter {
                $0.lastPathComponent.hasPrefix(source.prefix) && !$0.lastPathComponent.hasPrefix("upstream_expected")
            }
        }
    }

    static func sharedSampleSources(for carrier: String) -> [(folder: String, prefix: String)] {
        let list = testsDirectory.appendingPathComponent("Fixtures/\(carrier)/shared-samples.txt")
        let text = (try? String(contentsOf: list, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ")
            guard let folder = words.first, !folder.hasPrefix("#") else { return nil }
            return (String(folder), words.dropFirst().first.map(String.init) ?? "")
        }
    }

    /// The project's own fixtures of a carrier.
    static func fixtures(for carrier: String) -> [URL] {
        files(in: testsDirectory.appendingPathComponent("Fixtures/\(carrier)"))
    }

    /// The golden file name of a fixture: `fixture-<name>`.
    static func goldenName(ofFixture url: URL) -> String {
        "fixture-" + url.deletingPathExtension().lastPathComponent
    }

    /// The golden file name of a shared sample: its name, `karrio-<name>` for karrio's fixtures.
    static func goldenName(ofSample url: URL) -> String {
        (url.path.contains("/karrio-fixtures/") ? "karrio-" : "") + url.deletingPathExtension().lastPathComponent
    }

    static func files(in directory: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().filter { $0.hasSuffix(".json") || $0.hasSuffix(".xml") }.map { directory.appendingPathComponent($0) }
    }
}
