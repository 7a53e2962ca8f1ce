import Foundation
import Hummingbird
import WaybillCore
import WaybillStore

/// `GET /v1/unmapped-codes` (admin): the carrier codes Waybill could not classify, neither by
/// its mapping tables nor by the carrier's text, with their texts and counts: what to map next.
struct UnmappedCodeController: Sendable {
    let store: any Store

    func addRoutes(to group: RouterGroup<WaybillRequestContext>) {
        group.get("unmapped-codes", use: list)
    }

    @Sendable func list(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.manageTenant)
        let codes = try await store.unmappedCodes(tenantID: principal.tenantID)
        return JSONResponse.make(.ok, .object([
            "data": .array(codes.map { code in
                .object([
                    "carrier": .string(code.carrier), "carrier_code": .string(code.code), "count": .number(Double(code.count)),
                    "texts": .array(code.texts.map { .object(["text": .string($0.text), "count": .number(Double($0.count))]) }),
                    "first_seen_at": .time(code.firstSeenAt), "last_seen_at": .time(code.lastSeenAt),
                ])
            }),
        ]))
    }
}
