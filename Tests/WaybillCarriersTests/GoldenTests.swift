import Foundation
import Testing
import WaybillCarriers

/// Every registered carrier's fixtures and shared real samples against their golden files:
/// normalized output changes only on purpose (`WAYBILL_UPDATE_GOLDEN=1` rewrites them).
@Suite("Golden files of every carrier")
struct GoldenTests {
    static let carriers = CarrierRegistry.adapters.map(\.id)

    @Test(arguments: carriers)
    func fixturesMatchTheirGoldens(_ carrier: String) throws {
        try expectGoldens(of: CarrierTestFiles.fixtures(for: carrier), carrier: carrier, named: CarrierTestFiles.goldenName(ofFixture:))
    }

    @Test(.enabled(if: CarrierTestFiles.sharedSamplesAvailable, CarrierTestFiles.sharedSamplesMissing), arguments: carriers)
    func sharedSamplesMatchTheirGoldens(_ carrier: String) throws {
        try expectGoldens(of: CarrierTestFiles.sharedSamples(for: carrier), carrier: carrier, named: CarrierTestFiles.goldenName(ofSample:))
    }

    /// A golden file whose body is gone (renamed, or moved to another carrier) would never fail.
    @Test(.enabled(if: CarrierTestFiles.sharedSamplesAvailable, CarrierTestFiles.sharedSamplesMissing), arguments: carriers)
    func everyGoldenHasItsBody(_ carrier: String) {
        let expected = Set(CarrierTestFiles.fixtures(for: carrier).map(CarrierTestFiles.goldenName(ofFixture:))
            + CarrierTestFiles.sharedSamples(for: carrier).map(CarrierTestFiles.goldenName(ofSample:)))
        let orphans = CarrierTestFiles.golden.names(format: carrier).subtracting(expected).sorted()
        #expect(orphans.isEmpty, "golden files without a fixture or sample: \(orphans.joined(separator: ", "))")
    }

    private func expectGoldens(of files: [URL], carrier: String, named name: (URL) -> String,
                               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let format = try #require(CarrierRegistry.adapter(id: carrier))
        #expect(!files.isEmpty, "no files for \(carrier): Fixtures/\(carrier)/ holds its fixtures and shared-samples.txt",
                sourceLocation: sourceLocation)
        for url in files {
            try CarrierTestFiles.golden.expect(format.parse(Data(contentsOf: url)), format: carrier, name: name(url),
                                               sourceLocation: sourceLocation)
        }
    }
}
