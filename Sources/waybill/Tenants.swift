import ArgumentParser
import Foundation
import WaybillCommandSupport
import WaybillCore
import WaybillStore

struct Tenants: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List and create tenants.",
        discussion: "`waybill import` and `waybill keys create` use only existing tenants, unless given --create-tenant.",
        subcommands: [List.self, Create.self])

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

struct TenantExists: Error, CustomStringConvertible {
    let tenant: Tenant

    var description: String { "a tenant named \"\(tenant.name)\" exists already (\(tenant.id))" }
}
