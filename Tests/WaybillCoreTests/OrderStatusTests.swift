import Testing
@testable import WaybillCore

@Suite("Order status roll-up")
struct OrderStatusTests {
    struct RollUpCase: Sendable, CustomTestStringConvertible {
        let shipments: [ShipmentStatus]
        let order: OrderStatus
        let needsAttention: Bool

        init(_ shipments: [ShipmentStatus], _ order: OrderStatus, attention: Bool = false) {
            self.shipments = shipments
            self.order = order
            self.needsAttention = attention
        }

        var testDescription: String {
            "[\(shipments.map(\.rawValue).joined(separator: ", "))] → \(order.rawValue)"
        }
    }

    static let table: [RollUpCase] = [
        RollUpCase([], .unfulfilled),
        // Nothing with a carrier yet.
        RollUpCase([.pending], .pending),
        RollUpCase([.infoReceived], .pending),
        RollUpCase([.pending, .infoReceived, .pending], .pending),
        // Some with a carrier, some not.
        RollUpCase([.pending, .inTransit], .partiallyShipped),
        RollUpCase([.infoReceived, .outForDelivery], .partiallyShipped),
        RollUpCase([.infoReceived, .exception], .partiallyShipped, attention: true),
        RollUpCase([.pending, .returnedToSender], .partiallyShipped),
        // All with a carrier, none delivered.
        RollUpCase([.inTransit], .inTransit),
        RollUpCase([.inTransit, .outForDelivery], .inTransit),
        RollUpCase([.availableForPickup], .inTransit, attention: true),
        RollUpCase([.attemptFailed, .inTransit], .inTransit, attention: true),
        RollUpCase([.exception], .inTransit, attention: true),
        RollUpCase([.inTransit, .returnedToSender], .inTransit),
        RollUpCase([.expired, .outForDelivery], .inTransit),
        // Some delivered.
        RollUpCase([.delivered, .inTransit], .partiallyDelivered),
        RollUpCase([.delivered, .pending], .partiallyDelivered),
        RollUpCase([.delivered, .returnedToSender], .partiallyDelivered),
        RollUpCase([.delivered, .expired, .delivered], .partiallyDelivered),
        RollUpCase([.exception, .delivered], .partiallyDelivered, attention: true),
        // All delivered.
        RollUpCase([.delivered], .delivered),
        RollUpCase([.delivered, .delivered, .delivered], .delivered),
        // All ended without delivery.
        RollUpCase([.returnedToSender], .returned),
        RollUpCase([.expired], .returned),
        RollUpCase([.returnedToSender, .expired], .returned),
    ]

    @Test(arguments: table)
    func rollsUp(_ row: RollUpCase) {
        #expect(OrderStatus.rollUp(row.shipments) == row.order)
        #expect(OrderStatus.needsAttention(row.shipments) == row.needsAttention)
    }

    @Test(arguments: table)
    func theOrderOfShipmentsDoesNotMatter(_ row: RollUpCase) {
        #expect(OrderStatus.rollUp(row.shipments.reversed()) == row.order)
        #expect(OrderStatus.rollUp(row.shipments.shuffled()) == row.order)
    }

    @Test(arguments: ShipmentStatus.allCases)
    func aSingleShipmentRollsUpToItsOwnStage(_ status: ShipmentStatus) {
        let expected: OrderStatus = switch status {
        case .pending, .infoReceived: .pending
        case .delivered: .delivered
        case .returnedToSender, .expired: .returned
        case .inTransit, .outForDelivery, .availableForPickup, .attemptFailed, .exception: .inTransit
        }
        #expect(OrderStatus.rollUp([status]) == expected)
        #expect(OrderStatus.needsAttention([status]) == [.exception, .attemptFailed, .availableForPickup].contains(status))
    }

    @Test func rawValuesAreSnakeCase() {
        #expect(OrderStatus.partiallyShipped.rawValue == "partially_shipped")
        #expect(OrderStatus.partiallyDelivered.rawValue == "partially_delivered")
        #expect(OrderStatus.inTransit.rawValue == "in_transit")
        #expect(OrderStatus.allCases.count == 7)
    }
}
