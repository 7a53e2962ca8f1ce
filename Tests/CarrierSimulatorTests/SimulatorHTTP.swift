import AsyncHTTPClient
import CarrierSimulator
import Foundation
import NIOCore
import WaybillCarriers
import WaybillCore

/// Real HTTP to the simulator over loopback.
enum SimulatorHTTP {
    struct Reply {
        var status: Int
        var headers: [(String, String)]
        var body: Data

        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
        var json: JSONValue? { try? JSONValue.parse(body) }
    }

    static func send(_ request: CarrierRequest, timeout: TimeAmount = .seconds(10)) async throws -> Reply {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = .RAW(value: request.method)
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await HTTPClient.shared.execute(outgoing, timeout: timeout)
        let body = try await response.body.collect(upTo: 16 << 20)
        return Reply(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
                     body: Data(body.readableBytesView))
    }

    static func get(_ url: String) async throws -> Reply {
        try await send(CarrierRequest(method: "GET", url: url))
    }

    static func post(_ url: String, json: String) async throws -> Reply {
        try await send(CarrierRequest(method: "POST", url: url, headers: ["Content-Type": "application/json"], body: Data(json.utf8)))
    }

    /// The OAuth client-credentials call each carrier documents.
    static func tokenRequest(carrier: String, baseURL: String, clientID: String = "waybill", secret: String = "s3cret") -> CarrierRequest {
        switch carrier {
        case "ups":
            let basic = Data("\(clientID):\(secret)".utf8).base64EncodedString()
            return CarrierRequest(method: "POST", url: baseURL + "/security/v1/oauth/token",
                                  headers: ["Authorization": "Basic \(basic)", "Content-Type": "application/x-www-form-urlencoded"],
                                  body: Data("grant_type=client_credentials".utf8))
        case "fedex":
            return CarrierRequest(method: "POST", url: baseURL + "/oauth/token", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                  body: Data("grant_type=client_credentials&client_id=\(clientID)&client_secret=\(secret)".utf8))
        default:
            return CarrierRequest(method: "POST", url: baseURL + "/oauth2/v3/token", headers: ["Content-Type": "application/json"],
                                  body: Data(#"{"grant_type":"client_credentials","client_id":"\#(clientID)","client_secret":"\#(secret)"}"#.utf8))
        }
    }

    /// Credentials that let `carrier`'s adapter call the simulator (a fresh OAuth token where needed).
    static func configuration(carrier: String, baseURL: String) async throws -> CarrierConfiguration {
        guard carrier != "dhl" else { return CarrierConfiguration(baseURL: baseURL, credentials: ["apiKey": "demo-key"]) }
        let reply = try await send(tokenRequest(carrier: carrier, baseURL: baseURL))
        guard let token = reply.json?["access_token"]?.stringValue else { throw SimulatorTestError.noToken(String(decoding: reply.body, as: UTF8.self)) }
        return CarrierConfiguration(baseURL: baseURL, credentials: ["access_token": token])
    }

    static func adapter(_ carrier: String) -> any CarrierAdapter {
        switch carrier {
        case "ups": UPSAdapter()
        case "fedex": FedExAdapter()
        case "usps": USPSAdapter()
        default: DHLAdapter()
        }
    }
}

enum SimulatorTestError: Error {
    case noToken(String)
}

import Logging

extension CarrierSimulator {
    /// A simulator that logs only critical problems (the server's shutdown on cancellation is noisy).
    static func quiet(_ configuration: CarrierSimulatorConfiguration) -> CarrierSimulator {
        var logger = Logger(label: "carrier-simulator-test")
        logger.logLevel = .critical
        return CarrierSimulator(configuration: configuration, logger: logger)
    }
}
