import Foundation

/// Decodes a carrier's JSON into the adapter's Codable structs; a mismatch becomes a
/// `CarrierParseError` naming the JSON path (`trackResponse.shipment[0].package`).
public enum CarrierJSON {
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, carrier: String) throws(CarrierParseError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw CarrierParseError(carrier: carrier, location: path(of: error), reason: reason(of: error))
        } catch {
            throw CarrierParseError(carrier: carrier, location: "", reason: "\(error)")
        }
    }

    static func path(of error: DecodingError) -> String {
        let codingPath: [any CodingKey]
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            codingPath = context.codingPath
        case .keyNotFound(let key, let context):
            codingPath = context.codingPath + [key]
        @unknown default:
            codingPath = []
        }
        var path = ""
        for key in codingPath {
            if let index = key.intValue { path += "[\(index)]" } else { path += (path.isEmpty ? "" : ".") + key.stringValue }
        }
        return path
    }

    static func reason(of error: DecodingError) -> String {
        switch error {
        case .typeMismatch(let type, _): "expected \(type)"
        case .valueNotFound(let type, _): "expected \(type), found null"
        case .keyNotFound(let key, _): "missing field \(key.stringValue)"
        case .dataCorrupted(let context):
            context.underlyingError.map { "malformed JSON: \($0)" }
                ?? (context.codingPath.isEmpty ? "malformed JSON: \(context.debugDescription)" : context.debugDescription)
        @unknown default: "\(error)"
        }
    }
}
