/// Why a carrier call failed.
public enum PollError: Error, Sendable, Hashable, CustomStringConvertible {
    case tokenRejected(status: Int)
    case tokenUnreadable
    case missingCredentials(carrier: String)
    case http(status: Int)
    case transport(String)

    public var description: String {
        switch self {
        case .tokenRejected(let status): "the token endpoint answered \(status)"
        case .tokenUnreadable: "the token endpoint's answer has no access_token"
        case .missingCredentials(let carrier): "\(carrier) needs CLIENT_ID and CLIENT_SECRET for OAuth"
        case .http(let status): "the carrier answered \(status)"
        case .transport(let reason): reason
        }
    }
}
