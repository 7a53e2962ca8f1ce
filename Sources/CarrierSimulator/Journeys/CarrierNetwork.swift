import Foundation

/// Where a carrier picks up, sorts and delivers in the simulation: real cities and hubs.
struct CarrierNetwork: Sendable {
    let carrier: String
    let origins: [SimulatedPlace]
    let destinations: [SimulatedPlace]
    /// Sort hubs between origin and destination (in the destination's country), picked at random.
    let hubs: [SimulatedPlace]
    /// Fixed gateways for international routes (export hub, import hub), customs at the import hub.
    let gateways: [String: [SimulatedPlace]]
    /// Service names with their transit days and weights.
    let services: [(name: String, days: ClosedRange<Int>, weight: Double)]
    /// Whether the carrier delivers on Saturdays.
    let deliversSaturdays: Bool
    /// What a pickup point is called ("UPS Access Point", ...).
    let pickupPoint: String

    static func network(for carrier: String) -> CarrierNetwork {
        switch carrier {
        case "fedex": fedEx
        case "usps": usps
        case "dhl", "dhl_express": dhl
        default: ups
        }
    }

    static let usCities: [SimulatedPlace] = [
        .init("NEW YORK", "NY", "10001", "US"), .init("BROOKLYN", "NY", "11201", "US"),
        .init("LOS ANGELES", "CA", "90012", "US"), .init("CHICAGO", "IL", "60607", "US"),
        .init("HOUSTON", "TX", "77002", "US"), .init("PHOENIX", "AZ", "85004", "US"),
        .init("PHILADELPHIA", "PA", "19103", "US"), .init("SAN ANTONIO", "TX", "78205", "US"),
        .init("SAN DIEGO", "CA", "92101", "US"), .init("DALLAS", "TX", "75201", "US"),
        .init("SEATTLE", "WA", "98101", "US"), .init("DENVER", "CO", "80202", "US"),
        .init("BOSTON", "MA", "02108", "US"), .init("ATLANTA", "GA", "30303", "US"),
        .init("MIAMI", "FL", "33130", "US"), .init("PORTLAND", "OR", "97205", "US"),
        .init("MINNEAPOLIS", "MN", "55401", "US"), .init("NASHVILLE", "TN", "37203", "US"),
        .init("SALT LAKE CITY", "UT", "84101", "US"), .init("DETROIT", "MI", "48226", "US"),
        .init("AUSTIN", "TX", "78701", "US"), .init("SAN FRANCISCO", "CA", "94103", "US"),
    ]

    static let ups = CarrierNetwork(
        carrier: "ups", origins: usCities, destinations: usCities,
        hubs: [
            .init("LOUISVILLE", "KY", "40209", "US"), .init("HODGKINS", "IL", "60525", "US"),
            .init("ONTARIO", "CA", "91761", "US"), .init("MESQUITE", "TX", "75149", "US"),
            .init("ATLANTA", "GA", "30336", "US"), .init("SECAUCUS", "NJ", "07094", "US"),
            .init("EARTH CITY", "MO", "63045", "US"), .init("COMMERCE CITY", "CO", "80022", "US"),
        ],
        gateways: [:],
        services: [("UPS Ground", 1...5, 60), ("UPS 2nd Day Air", 2...2, 20), ("UPS 3 Day Select", 3...3, 10),
                   ("UPS Next Day Air", 1...1, 5), ("UPS SurePost", 3...7, 5)],
        deliversSaturdays: false, pickupPoint: "UPS Access Point")

    static let fedEx = CarrierNetwork(
        carrier: "fedex", origins: usCities, destinations: usCities,
        hubs: [
            .init("MEMPHIS", "TN", "38118", "US"), .init("INDIANAPOLIS", "IN", "46241", "US"),
            .init("OAKLAND", "CA", "94621", "US"), .init("NEWARK", "NJ", "07114", "US"),
            .init("FORT WORTH", "TX", "76177", "US"), .init("HUTCHINS", "TX", "75141", "US"),
            .init("ALLENTOWN", "PA", "18106", "US"), .init("TROUTDALE", "OR", "97060", "US"),
        ],
        gateways: [:],
        services: [("FedEx Ground", 1...5, 55), ("FedEx Home Delivery", 2...6, 20), ("FedEx 2Day", 2...2, 12),
                   ("FedEx Priority Overnight", 1...1, 8), ("FedEx Express Saver", 3...3, 5)],
        deliversSaturdays: false, pickupPoint: "FedEx Office")

    static let usps = CarrierNetwork(
        carrier: "usps", origins: usCities, destinations: usCities,
        hubs: [
            .init("JERSEY CITY", "NJ", "07097", "US"), .init("ATLANTA", "GA", "30349", "US"),
            .init("DALLAS", "TX", "75261", "US"), .init("DENVER", "CO", "80249", "US"),
            .init("BELL", "CA", "90201", "US"), .init("FOREST PARK", "IL", "60130", "US"),
            .init("FEDERAL WAY", "WA", "98003", "US"), .init("MEMPHIS", "TN", "38118", "US"),
        ],
        gateways: [:],
        services: [("USPS Ground Advantage", 2...5, 60), ("Priority Mail", 1...3, 30), ("Priority Mail Express", 1...2, 5),
                   ("Parcel Select", 3...7, 5)],
        deliversSaturdays: true, pickupPoint: "Post Office")

    static let dhl = CarrierNetwork(
        carrier: "dhl",
        origins: [
            .init("BERLIN", nil, "10115", "DE"), .init("HAMBURG", nil, "20095", "DE"), .init("MUNICH", nil, "80331", "DE"),
            .init("COLOGNE", nil, "50667", "DE"), .init("FRANKFURT AM MAIN", nil, "60311", "DE"),
            .init("STUTTGART", nil, "70173", "DE"), .init("DUSSELDORF", nil, "40213", "DE"),
        ],
        destinations: usCities + [
            .init("LONDON", nil, "EC1A 1BB", "GB"), .init("MANCHESTER", nil, "M1 1AE", "GB"),
        ],
        hubs: [
            .init("ERLANGER", "KY", "41018", "US"), .init("JAMAICA", "NY", "11434", "US"), .init("LOS ANGELES", "CA", "90045", "US"),
            .init("CHICAGO", "IL", "60666", "US"), .init("ATLANTA", "GA", "30320", "US"), .init("MIAMI", "FL", "33166", "US"),
            .init("DALLAS", "TX", "75261", "US"), .init("HEATHROW", nil, "TW6 2JS", "GB"), .init("COVENTRY", nil, "CV8 3AZ", "GB"),
            .init("BRISTOL", nil, "BS48 3DY", "GB"),
        ],
        gateways: [
            "US": [.init("LEIPZIG", nil, "04435", "DE"), .init("HEBRON", "KY", "41048", "US")],
            "GB": [.init("LEIPZIG", nil, "04435", "DE"), .init("EAST MIDLANDS", nil, "DE74 2TR", "GB")],
        ],
        services: [("DHL Express Worldwide", 2...4, 70), ("DHL Parcel International", 4...7, 30)],
        deliversSaturdays: false, pickupPoint: "DHL ServicePoint")
}
