import Foundation
import Testing
@testable import WaybillCarriers
import WaybillCore
import WaybillTestSupport

/// Property: parsing any truncated or mutated sample never crashes; it either succeeds or
/// throws a `CarrierParseError` that says where and what.
@Suite("Parser robustness")
struct RobustnessTests {
    static var cases: [String] { CarrierRegistry.adapters.map(\.id) }

    @Test(arguments: cases)
    func mutatedBodiesNeverCrashAnAdapter(_ carrier: String) throws {
        let adapter = try #require(CarrierRegistry.adapter(id: carrier))
        let files = Self.samples(for: carrier)
        var generator = SeededGenerator(seed: 0x5EED)
        for file in files {
            let original = [UInt8](try Data(contentsOf: file))
            guard !original.isEmpty else { continue }
            var variants: [[UInt8]] = []
            for step in 1...16 { variants.append(Array(original.prefix(original.count * step / 17))) }
            for _ in 0..<48 {
                var mutated = original
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    let index = Int.random(in: 0..<mutated.count, using: &generator)
                    switch Int.random(in: 0..<4, using: &generator) {
                    case 0: mutated[index] = UInt8.random(in: 0...255, using: &generator)
                    case 1: mutated.remove(at: index)
                    case 2: mutated.insert(Array("{}[]<>\",:0-9aZ".utf8).randomElement(using: &generator)!, at: index)
                    default: mutated[index] = Array("\"{}[]<>/:,".utf8).randomElement(using: &generator)!
                    }
                    if mutated.isEmpty { break }
                }
                variants.append(mutated)
            }
            for variant in variants {
                do {
                    _ = try adapter.parse(Data(variant))
                } catch {
                    #expect(!error.reason.isEmpty, "\(file.lastPathComponent): an error without a reason")
                }
            }
        }
    }

    /// A carrier's own fixtures, shared samples and real-world payloads.
    static func samples(for carrier: String) -> [URL] {
        let realWorld = RealWorldCorpus.all.filter { $0.format == carrier }
            .map { RealWorldCorpusTests.root.appendingPathComponent($0.file) }
            .filter { FileManager.default.fileExists(atPath: $0.path) }
        return CarrierTestFiles.fixtures(for: carrier) + CarrierTestFiles.sharedSamples(for: carrier) + realWorld
    }

    /// Property: a JSON sample whose values are swapped for values of other types (the odd
    /// fields real payloads have: `"null"`, numbers as text, an object for a list) never crashes
    /// an adapter and never loses data silently: events read around a bad value leave a
    /// warning, and a refused document says why. A changed type marker (EasyPost's `object`)
    /// makes the body another kind of document, so what it holds may differ without a warning.
    @Test(arguments: cases)
    func valuesOfOddTypesAreReadAroundOrNamed(_ carrier: String) throws {
        let adapter = try #require(CarrierRegistry.adapter(id: carrier))
        var generator = SeededGenerator(seed: 0x0DD5)
        let odd: [JSONValue] = [.string("null"), .string(""), .number(7), .object(["x": .string("y")]), .array([]), .bool(true)]
        for file in Self.samples(for: carrier) where file.pathExtension == "json" {
            guard let tree = try? JSONValue.parse(Data(contentsOf: file)), let baseline = try? adapter.parse(tree.encoded()) else { continue }
            let paths = tree.leafPaths()
            guard !paths.isEmpty else { continue }
            let baselineEvents = baseline.shipments.reduce(0) { $0 + $1.events.count }
            for _ in 0..<24 {
                let path = paths.randomElement(using: &generator)!
                try check(path)
            }
            func check(_ path: [JSONRepair.Step]) throws {
                let mutated = tree.replacing(at: path, with: odd.randomElement(using: &generator)!)
                let label = "\(file.lastPathComponent) with \(path) changed"
                do {
                    let result = try adapter.parse(mutated.encoded())
                    let events = result.shipments.reduce(0) { $0 + $1.events.count }
                    if events < baselineEvents, path.last != .key("object") {
                        #expect(result.notices.count > baseline.notices.count, "\(label): \(baselineEvents - events) events lost without a notice")
                    }
                } catch {
                    #expect(!error.reason.isEmpty, "\(label): refused without a reason")
                }
            }
        }
    }
}

extension JSONValue {
    /// Paths to every scalar value, as keys and indices (the steps lenient decoding repairs by).
    func leafPaths(prefix: [JSONRepair.Step] = []) -> [[JSONRepair.Step]] {
        switch self {
        // Sorted by key: a dictionary's order changes from run to run, the cases must not.
        case .object(let fields): fields.sorted { $0.key < $1.key }.flatMap { $0.value.leafPaths(prefix: prefix + [.key($0.key)]) }
        case .array(let items): items.enumerated().flatMap { $0.element.leafPaths(prefix: prefix + [.index($0.offset)]) }
        default: [prefix]
        }
    }
}
