import Foundation

/// What Waybill needs to talk to one carrier (or aggregator): how to authenticate and ask for
/// tracking, how its webhooks prove where they come from, and how other services name it.
/// Parsing what it answers is `PayloadFormat`'s job.
public protocol CarrierAPI: Sendable {
    /// Registry id, the same as the carrier's `PayloadFormat.id`.
    var id: String { get }
    var auth: CarrierAuthScheme { get }

    /// The request that asks the carrier for these tracking numbers (the poller sends it).
    func trackingRequest(for trackingNumbers: [String], configuration: CarrierConfiguration) -> CarrierRequest

    /// How the carrier signs its webhooks; Waybill's own signature for carriers without a scheme.
    var webhookVerification: WebhookVerification { get }

    /// Other registry ids that are the same company's APIs for the same parcels (DHL's unified
    /// API tracks DHL Express parcels): data of one finds a shipment registered under the other.
    /// The relation is symmetric; one side declares it.
    var sameCompanyIDs: Set<String> { get }

    /// What aggregators call this carrier, by aggregator id (`aftership` → `["dhl-germany"]`),
    /// where their name differs from the registry id; matched without regard to case.
    var aggregatorNames: [String: [String]] { get }
}

extension CarrierAPI {
    public var webhookVerification: WebhookVerification { .waybillSignature }
    public var sameCompanyIDs: Set<String> { [] }
    public var aggregatorNames: [String: [String]] { [:] }
}

/// A carrier Waybill reads and talks to: its document format and its API.
public typealias CarrierAdapter = CarrierAPI & PayloadFormat

/// How a carrier authenticates API calls.
public enum CarrierAuthScheme: Sendable, Hashable {
    /// OAuth2 client credentials: POST to `tokenPath` for a bearer token.
    case oauth2ClientCredentials(tokenPath: String)
    /// An API key sent in a header.
    case apiKeyHeader(name: String)
    /// HTTP Basic with the account's user and password.
    case basic
    /// Credentials inside the request body (SOAP, XML-PI).
    case inBody
    /// A webhook-only carrier: nothing to call.
    case none
}

/// Where and as whom to call a carrier; base URLs are configuration so tests use the simulator.
public struct CarrierConfiguration: Sendable, Hashable {
    public var baseURL: String
    public var credentials: [String: String]

    public init(baseURL: String, credentials: [String: String] = [:]) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.credentials = credentials
    }
}

/// An HTTP request to send, without sending it.
public struct CarrierRequest: Sendable, Hashable {
    public var method: String
    public var url: String
    public var headers: [String: String]
    public var body: Data?

    public init(method: String, url: String, headers: [String: String] = [:], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}
