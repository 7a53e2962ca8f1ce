import Foundation
import Testing
import WaybillCarriers
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
        let files = CarrierTestFiles.fixtures(for: carrier) + CarrierTestFiles.sharedSamples(for: carrier)
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
}

