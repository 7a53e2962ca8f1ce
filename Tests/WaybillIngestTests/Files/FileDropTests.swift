import Foundation
import Logging
import Testing
import WaybillCore
import WaybillIngest
import WaybillStore
import WaybillTestSupport

@Suite("File drops and imports")
struct FileDropTests {
    /// A landing directory with one tenant folder, removed afterwards.
    struct Landing {
        let root: URL
        let inbox: URL

        init(tenant: String) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("waybill-landing-\(UUID())")
            inbox = root.appendingPathComponent(tenant)
            try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        }

        func drop(_ name: String, _ text: String) throws {
            try Data(text.utf8).write(to: inbox.appendingPathComponent(name))
        }

        func files(_ folder: String) -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: inbox.appendingPathComponent(folder).path)) ?? []).sorted()
        }

        func report(_ folder: String, _ name: String) throws -> JSONValue {
            try JSONValue.parse(Data(contentsOf: inbox.appendingPathComponent("\(folder)/\(name).report.json")))
        }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    static func watcher(_ store: any Store, _ landing: Landing) -> LandingDirectoryWatcher {
        var logger = Logger(label: "test.files")
        logger.logLevel = .critical
        let pipeline = IngestPipeline(store: store, observers: [], logger: logger)
        return LandingDirectoryWatcher(root: landing.root, importer: FileImporter(pipeline: pipeline), store: store,
                                       settleTime: 0, logger: logger)
    }

    @Test(arguments: TestDatabase.available)
    func droppedFilesAreImportedAndMovedWithReports(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            let landing = try Landing(tenant: "acme")
            defer { landing.remove() }
            try landing.drop("status.edi", FileFixtures.x12)
            try landing.drop("shipments.csv", FileFixtures.shipmentsCSV)
            try landing.drop("notes.txt", "hello, this is not tracking data\n")
            try landing.drop("upload.csv.part", FileFixtures.shipmentsCSV)
            try landing.drop(".hidden.csv", FileFixtures.shipmentsCSV)

            let reports = try await Self.watcher(store, landing).scanOnce()
            #expect(reports.map(\.file).sorted() == ["notes.txt", "shipments.csv", "status.edi"])
            #expect(landing.files("done") == ["shipments.csv", "shipments.csv.report.json", "status.edi", "status.edi.997",
                                              "status.edi.report.json"])
            #expect(landing.files("failed") == ["notes.txt", "notes.txt.report.json"])
            #expect(landing.files("processing").isEmpty)
            // Uploads in progress and hidden files wait.
            #expect(FileManager.default.fileExists(atPath: landing.inbox.appendingPathComponent("upload.csv.part").path))
            #expect(FileManager.default.fileExists(atPath: landing.inbox.appendingPathComponent(".hidden.csv").path))

            let x12 = try landing.report("done", "status.edi")
            #expect(x12["status"]?.stringValue == "done")
            #expect(x12["format"]?.stringValue == "x12_214")
            #expect(x12["records_total"] == .number(3))  // PRO7003's set is rejected
            #expect(x12["events_inserted"] == .number(4))
            #expect(x12["acknowledged_interchanges"] == .array([.string("000000101"), .string("000000102")]))
            let issues = x12["issues"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(issues.contains { $0.includes("status.edi") && $0.includes("SE") })
            let ack = try String(contentsOf: landing.inbox.appendingPathComponent("done/status.edi.997"), encoding: .utf8)
            #expect(ack.includes("ST*997*"))
            #expect(ack.includes("AK5*R*4") || ack.includes("AK5*R*"))
            #expect(ack.includes("AK9*A*2*2*2") && ack.includes("AK9*P*2*2*1"))

            let csv = try landing.report("done", "shipments.csv")
            #expect(csv["shipments_registered"] == .number(2))
            #expect(csv["issues"]?.arrayValue?.first?.stringValue?.includes("shipments.csv: line 3: email") == true)
            let registered = try await store.shipments(ShipmentQuery(tenantID: tenant.id, trackingNumber: "1Z999AA10123456784"))
            #expect(registered.items.first?.carrier == "ups")
            #expect(registered.items.first?.customer.postalCode == "60601")

            let failed = try landing.report("failed", "notes.txt")
            #expect(failed["status"]?.stringValue == "failed")
            #expect(failed["failure"]?.stringValue?.includes("not a supported file") == true)
            let stored = try await store.rawPayloads(tenantID: tenant.id, status: .failed, cursor: nil, limit: 10)
            #expect(stored.items.count == 1, "an unreadable file is kept as a failed raw payload")

            let delivered = try await store.shipments(ShipmentQuery(tenantID: tenant.id, trackingNumber: "PRO7001"))
            #expect(delivered.items.first?.status == .delivered)

            // The same content dropped again under another name adds nothing.
            try landing.drop("status-again.edi", FileFixtures.x12)
            let again = try await Self.watcher(store, landing).scanOnce()
            #expect(again.first?.eventsInserted == 0)
            #expect(again.first?.duplicates == 4)
        }
    }

    @Test(arguments: TestDatabase.available)
    func rowsAreRegisteredAsTheAPIWouldAndOtherOrdersAreConflicts(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            _ = try await store.registerShipment(NewShipment(
                tenantID: tenant.id, trackingNumber: "1Z999AA10123456784", carrier: "ups", merchantOrderID: "ORD-0", actor: "test"))
            let landing = try Landing(tenant: "acme")
            defer { landing.remove() }
            try landing.drop("shipments.csv", """
                tracking_number,carrier,order_id
                1Z999AA10123456784,ups,ORD-9
                3SDEVC123456789,,ORD-10
                ABC123,pigeon,ORD-11
                1Z999AA10123456785,ups,ORD-12
                1Z999AA10123456784,,ORD-0

                """)
            let reports = try await Self.watcher(store, landing).scanOnce()
            #expect(reports.map(\.conflicts.count) == [1])
            let report = try landing.report("done", "shipments.csv")
            #expect(report["shipments_registered"] == .number(2))
            let conflicts = (report["conflicts"]?.arrayValue ?? []).compactMap(\.stringValue)
            #expect(conflicts.count == 1)
            #expect(conflicts.first?.includes("shipments.csv: line 2: tracking_number 1Z999AA10123456784 is registered to order ORD-0, not ORD-9") == true)
            let issues = (report["issues"]?.arrayValue ?? []).compactMap(\.stringValue)
            #expect(issues.contains { $0.includes("shipments.csv: line 4: carrier") && $0.includes("pigeon") })
            #expect(issues.contains { $0.includes("shipments.csv: line 5") && $0.includes("check digit") })

            let kept = try await store.shipments(ShipmentQuery(tenantID: tenant.id, trackingNumber: "1Z999AA10123456784"))
            #expect(kept.items.map(\.orderID) == ["ORD-0"], "a conflicting row changes nothing and makes no second shipment")
            let detected = try await store.shipments(ShipmentQuery(tenantID: tenant.id, trackingNumber: "3SDEVC123456789"))
            #expect(detected.items.map(\.carrier) == ["postnl"], "a row without a carrier is detected as the API does")
            #expect(try await store.shipments(ShipmentQuery(tenantID: tenant.id, trackingNumber: "ABC123")).items.isEmpty)
        }
    }

    @Test func filesOfUnknownTenantsAndUnsettledFilesWait() async throws {
        try await TestDatabase.sqlite.withStore { store in
            let landing = try Landing(tenant: "nobody")
            defer { landing.remove() }
            try landing.drop("shipments.csv", FileFixtures.shipmentsCSV)
            #expect(try await Self.watcher(store, landing).scanOnce().isEmpty)
            #expect(FileManager.default.fileExists(atPath: landing.inbox.appendingPathComponent("shipments.csv").path))

            _ = try await store.ensureTenant(named: "nobody")
            var logger = Logger(label: "test")
            logger.logLevel = .critical
            let patient = LandingDirectoryWatcher(root: landing.root, importer: FileImporter(pipeline: IngestPipeline(store: store, observers: [])),
                                                  store: store, settleTime: 3600, logger: logger)
            #expect(try await patient.scanOnce().isEmpty, "a file written just now may still be growing")
            #expect(try await Self.watcher(store, landing).scanOnce().count == 1)
        }
    }

    @Test func aClaimLeftByACrashIsRecovered() async throws {
        try await TestDatabase.sqlite.withStore { store in
            _ = try await store.ensureTenant(named: "acme")
            let landing = try Landing(tenant: "acme")
            defer { landing.remove() }
            let processing = landing.inbox.appendingPathComponent("processing")
            try FileManager.default.createDirectory(at: processing, withIntermediateDirectories: true)
            try Data(FileFixtures.shipmentsCSV.utf8).write(to: processing.appendingPathComponent("shipments.csv"))

            let watcher = Self.watcher(store, landing)
            watcher.recoverAbandonedClaims()
            #expect(landing.files("processing").isEmpty)
            #expect(try await watcher.scanOnce().map(\.status) == [.done])
        }
    }

    @Test(arguments: TestDatabase.available)
    func anImportRunAgainAddsNothingTwice(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            let importer = FileImporter(pipeline: IngestPipeline(store: store, observers: []))
            let file = Data(FileFixtures.eventsCSV(shipments: FileImporter.chunkSize + 10).utf8)
            let progress = ProgressLog()
            let first = try await importer.importFile(file, fileName: "events.csv", tenantID: tenant.id, actor: "test") {
                await progress.add($0)
            }
            #expect(first.format == .csvEvents)
            #expect(first.eventsInserted == 3 * (FileImporter.chunkSize + 10))
            #expect(first.issues.count == 1 && first.issues[0].includes("events.csv: line 5"))
            #expect(await progress.done == [0, FileImporter.chunkSize, FileImporter.chunkSize + 10])

            let second = try await importer.importFile(file, fileName: "events.csv", tenantID: tenant.id, actor: "test")
            #expect(second.rawPayloadID == first.rawPayloadID)
            #expect(second.eventsInserted == 0 && second.duplicates == first.eventsInserted)
        }
    }
}

actor ProgressLog {
    var done: [Int] = []
    func add(_ progress: ImportProgress) { done.append(progress.recordsDone) }
}
