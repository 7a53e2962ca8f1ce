/// One La Poste Suivi v2 answer (carriers.md §16); several ids give an array of these.
/// La Poste's API gateway (Okapi) answers a refused call (429 quota, 503) without `returnCode`,
/// as `{code, message}`.
struct LaPosteResponse: Decodable {
    var returnCode: Int?
    var returnMessage: String?
    var code: String?
    var message: String?
    var lang: String?
    var idShip: String?
    var shipment: Shipment?

    struct Shipment: Decodable {
        var idShip: String
        var product: String?
        var isFinal: Bool?
        var entryDate: String?
        var deliveryDate: String?
        var estimDate: String?
        var event: [Event]?
        var contextData: ContextData?
        var url: String?
    }

    struct Event: Decodable {
        var code: String
        var label: String?
        var date: String?
    }

    struct ContextData: Decodable {
        var originCountry: String?
        var arrivalCountry: String?
    }
}
