import Testing
import WaybillTestSupport

extension TestDatabase: CustomTestStringConvertible {
    public var testDescription: String { rawValue }
}

/// Prints why the PostgreSQL cases are skipped; when they run, the configured server must answer.
@Test(.enabled(if: TestDatabase.postgresURL != nil, Comment(rawValue: TestDatabase.skipReason)))
func postgresServerAnswersAndMigrates() async throws {
    try await TestDatabase.postgres.withStore { store in
        try await store.checkReady()
        #expect(store.engine == .postgres)
    }
}
