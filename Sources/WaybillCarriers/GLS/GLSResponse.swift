/// GLS Track And Trace V1 `tracking/simple` response (carriers.md §14).
struct GLSResponse: Decodable {
    var parcels: [Parcel]?

    struct Parcel: Decodable {
        var requested: String?
        var unitno: String?
        var status: String?
        var statusDateTime: String?
        var events: [Event]?
        var errorCode: String?
        var errorMessage: String?
    }

    struct Event: Decodable {
        var code: String
        var description: String?
        var city: String?
        var postalCode: String?
        var country: String?
        var eventDateTime: String?
    }
}
