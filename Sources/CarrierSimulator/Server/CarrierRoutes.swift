import Foundation
import Hummingbird
import WaybillCore

/// The carrier endpoints, exactly as Waybill's adapters call them (`trackingRequest(for:configuration:)`).
struct CarrierRoutes: Sendable {
    let simulator: CarrierSimulator

    func add(to router: Router<BasicRequestContext>) {
        router.post("security/v1/oauth/token") { request, _ in try await token(carrier: "ups", request) }
        router.post("oauth/token") { request, _ in try await token(carrier: "fedex", request) }
        router.post("oauth2/v3/token") { request, _ in try await token(carrier: "usps", request) }
        router.get("api/track/v1/details/:number") { request, context in
            try await track(carrier: "ups", request, numbers: [context.parameters.get("number") ?? ""])
        }
        router.post("track/v1/trackingnumbers") { request, _ in
            let body = try await request.bodyData()
            guard let numbers = Self.fedExNumbers(body), !numbers.isEmpty else {
                simulator.recorder.request("fedex", "track")
                return FedExFormat.error(status: 400, code: "TRACKING.TRACKINGNUMBER.EMPTY",
                                         message: "Please provide tracking number.").response
            }
            return try await track(carrier: "fedex", request, numbers: numbers)
        }
        router.get("tracking/v3/tracking/:number") { request, context in
            try await track(carrier: "usps", request, numbers: [context.parameters.get("number") ?? ""])
        }
        router.get("track/shipments") { request, _ in
            guard let number = request.uri.queryParameters.get("trackingNumber"), !number.isEmpty else {
                simulator.recorder.request("dhl", "track")
                return DHLFormat.problem(status: 400, title: "Bad Request", detail: "trackingNumber is required").response
            }
            return try await track(carrier: "dhl", request, numbers: [number])
        }
        router.get("tracking/:version/trackings") { request, _ in
            aggregatorTrackings(request).response
        }
        router.post("api/track/v1/subscription/standard/package") { request, _ in
            try await trackAlertSubscription(request).response
        }
    }

    /// UPS Track Alert v1 subscription: `{locale, countryCode, trackingNumberList, destination{url,
    /// credentialType, credential}}` → `{validTrackingNumbers, invalidTrackingNumbers}`.
    func trackAlertSubscription(_ request: Request) async throws -> SimulatedResponse {
        simulator.recorder.request("ups", "subscription")
        if let denied = authorize("ups", request) {
            simulator.recorder.unauthorized("ups")
            return denied
        }
        let body = try JSONValue.parse(try await request.bodyData())
        let numbers = (body["trackingNumberList"]?.arrayValue ?? []).compactMap(\.stringValue)
        guard !numbers.isEmpty, numbers.count <= 100, let url = body["destination"]?["url"]?.stringValue,
              URL(string: url)?.host != nil else {
            return UPSFormat.error(status: 400, code: "TA0001", message: "trackingNumberList (1 to 100) and destination.url are required")
        }
        let result = simulator.subscribeTrackAlert(numbers: numbers, url: url, credential: body["destination"]?["credential"]?.stringValue)
        return SimulatedResponse(status: 200, json: .object([
            "validTrackingNumbers": .array(result.valid.map(JSONValue.string)),
            "invalidTrackingNumbers": .array(result.invalid.map(JSONValue.string)),
        ]))
    }

    /// AfterShip's tracking API, relaying every simulated carrier's parcels (an aggregator sees
    /// them all): the trackings of the numbers asked for that have a label by now.
    func aggregatorTrackings(_ request: Request) -> SimulatedResponse {
        simulator.recorder.request("aftership", "track")
        guard !(request.header("as-api-key") ?? "").isEmpty else {
            return SimulatedResponse(status: 401, json: .object([
                "meta": .object(["code": .number(401), "message": .string("Invalid API key."), "type": .string("Unauthorized")]),
            ]))
        }
        let numbers = (request.uri.queryParameters.get("tracking_numbers") ?? "").split(separator: ",").map(String.init)
        let now = simulator.clock.now()
        let found = numbers.flatMap { number in
            SimulatedCarrier.all.compactMap { carrier -> (SimulatedJourney, [SimulatedStep])? in
                guard let journey = simulator.shipments.journey(carrier: carrier, trackingNumber: number) else { return nil }
                let steps = journey.visibleSteps(at: now)
                return steps.isEmpty ? nil : (journey, steps)
            }
        }
        return AfterShipFormat.trackings(found)
    }

    /// `{"trackingInfo":[{"trackingNumberInfo":{"trackingNumber":"…"}}]}` → the numbers.
    static func fedExNumbers(_ body: Data) -> [String]? {
        guard let json = try? JSONValue.parse(body), let infos = json["trackingInfo"]?.arrayValue else { return nil }
        return infos.compactMap { $0["trackingNumberInfo"]?["trackingNumber"]?.stringValue }
    }

    func token(carrier: String, _ request: Request) async throws -> Response {
        simulator.recorder.request(carrier, "oauth")
        let credentials = ClientCredentials(body: try await request.bodyData(), contentType: request.headers[.contentType],
                                            authorization: request.headers[.authorization])
        guard credentials.isValid else { return invalidClient(carrier).response }
        let issued = simulator.tokens.issue(carrier: carrier)
        simulator.recorder.token(carrier)
        let clientID = credentials.clientID ?? ""
        return switch carrier {
        case "ups": UPSFormat.token(issued.token, expiresIn: issued.expiresIn, clientID: clientID).response
        case "fedex": FedExFormat.token(issued.token, expiresIn: issued.expiresIn).response
        default: USPSFormat.token(issued.token, expiresIn: issued.expiresIn, clientID: clientID).response
        }
    }

    func invalidClient(_ carrier: String) -> SimulatedResponse {
        switch carrier {
        case "ups": UPSFormat.error(status: 401, code: "10401", message: "ClientId is Invalid")
        case "fedex": FedExFormat.unauthorized()
        default: SimulatedResponse(status: 401, json: .object([
            "error": .string("invalid_client"), "error_description": .string("Client authentication failed"),
        ]))
        }
    }

    func track(carrier: String, _ request: Request, numbers: [String]) async throws -> Response {
        simulator.recorder.request(carrier, "track")
        if let denied = authorize(carrier, request) {
            simulator.recorder.unauthorized(carrier)
            return denied.response
        }
        let fault = simulator.faults.take(carrier: carrier)
        if let fault { simulator.recorder.fault(carrier, fault) }
        switch fault {
        case .rateLimit?:
            return failure(carrier, status: 429, headers: ["Retry-After": String(simulator.configuration.retryAfter)]).response
        case .serverError?:
            return failure(carrier, status: 500).response
        case .timeout?:
            try await Task.sleep(for: .seconds(simulator.configuration.timeoutDelay))
        default:
            break
        }
        let now = simulator.clock.now()
        let tracked = numbers.map { number -> TrackedNumber in
            guard let journey = simulator.shipments.journey(carrier: carrier, trackingNumber: number) else { return .notFound(number) }
            let steps = journey.visibleSteps(at: now)
            // Before the label exists the carrier has never heard of the number.
            guard !steps.isEmpty else { return .notFound(number) }
            return .found(journey, steps: Self.apply(fault, to: steps, salt: now))
        }
        var response = render(carrier, tracked)
        if fault == .malformed { response.body = FormatSupport.garble(response.body) }
        return response.response
    }

    func render(_ carrier: String, _ tracked: [TrackedNumber]) -> SimulatedResponse {
        switch carrier {
        case "ups": UPSFormat.track(tracked[0])
        case "fedex": FedExFormat.track(tracked)
        case "usps": USPSFormat.track(tracked[0])
        default: DHLFormat.track(tracked[0])
        }
    }

    /// Shuffles or repeats events for the `out_of_order` and `duplicate` faults.
    static func apply(_ fault: FaultKind?, to steps: [SimulatedStep], salt: Date) -> [SimulatedStep] {
        switch fault {
        case .outOfOrder?:
            guard steps.count > 1 else { return steps }
            var random = SimulationRandom(seed: UInt64(bitPattern: Int64(salt.timeIntervalSince1970 * 1000)))
            let shuffled = steps.shuffled(using: &random)
            // A shuffle that happens to keep the order would hide the fault.
            return shuffled == steps ? steps.reversed() : shuffled
        case .duplicate?:
            return steps.flatMap { [$0, $0] }
        default:
            return steps
        }
    }

    /// A 401 in the carrier's shape when the call lacks valid credentials.
    func authorize(_ carrier: String, _ request: Request) -> SimulatedResponse? {
        if carrier == "dhl" {
            let key = request.header("DHL-API-Key") ?? ""
            let accepted = simulator.configuration.dhlAPIKey.map { $0 == key } ?? !key.isEmpty
            return accepted ? nil : DHLFormat.unauthorized()
        }
        guard simulator.tokens.check(authorization: request.headers[.authorization], carrier: carrier) != .valid else { return nil }
        return switch carrier {
        case "ups": UPSFormat.unauthorized()
        case "fedex": FedExFormat.unauthorized()
        default: USPSFormat.unauthorized()
        }
    }

    func failure(_ carrier: String, status: Int, headers: [String: String] = [:]) -> SimulatedResponse {
        let limited = status == 429
        return switch carrier {
        case "ups": UPSFormat.error(status: status, code: limited ? "429" : "9999",
                                    message: limited ? "Rate Limit Exceeded" : "General system failure", headers: headers)
        case "fedex": FedExFormat.error(status: status, code: limited ? "TOO.MANY.REQUESTS" : "INTERNAL.SERVER.ERROR",
                                        message: limited ? "We have received too many requests in a short duration. Please wait a while to try again."
                                            : "We encountered an unexpected error and are working to resolve the issue. We apologize for any inconvenience. Please check back at a later time.",
                                        headers: headers)
        case "usps": USPSFormat.error(status: status, code: limited ? "429" : "500",
                                      message: limited ? "Too Many Requests" : "Internal Server Error", headers: headers)
        default: DHLFormat.problem(status: status, title: limited ? "Too many requests" : "Internal Server Error",
                                   detail: limited ? "Rate limit exceeded for given API key." : "The server encountered an unexpected condition.",
                                   headers: headers)
        }
    }
}
