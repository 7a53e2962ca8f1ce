import WaybillNotify

/// Refuses, with a 400 naming the field, a destination a tenant saves that the egress policy
/// would not let Waybill reach (loopback, private, link-local and the like).
enum EgressCheck {
    static func require(host: String, field: String, policy: EgressPolicy) async throws {
        if let reason = await policy.refusalOnSave(host: host) {
            throw InvalidField(path: field, reason: "is refused by the egress policy: \(reason); the operator can allow it with WAYBILL_EGRESS_ALLOW")
        }
    }
}
