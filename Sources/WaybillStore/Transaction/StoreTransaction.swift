import Foundation
import SQLKit
import Synchronization
import WaybillCore

/// One write transaction of the data path. `IngestPipeline` composes its steps (store the raw
/// payload, append the events, derive the shipments' state) and then calls its observers with the
/// same transaction, so a committed state change always has its outbox rows and a rolled-back one
/// none. Only WaybillStore writes SQL: these are the narrow operations the rest of Waybill may run
/// inside the transaction (the `StoreTransaction+*.swift` files group them by feature).
public struct StoreTransaction: Sendable {
    let db: any SQLDatabase
    let store: SQLStore
    /// Values read once per transaction (a tenant's alert rules for a batch of payloads).
    let memo = TransactionMemo()

    init(db: any SQLDatabase, store: SQLStore) {
        self.db = db
        self.store = store
    }

    /// Runs `body` in a savepoint: if it throws, what it wrote is undone and the error rethrown,
    /// and the transaction goes on. Savepoints do not nest.
    public func savepoint<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await db.raw("SAVEPOINT step").run()
        do {
            let result = try await body()
            try await db.raw("RELEASE SAVEPOINT step").run()
            return result
        } catch {
            try await db.raw("ROLLBACK TO SAVEPOINT step").run()
            try await db.raw("RELEASE SAVEPOINT step").run()
            throw error
        }
    }
}

/// Values computed at most once per transaction, by key.
final class TransactionMemo: Sendable {
    private let values = Mutex<[String: any Sendable]>([:])

    func value<T: Sendable>(_ key: String, compute: () async throws -> T) async throws -> T {
        if let known = values.withLock({ $0[key] }) as? T { return known }
        let value = try await compute()
        values.withLock { $0[key] = value }
        return value
    }
}

/// Told, inside the transaction that appended events, about every shipment that got new events
/// (after its state was derived). WaybillNotify's outbox writer is one; the application wires
/// observers into `IngestPipeline`. A throw rolls the whole transaction back.
public protocol ShipmentChangeObserver: Sendable {
    func shipmentsChanged(_ changes: ShipmentChangeSet, in transaction: StoreTransaction) async throws
}

/// The shipments one append touched: each got at least one new event.
public struct ShipmentChangeSet: Sendable, Hashable {
    public var tenantID: String
    /// Sorted.
    public var shipmentIDs: [String]
    /// Each shipment's status before the append.
    public var previousStatuses: [String: ShipmentStatus]

    public init(tenantID: String, shipmentIDs: [String], previousStatuses: [String: ShipmentStatus]) {
        self.tenantID = tenantID
        self.shipmentIDs = shipmentIDs
        self.previousStatuses = previousStatuses
    }
}

extension SQLStore {
    public func transaction<T: Sendable>(_ body: @Sendable (StoreTransaction) async throws -> T) async throws -> T {
        try await backend.transaction { db in try await body(StoreTransaction(db: db, store: self)) }
    }
}
