import ArgumentParser
import Foundation
import WaybillCommandSupport
import WaybillCore
import WaybillStore

struct Tenants: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, create and erase tenants.",
        discussion: "`waybill import` and `waybill keys create` use only existing tenants, unless given --create-tenant.",
        subcommands: [List.self, Create.self, Erase.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the tenants with their number of live API keys.")

        @OptionGroup var databaseOptions: DatabaseOptions
        @Flag(help: "Print one JSON array.") var json = false

        func run() async throws {
            let logger = CommandSupport.bootstrapLogging(default: .warning)
            let (tenants, keys) = try await CommandSupport.withStore(try databaseOptions.url(), logger: logger) { store in
                (try await store.tenants(), try await store.apiKeys(tenantID: nil))
            }
            var liveKeys: [String: Int] = [:]
            for key in keys where key.revokedAt == nil { liveKeys[key.tenantID, default: 0] += 1 }
            if json {
                let rows = tenants.map { tenant in
                    JSONValue.object(["id": .string(tenant.id), "name": .string(tenant.name),
                                      "created_at": .string(Timestamp.utcString(tenant.createdAt)),
                                      "keys": .number(Double(liveKeys[tenant.id] ?? 0))])
                }
                print(String(decoding: JSONValue.array(rows).encoded(), as: UTF8.self))
                return
            }
            print("ID\tNAME\tCREATED\tKEYS")
            for tenant in tenants {
                print([tenant.id, tenant.name, Timestamp.utcString(tenant.createdAt), "\(liveKeys[tenant.id] ?? 0)"].joined(separator: "\t"))
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a tenant and print its id.")

        @OptionGroup var databaseOptions: DatabaseOptions
        @Argument(help: "The tenant's name (1 to 100 characters).") var name: String

        func run() async throws {
            let logger = CommandSupport.bootstrapLogging(default: .warning)
            let name = self.name.trimmed
            let tenant = try await CommandSupport.withStore(try databaseOptions.url(), logger: logger) { store in
                if let existing = try await store.tenant(named: name) { throw TenantExists(tenant: existing) }
                return try await store.ensureTenant(named: name)
            }
            print(tenant.id)
            FileHandle.standardError.write(Data("created tenant \"\(tenant.name)\" (\(tenant.id))\n".utf8))
        }
    }
}

extension Tenants {
    struct Erase: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a tenant for good: every row of every table, its audit log, then the tenant.",
            discussion: """
                Its data key goes first (once tenants have data keys), so backups of its data become \
                unreadable. There is no undo. Asks for the tenant's name on a terminal unless --yes \
                is given. On PostgreSQL with the audit_log grants of docs/security.md, run it as the \
                owner of audit_log.
                """)

        @OptionGroup var databaseOptions: DatabaseOptions
        @Argument(help: "The tenant's name or id.") var tenant: String
        @Flag(help: "Do not ask for confirmation.") var yes = false
        @Flag(help: "Print one JSON object of rows removed per table.") var json = false

        func run() async throws {
            let logger = CommandSupport.bootstrapLogging(default: .warning)
            let url = try databaseOptions.url()
            let target = try await CommandSupport.withStore(url, logger: logger) { store in
                try TenantArgument.resolve(tenant, among: try await store.tenants())
            }
            if !yes {
                guard isatty(0) != 0 else { throw ValidationError("erasing a tenant cannot be undone: add --yes (stdin is not a terminal)") }
                FileHandle.standardError.write(Data("Erase tenant \"\(target.name)\" (\(target.id)) and all its data for good? Type its name: ".utf8))
                guard readLine(strippingNewline: true)?.trimmed == target.name else { throw ValidationError("not confirmed; nothing erased") }
            }
            let erasure = try await CommandSupport.withStore(url, logger: logger) { store in
                try await store.eraseTenant(id: target.id, batch: RetentionBatch.size)
            }
            if json {
                let rows = erasure.rowsByTable.mapValues { JSONValue.number(Double($0)) }
                print(String(decoding: JSONValue.object(["tenant": .string(target.id), "rows": .object(rows)]).encoded(), as: UTF8.self))
            } else {
                for (table, rows) in erasure.rowsByTable.sorted(by: { $0.key < $1.key }) { print("\(table)\t\(rows)") }
                FileHandle.standardError.write(Data("erased tenant \"\(target.name)\" (\(target.id))\n".utf8))
            }
        }
    }
}

enum RetentionBatch {
    static let size = 500
}

struct TenantExists: Error, CustomStringConvertible {
    let tenant: Tenant

    var description: String { "a tenant named \"\(tenant.name)\" exists already (\(tenant.id))" }
}
