import WaybillCore
import WaybillStore

/// The tenant a command names: an existing one, or (only when asked with `--create-tenant`) a new
/// one, so that a typo in `--tenant` is refused instead of quietly starting an empty tenant.
enum TenantLookup {
    static func tenant(named rawName: String, create: Bool, in store: any Store) async throws -> Tenant {
        let name = rawName.trimmed
        if let tenant = try await store.tenant(named: name) { return tenant }
        if create { return try await store.ensureTenant(named: name) }
        throw UnknownTenant(name: name, known: try await store.tenants().map(\.name))
    }
}

struct UnknownTenant: Error, CustomStringConvertible {
    let name: String
    let known: [String]

    var description: String {
        var text = "no tenant named \"\(name)\""
        if let closest = known.min(by: { Self.distance(name, $0) < Self.distance(name, $1) }),
           Self.distance(name, closest) <= max(2, name.count / 3) {
            text += " (did you mean \"\(closest)\"?)"
        }
        if known.isEmpty {
            text += "; there are no tenants yet."
        } else if known.count <= 20 {
            text += "; known tenants: " + known.joined(separator: ", ") + "."
        } else {
            text += "; \(known.count) tenants exist (waybill tenants list)."
        }
        return text + " Add --create-tenant to create it."
    }

    /// Edit distance (insertions, deletions, substitutions), ignoring case.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased()), b = Array(b.lowercased())
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
