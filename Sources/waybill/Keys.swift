import ArgumentParser
import Foundation
import WaybillCommandSupport
import WaybillCore
import WaybillServer
import WaybillStore

struct Keys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create, list and revoke API keys.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an API key for a tenant and print it once.",
            discussion: """
                Roles: admin (everything in its tenant), integration (registers shipments and events, reads), \
                support (reads everything, raw payloads included), viewer (reads shipments and events).

                The key is printed alone on standard output; only its SHA-256 is stored. \
                The tenant must exist (waybill tenants list) unless --create-tenant is given.
                """)

        @OptionGroup var databaseOptions: DatabaseOptions
        @Option(help: "Tenant name.") var tenant: String
        @Flag(name: .customLong("create-tenant"), help: "Create the tenant when there is none of that name.") var createTenant = false
        @Option(help: "admin, integration, support or viewer.") var role: String = Role.admin.rawValue
        @Option(name: .customLong("rate-limit"),
                help: "Requests per second this key may make on average (default: the server's WAYBILL_API_RATE_PER_SECOND).")
        var rateLimit: Double?
        @Option(help: "Requests this key may make at once (default: twice --rate-limit).") var burst: Int?
        @Flag(help: "Print the key and its details as one JSON object.") var json = false

        func validate() throws {
            if let rateLimit, !(rateLimit > 0 && rateLimit.isFinite) { throw ValidationError("--rate-limit must be a positive number") }
            if let burst, burst < 1 { throw ValidationError("--burst must be at least 1") }
            if burst != nil, rateLimit == nil { throw ValidationError("--burst needs --rate-limit") }
        }

        /// The key's own limit, when one is asked for.
        var ownRateLimit: RequestRateLimit? {
            rateLimit.map { RequestRateLimit(perSecond: $0, burst: burst) }
        }

        func run() async throws {
            guard let role = Role(rawValue: role) else {
                throw ValidationError("--role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let rateLimit = ownRateLimit
            let logger = CommandSupport.bootstrapLogging(default: .warning)
            let material = APIKeyMaterial.generate()
            let (tenant, key) = try await CommandSupport.withStore(try databaseOptions.url(), logger: logger) { store in
                let tenant = try await TenantLookup.tenant(named: self.tenant, create: self.createTenant, in: store)
                let key = try await store.createAPIKey(NewAPIKey(
                    tenantID: tenant.id, prefix: material.prefix, secretHash: material.hash, role: role, rateLimit: rateLimit))
                return (tenant, key)
            }
            if json {
                var fields: [String: JSONValue] = [
                    "key": .string(material.secret), "id": .string(key.id), "tenant": .string(tenant.name),
                    "tenant_id": .string(tenant.id), "role": .string(role.rawValue),
                ]
                if let rateLimit {
                    fields["rate_limit"] = .object(["per_second": .number(rateLimit.perSecond), "burst": .number(Double(rateLimit.burst))])
                }
                print(String(decoding: JSONValue.object(fields).encoded(), as: UTF8.self))
            } else {
                print(material.secret)
                FileHandle.standardError.write(Data(
                    "\(role.rawValue) key \(key.id) for tenant \"\(tenant.name)\" (\(tenant.id)); it is shown only this once.\n".utf8))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List API keys (prefixes only).")

        @OptionGroup var databaseOptions: DatabaseOptions
        @Option(help: "Only this tenant's keys.") var tenant: String?

        func run() async throws {
            let logger = CommandSupport.bootstrapLogging(default: .warning)
            let tenantName = tenant
            let keys = try await CommandSupport.withStore(try databaseOptions.url(), logger: logger) { store in
                var tenantID: String?
                if let tenantName {
                    guard let tenant = try await store.tenant(named: tenantName) else {
                        throw ValidationError("no tenant named \(tenantName)")
                    }
                    tenantID = tenant.id
                }
                return try await store.apiKeys(tenantID: tenantID)
            }
            print("ID\tPREFIX\tTENANT\tROLE\tCREATED\tREVOKED\tRATE_LIMIT")
            for key in keys {
                print([key.id, key.prefix + "…", key.tenantID, key.role.rawValue, Timestamp.utcString(key.createdAt),
                       key.revokedAt.map(Timestamp.utcString) ?? "-", key.rateLimit.map(String.init(describing:)) ?? "default"]
                    .joined(separator: "\t"))
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an API key by its id (key_...).")

        @OptionGroup var databaseOptions: DatabaseOptions
        @Argument(help: "The key id from `waybill keys list`.") var id: String

        func run() async throws {
            let logger = CommandSupport.bootstrapLogging(default: .warning)
            let id = self.id
            let revoked = try await CommandSupport.withStore(try databaseOptions.url(), logger: logger) { store in
                try await store.revokeAPIKey(id: id)
            }
            guard revoked else { throw ValidationError("no live key with id \(id)") }
            print("revoked \(id)")
        }
    }
}
