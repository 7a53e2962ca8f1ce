import ArgumentParser
import Foundation
import WaybillCommandSupport
import WaybillCore
import WaybillServer
import WaybillStore

struct Keys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create, list, rotate and revoke API keys.",
        subcommands: [Create.self, List.self, Rotate.self, Revoke.self])

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
        @Option(help: "What the key is for (shown in listings).") var name: String?
        @Option(name: .customLong("expires-in"), help: "The key stops working after this long: 90d, 12h, 2w, 1h30m (default: never).")
        var expiresIn: String?
        @Flag(help: "Print the key and its details as one JSON object.") var json = false

        func validate() throws {
            if let expiresIn { _ = try DurationOption.seconds(expiresIn, option: "--expires-in") }
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
            let expiresAt = try expiresIn.map { Date().addingTimeInterval(try DurationOption.seconds($0, option: "--expires-in")) }
            let (tenant, key) = try await CommandSupport.withStore(try databaseOptions.url(), logger: logger) { store in
                let tenant = try await TenantLookup.tenant(named: self.tenant, create: self.createTenant, in: store)
                let key = try await store.createAPIKey(NewAPIKey(
                    tenantID: tenant.id, prefix: material.prefix, secretHash: material.hash, role: role, rateLimit: rateLimit,
                    name: name, expiresAt: expiresAt))
                return (tenant, key)
            }
            if json {
                var fields = KeyOutput.fields(key, secret: material.secret)
                fields["tenant"] = .string(tenant.name)
                print(String(decoding: JSONValue.object(fields).encoded(), as: UTF8.self))
            } else {
                print(material.secret)
                let expiry = key.expiresAt.map { ", expires \(Timestamp.utcString($0))" } ?? ""
                FileHandle.standardError.write(Data(
                    "\(role.rawValue) key \(key.id) for tenant \"\(tenant.name)\" (\(tenant.id))\(expiry); it is shown only this once.\n".utf8))
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
            let now = Date()
            print("ID\tPREFIX\tTENANT\tROLE\tNAME\tSTATUS\tCREATED\tEXPIRES\tLAST_USED\tREVOKED\tREPLACED_BY\tRATE_LIMIT")
            for key in keys {
                print([key.id, key.prefix + "…", key.tenantID, key.role.rawValue, key.name ?? "-", key.status(at: now).rawValue,
                       Timestamp.utcString(key.createdAt), key.expiresAt.map(Timestamp.utcString) ?? "-",
                       key.lastUsedAt.map(Timestamp.utcString) ?? "-", key.revokedAt.map(Timestamp.utcString) ?? "-", key.replacedByID ?? "-",
                       key.rateLimit.map(String.init(describing:)) ?? "default"]
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
                try await store.revokeAPIKey(id: id, tenantID: nil, actor: "cli")
            }
            guard revoked else { throw ValidationError("no live key with id \(id)") }
            print("revoked \(id)")
        }
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace an API key with a new one; the old key keeps working until the overlap ends.",
            discussion: """
                The new key has the old one's tenant, role, name, rate limit and lifetime (counted from now). \
                It is printed alone on standard output, once. The old key stops at the end of --overlap, \
                or at its own expiry when that is sooner. A key is rotated once: rotate its successor next time.
                """)

        @OptionGroup var databaseOptions: DatabaseOptions
        @Argument(help: "The key id from `waybill keys list`.") var id: String
        @Option(help: "How long the old key keeps working: 24h (default), 0s to stop it now, at most 30d.") var overlap = "24h"
        @Flag(help: "Print the new key and its details as one JSON object.") var json = false

        func validate() throws {
            _ = try overlapSeconds()
        }

        private func overlapSeconds() throws -> TimeInterval {
            do throws(DurationText.ParseError) {
                return try APIKeyRotation.overlap(overlap)
            } catch {
                throw ValidationError("--overlap: \(error.description)")
            }
        }

        func run() async throws {
            let logger = CommandSupport.bootstrapLogging(default: .warning)
            let material = APIKeyMaterial.generate()
            let rotation = APIKeyRotation(id: id, tenantID: nil, material: material, overlap: try overlapSeconds(), actor: "cli")
            let (new, previous) = try await CommandSupport.withStore(try databaseOptions.url(), logger: logger) { store in
                try await store.rotateAPIKey(rotation)
            }
            let oldExpiry = previous.expiresAt.map(Timestamp.utcString) ?? "-"
            if json {
                var fields = KeyOutput.fields(new, secret: material.secret)
                fields["previous_key"] = .object(["id": .string(id), "expires_at": .string(oldExpiry)])
                print(String(decoding: JSONValue.object(fields).encoded(), as: UTF8.self))
            } else {
                print(material.secret)
                FileHandle.standardError.write(Data(
                    "key \(new.id) replaces \(id), which works until \(oldExpiry); the new key is shown only this once.\n".utf8))
            }
        }
    }
}

/// How the key commands print a key.
enum KeyOutput {
    static func fields(_ key: APIKey, secret: String) -> [String: JSONValue] {
        var fields: [String: JSONValue] = [
            "key": .string(secret), "id": .string(key.id), "prefix": .string(key.prefix), "tenant_id": .string(key.tenantID),
            "role": .string(key.role.rawValue), "created_at": .string(Timestamp.utcString(key.createdAt)),
        ]
        if let name = key.name { fields["name"] = .string(name) }
        if let expiresAt = key.expiresAt { fields["expires_at"] = .string(Timestamp.utcString(expiresAt)) }
        if let rateLimit = key.rateLimit {
            fields["rate_limit"] = .object(["per_second": .number(rateLimit.perSecond), "burst": .number(Double(rateLimit.burst))])
        }
        return fields
    }
}

/// Durations given on the command line.
enum DurationOption {
    static func seconds(_ text: String, option: String) throws -> TimeInterval {
        do {
            return try DurationText.seconds(text)
        } catch {
            throw ValidationError("\(option): \(error.description)")
        }
    }
}
