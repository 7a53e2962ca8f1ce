import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import WaybillCore
#if canImport(Glibc)
import Glibc
#endif

/// Paths and processes for the real-browser tests.
enum BrowserEnvironment {
    static let chromium = "/usr/bin/chromium"
    static let chromedriver = "/usr/bin/chromedriver"

    static var browserAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: chromium) && FileManager.default.isExecutableFile(atPath: chromedriver)
    }

    static var waybillBinary: URL { WaybillProcess.binary }
    static var artifacts: URL { WaybillProcess.packageRoot.appendingPathComponent(".build/test-artifacts", isDirectory: true) }

    static func freePort() throws -> Int { try WaybillProcess.freePort() }
}

struct BrowserTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A child process that is terminated when the owner is done with it.
final class ChildProcess: @unchecked Sendable {
    let process = Process()
    private let output: URL

    init(_ executable: String, _ arguments: [String], logName: String, environment: [String: String] = [:]) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        try FileManager.default.createDirectory(at: BrowserEnvironment.artifacts, withIntermediateDirectories: true)
        output = BrowserEnvironment.artifacts.appendingPathComponent(logName)
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { stop() }

    /// Runs a command to completion and returns its standard output.
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BrowserTestError("\(executable) \(arguments) exited \(process.terminationStatus)") }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Plain HTTP with JSON bodies over AsyncHTTPClient.
enum HTTP {
    static func send(_ method: HTTPMethod, _ url: String, json: JSONValue? = nil, bearer: String? = nil,
                     timeout: TimeAmount = .seconds(30)) async throws -> (status: Int, json: JSONValue, body: String) {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: json.encoded()))
        }
        if let bearer { request.headers.add(name: "Authorization", value: "Bearer \(bearer)") }
        let response = try await HTTPClient.shared.execute(request, timeout: timeout)
        let buffer = try await response.body.collect(upTo: 20 * 1024 * 1024)
        let data = Data(buffer.readableBytesView)
        return (Int(response.status.code), (try? JSONValue.parse(data)) ?? .null, String(decoding: data, as: UTF8.self))
    }

    /// Polls `url` until it answers 200 or the deadline passes.
    static func waitUntilUp(_ url: String, seconds: Double = 30) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let response = try? await send(.GET, url, timeout: .seconds(2)), response.status == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BrowserTestError("\(url) did not come up within \(seconds) s")
    }
}

/// The W3C WebDriver protocol, as much as the tests need.
struct WebDriver: Sendable {
    let base: String
    let session: String

    static func start(driverURL: String) async throws -> WebDriver {
        let capabilities: JSONValue = .object(["capabilities": .object(["alwaysMatch": .object([
            "browserName": .string("chrome"),
            "goog:chromeOptions": .object([
                "binary": .string(BrowserEnvironment.chromium),
                "args": .array(["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                "--window-size=1024,900", "--lang=en-US"].map(JSONValue.string)),
            ]),
        ])])])
        let response = try await HTTP.send(.POST, driverURL + "/session", json: capabilities, timeout: .seconds(60))
        guard let session = response.json["value"]?["sessionId"]?.stringValue else {
            throw BrowserTestError("no WebDriver session: \(response.body)")
        }
        return WebDriver(base: driverURL + "/session/" + session, session: session)
    }

    @discardableResult
    func command(_ method: HTTPMethod, _ path: String, _ body: JSONValue? = nil) async throws -> JSONValue {
        let response = try await HTTP.send(method, base + path, json: body ?? (method == .POST ? .object([:]) : nil))
        guard response.status == 200 else { throw BrowserTestError("\(method) \(path): \(response.status) \(response.body.prefix(500))") }
        return response.json["value"] ?? .null
    }

    func open(_ url: String) async throws { try await command(.POST, "/url", .object(["url": .string(url)])) }

    func element(_ css: String) async throws -> String {
        let value = try await command(.POST, "/element", .object(["using": .string("css selector"), "value": .string(css)]))
        guard case .object(let members) = value, let id = members.values.first?.stringValue else {
            throw BrowserTestError("no element \(css)")
        }
        return id
    }

    func text(_ css: String) async throws -> String {
        try await command(.GET, "/element/\(try await element(css))/text").stringValue ?? ""
    }

    func click(_ css: String) async throws { try await command(.POST, "/element/\(try await element(css))/click") }

    func type(_ css: String, _ text: String) async throws {
        let id = try await element(css)
        try await command(.POST, "/element/\(id)/clear")
        try await command(.POST, "/element/\(id)/value", .object(["text": .string(text)]))
    }

    func script(_ source: String) async throws -> JSONValue {
        try await command(.POST, "/execute/sync", .object(["script": .string(source), "args": .array([])]))
    }

    /// Polls a script until it returns a non-null value.
    func waitFor(_ source: String, seconds: Double = 15) async throws -> JSONValue {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let value = try await script(source)
            if value != .null { return value }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BrowserTestError("timed out waiting for: \(source)")
    }

    func screenshot(_ name: String) async throws {
        guard let base64 = try await command(.GET, "/screenshot").stringValue, let data = Data(base64Encoded: base64) else { return }
        try FileManager.default.createDirectory(at: BrowserEnvironment.artifacts, withIntermediateDirectories: true)
        try data.write(to: BrowserEnvironment.artifacts.appendingPathComponent(name + ".png"))
    }

    func quit() async {
        _ = try? await HTTP.send(.DELETE, base, timeout: .seconds(10))
    }
}
