import WaybillCore

/// The accepted request bodies of the REST API (kept in step with openapi.json).
enum RequestShapes {
    static let optionalText = JSONShape.nullable(.string(maxLength: 200))

    static let customer = JSONShape.nullable(.object([
        "email": .init(shape: .nullable(.string(maxLength: 320)), required: false),
        "phone": .init(shape: .nullable(.string(maxLength: 64)), required: false),
        "postal_code": .init(shape: .nullable(.string(maxLength: 32)), required: false),
        "locale": .init(shape: .nullable(.string(maxLength: 35)), required: false),
        "time_zone": .init(shape: .nullable(.string(maxLength: 64)), required: false),
    ]))

    static let metadata = JSONShape.nullable(.stringMap(maxEntries: 50))

    static let createShipment = JSONShape.object([
        "tracking_number": .init(shape: .string(maxLength: 100), required: true),
        "carrier": .init(shape: .nullable(.string(maxLength: 40)), required: false),
        "service": .init(shape: optionalText, required: false),
        "order_id": .init(shape: optionalText, required: false),
        "customer": .init(shape: customer, required: false),
        "metadata": .init(shape: metadata, required: false),
        "reassign_order": .init(shape: .nullable(.boolean), required: false),
    ])

    static let location = JSONShape.nullable(.object([
        "city": .init(shape: optionalText, required: false),
        "region": .init(shape: optionalText, required: false),
        "postal_code": .init(shape: .nullable(.string(maxLength: 32)), required: false),
        "country": .init(shape: .nullable(.string(maxLength: 2)), required: false),
        "latitude": .init(shape: .nullable(.number), required: false),
        "longitude": .init(shape: .nullable(.number), required: false),
    ]))

    static let event = JSONShape.object([
        "status": .init(shape: .oneOf(ShipmentStatus.allCases.map(\.rawValue)), required: true),
        "substatus": .init(shape: .nullable(.oneOf(Substatus.allCases.map(\.rawValue))), required: false),
        "reason": .init(shape: .nullable(.oneOf(Reason.allCases.map(\.rawValue))), required: false),
        "occurred_at": .init(shape: .timestamp, required: true),
        "description": .init(shape: .string(maxLength: 1000), required: true),
        "location": .init(shape: location, required: false),
        "action_required": .init(shape: .nullable(.boolean), required: false),
        "carrier_code": .init(shape: .nullable(.string(maxLength: 64)), required: false),
        "informational": .init(shape: .nullable(.boolean), required: false),
        "signed_by": .init(shape: optionalText, required: false),
    ])

    static let appendEvents = JSONShape.object([
        "events": .init(shape: .array(event, maxCount: 1000), required: true),
    ])

    static let lineItem = JSONShape.object([
        "sku": .init(shape: optionalText, required: false),
        "name": .init(shape: .nullable(.string(maxLength: 500)), required: false),
        "quantity": .init(shape: .nullable(.integer(0...1_000_000)), required: false),
    ])

    static let createOrder = JSONShape.object([
        "order_id": .init(shape: .string(maxLength: 200), required: true),
        "customer": .init(shape: customer, required: false),
        "line_items": .init(shape: .nullable(.array(lineItem, maxCount: 500)), required: false),
        "metadata": .init(shape: metadata, required: false),
    ])
}
