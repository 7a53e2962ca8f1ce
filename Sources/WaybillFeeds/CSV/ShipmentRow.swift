/// One shipment to register, as a row of a shipments CSV said it (`CSVShipmentsReader`).
/// Registering it is the ingest layer's job.
public struct ShipmentRow: Sendable, Hashable {
    /// The line the row starts on, for messages about it later.
    public var line: Int
    public var trackingNumber: String
    /// Carrier id, lower-cased; nil to detect it from the number.
    public var carrier: String?
    public var orderID: String?
    public var email: String?
    public var phone: String?
    public var postalCode: String?
    /// BCP 47 tag such as `en-GB`.
    public var locale: String?
    /// IANA zone such as `Europe/Paris`.
    public var timeZone: String?
    /// `meta_<key>` columns, keyed without the prefix; empty cells are left out.
    public var metadata: [String: String]

    public init(line: Int, trackingNumber: String, carrier: String? = nil, orderID: String? = nil, email: String? = nil,
                phone: String? = nil, postalCode: String? = nil, locale: String? = nil, timeZone: String? = nil,
                metadata: [String: String] = [:]) {
        self.line = line
        self.trackingNumber = trackingNumber
        self.carrier = carrier
        self.orderID = orderID
        self.email = email
        self.phone = phone
        self.postalCode = postalCode
        self.locale = locale
        self.timeZone = timeZone
        self.metadata = metadata
    }
}
