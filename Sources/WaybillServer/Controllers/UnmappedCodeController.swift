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

    @Sendable func list(_ request: Request, context: WaybillRequestContext) async throws -> ListResponse<UnmappedCodeResponse> {
        let principal = try context.require(.manageTenant)
        let codes = try await store.unmappedCodes(tenantID: principal.tenantID)
        return ListResponse(data: codes.map(UnmappedCodeResponse.init))
    }
}
