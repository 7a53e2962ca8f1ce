import WaybillCore
import WaybillIngest

extension APIError {
    /// 400 for an unknown carrier (naming the field and listing the known ids), 409 for a number of another order.
    static func registration(_ failure: ShipmentRegistrar.Failure) -> APIError {
        switch failure {
        case .invalidTrackingNumber(let problem):
            return .invalidField(InvalidField(path: "tracking_number", reason: String(problem.dropFirst("tracking_number ".count))))
        case .unknownCarrier(let carrier, let known):
            let reason = "is not a carrier Waybill knows: \"\(carrier)\"; use one of \(known.joined(separator: ", ")), "
                + "post_ and the country code for another post (post_cv), or leave it out to detect it from the number"
            return APIError(status: .badRequest, code: "invalid_request", message: "carrier \(reason)",
                            details: .object(["path": .string("carrier"), "reason": .string(reason),
                                              "known_carriers": .array(known.map(JSONValue.string))]))
        case .orderConflict(let conflict):
            return APIError(
                status: .conflict, code: "order_conflict",
                message: "tracking_number \(conflict.trackingNumber) is registered to order \(conflict.currentOrderID); "
                    + "send \"reassign_order\": true to move it to order \(conflict.requestedOrderID)",
                details: .object([
                    "path": .string("order_id"), "shipment_id": .string(conflict.shipmentID),
                    "current_order_id": .string(conflict.currentOrderID), "requested_order_id": .string(conflict.requestedOrderID),
                ]))
        }
    }
}
