import Testing
import WaybillTestSupport

extension TestDatabase: CustomTestStringConvertible {
    public var testDescription: String { rawValue }
}

@Test(.enabled(if: TestDatabase.postgresURL != nil, Comment(rawValue: TestDatabase.skipReason)))
func postgresConformanceCasesAreEnabled() {
    #expect(TestDatabase.available.contains(.postgres))
}
