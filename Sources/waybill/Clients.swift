import ArgumentParser
import Foundation
import WaybillCommandSupport
import WaybillCore
import WaybillServer
import WaybillStore

struct Clients: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create, list and delete OAuth 2.0 clients (client credentials grant).",
        subcommands: [Create.self, List.self, Delete.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an OAuth client for a tenant and print its client_id and client_secret once.",
            discussion: """
                The client trades its id and secret at POST /oauth/token (grant_type=client_credentials) for \
                access tokens valid for an hour, which act with the client's role (admin, integration, support, \
                viewer) wherever an API key does. Only the secret's SHA-256 is stored.
                """)

        @OptionGroup var databaseOptions: DatabaseOptions
        @Option(help: "Tenant name.") var tenant: String
        @Option(help: "admin, integration, support or viewer.") var role: String
        @Option(help: "A name to recognise the client by.") var name: String?
        @Flag(help: "Print the client and its secret as one JSON object.") var json = false

        func run() async throws {
            guard let role = Role(rawValue: role) else {
                throw ValidationError("--role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let name = name?.trimmed
            if let name, name.isEmpty || name.count > 100 { throw ValidationError("--name must be 1 to 100 characters") }
            let logger = CommandSupport.bootstrapLogging(default: .warning)
            let secret = OAuthClientSecret.generate()
            let (tenant, client) = try await CommandSupport.withStore(try databaseOptions.url(), logger: logger) { store in
                let tenant = try await TenantLookup.tenant(named: self.tenant, create: false, in: store)
                let client = try await store.createOAuthClient(NewOAuthClient(
                    tenantID: tenant.id, name: name, role: role, secretHash: secret.hash, actor: "cli"))
                return (tenant, client)
            }
            if json {
                let fields: [String: JSONValue] = [
                    "client_id": .string(client.id), "client_secret": .string(secret.secret), "tenant": .string(tenant.name),
                    "tenant_id": .string(tenant.id), "role": .string(role.rawValue), "name": client.name.map(JSONValue.string) ?? .null,
                    "created_at": .string(Timestamp.utcString(client.createdAt)),
                ]
                print(String(decoding: JSONValue.object(fields).encoded(), as: UTF8.self))
            } else {
                print("client_id: \(client.id)")
                print("client_secret: \(secret.secret)")
                FileHandle.standardError.write(Data(
                    "\(role.rawValue) client for tenant \"\(tenant.name)\" (\(tenant.id)); the secret is shown only this once.\n".utf8))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List OAuth clients (never their secrets).")

        @OptionGroup var databaseOptions: DatabaseOptions
        @Option(help: "Only this tenant's clients.") var tenant: String?

        func run() async throws {
            let logger = CommandSupport.bootstrapLogging(default: .warning)
            let tenantName = tenant
            let clients = try await CommandSupport.withStore(try databaseOptions.url(), logger: logger) { store in
                let tenantID = try await tenantName.asyncMap { try await TenantLookup.tenant(named: $0, create: false, in: store).id }
                return try await store.oauthClients(tenantID: tenantID, includingDeleted: true)
            }
            print("CLIENT_ID\tTENANT\tROLE\tNAME\tCREATED\tLAST_USED\tDELETED")
            for client in clients {
                print([client.id, client.tenantID, client.role.rawValue, client.name ?? "-", Timestamp.utcString(client.createdAt),
                       client.lastUsedAt.map(Timestamp.utcString) ?? "-", client.deletedAt.map(Timestamp.utcString) ?? "-"]
                    .joined(separator: "\t"))
            }
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete an OAuth client by its client_id (wbc_...).",
            discussion: "It gets no new tokens, and the tokens it holds stop working on their next request.")

        @OptionGroup var databaseOptions: DatabaseOptions
        @Argument(help: "The client_id from `waybill clients list`.") var id: String

        func run() async throws {
            let logger = CommandSupport.bootstrapLogging(default: .warning)
            let id = self.id
            let deleted = try await CommandSupport.withStore(try databaseOptions.url(), logger: logger) { store in
                try await store.deleteOAuthClient(id: id, tenantID: nil, actor: "cli")
            }
            guard deleted else { throw ValidationError("no live client with id \(id)") }
            print("deleted \(id)")
        }
    }
}

private extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
