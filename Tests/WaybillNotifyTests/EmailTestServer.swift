import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `scripts/smtp-test-server` (Python's aiosmtpd) run as a child process on a free loopback
/// port for one test, with a directory that receives each message.
final class EmailTestServer: @unchecked Sendable {
    let port: Int
    let directory: URL
    private let process: Process
    private let stdin: Pipe

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let script = repositoryRoot.appendingPathComponent("scripts/smtp-test-server")

    /// True when `python3 -c "import aiosmtpd"` works (and openssl exists, for STARTTLS).
    static let isAvailable: Bool = {
        guard let status = try? run(["python3", "-c", "import aiosmtpd"]).status, status == 0 else { return false }
        return (try? run(["openssl", "version"]).status) == 0
    }()

    static let unavailableReason: Comment = "needs python3 with aiosmtpd (pip install aiosmtpd) and openssl"

    /// Starts the server with `arguments` (e.g. `--starttls`, `--user`, `--password`) and waits until it listens.
    init(_ arguments: [String] = []) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("waybill-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.script.path, "--dir", directory.path, "--watch-stdin"] + arguments
        stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        let handle = stdout.fileHandleForReading
        let line: String = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var bytes = Data()
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    bytes += chunk
                    if bytes.contains(UInt8(ascii: "\n")) { break }
                }
                continuation.resume(returning: String(decoding: bytes, as: UTF8.self))
            }
        }
        guard line.hasPrefix("LISTENING "), let port = Int(line.dropFirst(10).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            kill(process.processIdentifier, SIGKILL)
            throw TestServerError(description: "smtp-test-server did not start: \(line)")
        }
        self.port = port
    }

    /// Stops the child process and removes its directory.
    func stop() {
        // SIGKILL: the child may have inherited a blocked SIGTERM; Process.waitUntilExit can hang here.
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? stdin.fileHandleForWriting.close()
        try? FileManager.default.removeItem(at: directory)
    }

    deinit { stop() }

    /// The messages received so far, oldest first, as `.eml` files.
    func receivedFiles() -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".eml") }.sorted().map { directory.appendingPathComponent($0) }
    }

    /// Runs `body` with a started server, stopping it afterwards whatever happens.
    static func with<T>(_ arguments: [String] = [], _ body: (EmailTestServer) async throws -> T) async throws -> T {
        let server = try await EmailTestServer(arguments)
        do {
            let result = try await body(server)
            server.stop()
            return result
        } catch {
            server.stop()
            throw error
        }
    }

    /// The received message as Python's `email` package reads it: an implementation independent of ours.
    static func parse(_ file: URL) throws -> ParsedEmail {
        let program = """
        import email, email.policy, email.utils, json, sys
        raw = open(sys.argv[1], 'rb').read()
        meta = json.load(open(sys.argv[1][:-4] + '.json'))
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        parts = []
        for part in msg.walk():
            if part.is_multipart():
                continue
            parts.append({'content_type': part.get_content_type(), 'charset': part.get_content_charset(),
                          'transfer_encoding': part.get('Content-Transfer-Encoding'), 'content': part.get_content()})
        print(json.dumps({
            'subject': str(msg['subject']), 'from': str(msg['from']), 'to': str(msg['to']),
            'message_id': str(msg['message-id']), 'date': email.utils.parsedate_to_datetime(msg['date']).isoformat(),
            'idempotency_key': str(msg['x-waybill-idempotency-key']), 'content_type': msg.get_content_type(),
            'mime_version': str(msg['mime-version']), 'defects': [str(d) for d in msg.defects],
            'parts': parts, 'raw': raw.decode('ascii'), 'envelope': meta}))
        """
        let result = try run(["python3", "-c", program, file.path])
        guard result.status == 0 else { throw TestServerError(description: "parsing \(file.lastPathComponent) failed") }
        return try JSONDecoder().decode(ParsedEmail.self, from: result.output)
    }

    @discardableResult
    static func run(_ arguments: [String]) throws -> (status: Int32, output: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, data)
    }
}

struct ParsedEmail: Decodable {
    struct Part: Decodable {
        var content_type: String
        var charset: String?
        var transfer_encoding: String?
        var content: String
    }

    struct Envelope: Decodable {
        var mail_from: String
        var rcpt_tos: [String]
        var auth_user: String?
        var tls: Bool
    }

    var subject: String
    var from: String
    var to: String
    var message_id: String
    var date: String
    var idempotency_key: String
    var content_type: String
    var mime_version: String
    var defects: [String]
    var parts: [Part]
    var raw: String
    var envelope: Envelope
}

struct TestServerError: Error, CustomStringConvertible {
    var description: String
}
