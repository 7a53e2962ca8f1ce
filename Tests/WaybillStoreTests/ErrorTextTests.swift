import Foundation
import SQLKit
import Testing
@testable import WaybillStore
import WaybillTestSupport

/// PostgreSQL errors were logged as "PSQLError – Generic description to prevent accidental
/// leakage of sensitive data", which tells an operator nothing. They are logged with their
/// SQLSTATE and server message, and never with the values of the row (the `detail` field).
@Suite("Error texts in logs")
struct ErrorTextTests {
    @Test(.enabled(if: TestDatabase.postgresURL != nil, Comment(rawValue: TestDatabase.skipReason)))
    func postgresErrorsSayTheirStateAndMessageButNotTheValues() async throws {
        try await TestDatabase.postgres.withStore { store in
            let missing = await #expect(throws: (any Error).self) {
                try await store.backend.read { db in try await db.raw("SELECT * FROM no_such_table").run() }
            }
            let missingText = ErrorText.of(try #require(missing))
            #expect(missingText.contains("42P01") && missingText.contains("no_such_table"), "\(missingText)")
            #expect(!missingText.contains("Generic description"))

            let duplicate = await #expect(throws: (any Error).self) {
                try await store.backend.transaction { db in
                    try await db.raw("CREATE TEMPORARY TABLE secrets (value TEXT UNIQUE)").run()
                    for _ in 0..<2 { try await db.raw("INSERT INTO secrets VALUES (\(bind: "s3cret-value"))").run() }
                }
            }
            let duplicateText = ErrorText.of(try #require(duplicate))
            #expect(duplicateText.contains("23505"), "\(duplicateText)")
            #expect(!duplicateText.contains("s3cret-value"), "a row's values stay out of the logs: \(duplicateText)")
        }
    }

    @Test func otherErrorsKeepTheirDescription() {
        #expect(ErrorText.of(StoreError.notFound(kind: "shipment", id: "shp_1")) == "\(StoreError.notFound(kind: "shipment", id: "shp_1"))")
    }
}
