import ArgumentParser
import Foundation
import WaybillCommandSupport
import WaybillCore
import WaybillStore

struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Verify and anchor the tamper-evident audit log.",
        discussion: """
            Each tenant's audit log is a hash chain: every entry carries the SHA-256 of the previous entry's \
            hash and its own contents. `verify` walks the chains; `anchor` prints the heads to keep elsewhere \
            (a ticket, an email, a notary), so that a later `verify --anchor` proves nothing up to them changed.
            """,
        subcommands: [Verify.self, Anchor.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Walk each tenant's chain and name the first entry that does not match; exits 1 if one does.")

        @OptionGroup var databaseOptions: DatabaseOptions
        @Option(help: "Only this tenant's chain.") var tenant: String?
        @Option(help: "An anchor printed by `waybill audit anchor`, as CHAIN_SEQ:HASH: that entry must still have that hash (needs --tenant).")
        var anchor: String?

        func validate() throws {
            if anchor != nil, tenant == nil { throw ValidationError("--anchor needs --tenant: an anchor belongs to one tenant's chain") }
            if let anchor { _ = try Self.parse(anchor: anchor, tenantID: "") }
        }

        static func parse(anchor: String, tenantID: String) throws -> AuditAnchor {
            let parts = anchor.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let seq = Int64(parts[0]), seq > 0, parts[1].count == 64,
                  parts[1].allSatisfy(\.isHexDigit) else {
                throw ValidationError("--anchor must be CHAIN_SEQ:HASH (a number, a colon and 64 hex digits), as `waybill audit anchor` prints")
            }
            return AuditAnchor(tenantID: tenantID, chainSeq: seq, hash: parts[1].lowercased(), at: Date())
        }

        func run() async throws {
            let logger = CommandSupport.bootstrapLogging(default: .warning)
            let (tenantName, anchorText) = (tenant, anchor)
            let results = try await CommandSupport.withStore(try databaseOptions.url(), logger: logger) { store in
                let tenants = try await AuditTenants.select(tenantName, in: store)
                var results: [(Tenant, AuditVerification)] = []
                for tenant in tenants {
                    let anchor = try anchorText.map { try Self.parse(anchor: $0, tenantID: tenant.id) }
                    results.append((tenant, try await store.verifyAuditChain(tenantID: tenant.id, anchor: anchor)))
                }
                return results
            }
            var broken = false
            for (tenant, verification) in results {
                if let problem = verification.problem {
                    broken = true
                    let place = [problem.chainSeq.map { "entry \($0)" }, problem.entryID.map { "(\($0))" }].compactMap { $0 }.joined(separator: " ")
                    print("\(tenant.name)\tBROKEN\t\(place): \(problem.reason)")
                } else if let head = verification.head {
                    let first = verification.firstChainSeq ?? 1
                    let start = first > 1 ? " (entries before \(first) were removed by retention)" : ""
                    print("\(tenant.name)\tok\t\(verification.entriesChecked) entries, \(first) to \(head.chainSeq)\(start); head \(head.chainSeq):\(head.hash)")
                } else {
                    print("\(tenant.name)\tok\tno entries")
                }
            }
            if broken { throw ExitCode(1) }
        }
    }

    struct Anchor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print each tenant's current head (CHAIN_SEQ:HASH and time) and record it in the log.",
            discussion: "Keep the printed anchors outside Waybill; `waybill audit verify --tenant T --anchor CHAIN_SEQ:HASH` checks one later.")

        @OptionGroup var databaseOptions: DatabaseOptions
        @Option(help: "Only this tenant's chain.") var tenant: String?
        @Flag(help: "Print one JSON object per line.") var json = false

        func run() async throws {
            let logger = CommandSupport.bootstrapLogging(default: .warning)
            let tenantName = tenant
            let anchors = try await CommandSupport.withStore(try databaseOptions.url(), logger: logger) { store in
                var anchors: [(Tenant, AuditAnchor)] = []
                for tenant in try await AuditTenants.select(tenantName, in: store) {
                    if let anchor = try await store.anchorAuditChain(tenantID: tenant.id, actor: "cli") { anchors.append((tenant, anchor)) }
                }
                return anchors
            }
            if !json { print("TENANT\tANCHOR\tAT") }
            for (tenant, anchor) in anchors {
                let at = Timestamp.utcString(anchor.at)
                if json {
                    print(String(decoding: JSONValue.object([
                        "tenant": .string(tenant.name), "tenant_id": .string(tenant.id), "chain_seq": .number(Double(anchor.chainSeq)),
                        "hash": .string(anchor.hash), "anchor": .string("\(anchor.chainSeq):\(anchor.hash)"), "at": .string(at),
                    ]).encoded(), as: UTF8.self))
                } else {
                    print("\(tenant.name)\t\(anchor.chainSeq):\(anchor.hash)\t\(at)")
                }
            }
        }
    }
}

enum AuditTenants {
    /// The named tenant, or every tenant.
    static func select(_ name: String?, in store: any Store) async throws -> [Tenant] {
        guard let name else { return try await store.tenants() }
        return [try await TenantLookup.tenant(named: name, create: false, in: store)]
    }
}
